import { getResource } from "@guardrail/core";
import { NextResponse } from "next/server";
import { withApiErrors } from "@/server/http";
import { getDb } from "@/server/services";
import { requireApiScope } from "@/server/session";

export const dynamic = "force-dynamic";

/** GET /api/v1/resources/<Resource.id>: configuration, tags, findings, changes, related resources. */
export const GET = withApiErrors(
  "GET /api/v1/resources/[resourceId]",
  async (_request: Request, ctx: { params: Promise<{ resourceId: string }> }) => {
    const scope = await requireApiScope();
    const { resourceId } = await ctx.params;
    return NextResponse.json(await getResource({ db: getDb(), scope, resourceId }));
  },
);
