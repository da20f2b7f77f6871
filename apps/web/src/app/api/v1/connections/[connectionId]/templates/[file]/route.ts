import { AppError, getConnection } from "@guardrail/core";
import { z } from "zod";
import { getEnv } from "@/env";
import { listTemplateFiles } from "@/server/connection-templates";
import { withApiErrors } from "@/server/http";
import { getDb } from "@/server/services";
import { requireApiScope } from "@/server/session";

export const dynamic = "force-dynamic";

/** Downloads one onboarding template of a connection of the caller's tenant. */
export const GET = withApiErrors(
  "GET /api/v1/connections/:id/templates/:file",
  async (_req: Request, ctx: { params: Promise<{ connectionId: string; file: string }> }) => {
    const scope = await requireApiScope();
    const { connectionId, file } = await ctx.params;
    if (!z.string().uuid().safeParse(connectionId).success) throw new AppError("NOT_FOUND", "Connection not found.");
    const connection = await getConnection({ db: getDb(), scope, connectionId });
    const vendor = getEnv().GUARDRAIL_VENDOR_PRINCIPAL_ARN;
    if (!vendor) throw new AppError("UNAVAILABLE", "GUARDRAIL_VENDOR_PRINCIPAL_ARN is not configured on this server.");
    const template = listTemplateFiles(connection, vendor).find((t) => t.file === file);
    if (!template) throw new AppError("NOT_FOUND", "No such template.");
    return new Response(template.content, {
      headers: {
        "Content-Type": file.endsWith(".json") ? "application/json" : "text/plain; charset=utf-8",
        "Content-Disposition": `attachment; filename="${template.file.replace(/^terraform-/, "")}"`,
        "Cache-Control": "no-store",
      },
    });
  },
);
