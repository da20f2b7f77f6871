import { getBlastRadius } from "@guardrail/core";
import { NextResponse } from "next/server";
import { withApiErrors } from "@/server/http";
import { getDb } from "@/server/services";
import { requireApiScope } from "@/server/session";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/graph/blast-radius?nodeId=<ARN or node id>[&maxDepth=6][&limit=500]
 * Everything the principal or workload can reach in the current access graph, with the path and
 * the permission of each hop, counts by account and kind, and the principal's classification.
 */
export const GET = withApiErrors("GET /api/v1/graph/blast-radius", async (request: Request) => {
  const scope = await requireApiScope();
  const url = new URL(request.url);
  const result = await getBlastRadius({
    db: getDb(),
    scope,
    query: {
      nodeId: url.searchParams.get("nodeId") ?? "",
      ...(url.searchParams.has("maxDepth") ? { maxDepth: url.searchParams.get("maxDepth") as unknown as number } : {}),
      ...(url.searchParams.has("limit") ? { limit: url.searchParams.get("limit") as unknown as number } : {}),
    },
  });
  return NextResponse.json(result);
});
