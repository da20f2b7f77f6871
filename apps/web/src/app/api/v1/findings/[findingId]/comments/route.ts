import { addFindingComment, AppError, authorize } from "@guardrail/core";
import { NextResponse } from "next/server";
import { z } from "zod";
import { withApiErrors } from "@/server/http";
import { getDb } from "@/server/services";
import { requireApiScope } from "@/server/session";

export const dynamic = "force-dynamic";

/** POST /api/v1/findings/:findingId/comments {"body": "…"}: BU owners and analysts comment. */
export const POST = withApiErrors(
  "POST /api/v1/findings/:id/comments",
  async (request: Request, ctx: { params: Promise<{ findingId: string }> }) => {
    const scope = await requireApiScope();
    authorize(scope, "findings.comment");
    const { findingId } = await ctx.params;
    const body = z.object({ body: z.string() }).safeParse(await request.json().catch(() => null));
    if (!body.success) throw new AppError("VALIDATION", 'Send {"body": "…"}.');
    const r = await addFindingComment({
      db: getDb(),
      scope,
      findingId,
      body: body.data.body,
      now: new Date(),
    });
    return NextResponse.json(r, { status: 201 });
  },
);
