import { getFinding } from "@guardrail/core";
import { NextResponse } from "next/server";
import { withApiErrors } from "@/server/http";
import { getDb } from "@/server/services";
import { requireApiScope } from "@/server/session";

export const dynamic = "force-dynamic";

/** GET /api/v1/findings/:findingId: the finding, its history, resource, owner and suppression. */
export const GET = withApiErrors(
  "GET /api/v1/findings/:id",
  async (_request: Request, ctx: { params: Promise<{ findingId: string }> }) => {
    const scope = await requireApiScope();
    const { findingId } = await ctx.params;
    return NextResponse.json(await getFinding({ db: getDb(), scope, findingId }));
  },
);
