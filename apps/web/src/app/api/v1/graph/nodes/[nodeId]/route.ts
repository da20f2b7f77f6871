import { getGraphNode } from "@guardrail/core";
import { NextResponse } from "next/server";
import { withApiErrors } from "@/server/http";
import { getDb } from "@/server/services";
import { requireApiScope } from "@/server/session";

export const dynamic = "force-dynamic";

/** GET /api/v1/graph/nodes/<URL-encoded ARN>: one node of the access graph and its outgoing edges. */
export const GET = withApiErrors(
  "GET /api/v1/graph/nodes/[nodeId]",
  async (_request: Request, ctx: { params: Promise<{ nodeId: string }> }) => {
    const scope = await requireApiScope();
    const { nodeId } = await ctx.params;
    const result = await getGraphNode({ db: getDb(), scope, nodeId: decodeURIComponent(nodeId) });
    return NextResponse.json(result);
  },
);
