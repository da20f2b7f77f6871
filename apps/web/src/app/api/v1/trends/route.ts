import {
  defaultTrendTarget,
  getBusinessUnitLeague,
  getPostureTrend,
  listTrendTargets,
} from "@guardrail/core";
import { NextResponse, type NextRequest } from "next/server";
import { parseTrendParams } from "@/components/charts/trend-params";
import { withApiErrors } from "@/server/http";
import { getDb } from "@/server/services";
import { requireApiScope } from "@/server/session";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/trends?range=30d|90d|365d&scope=TENANT|OU|BUSINESS_UNIT|ACCOUNT&id=…
 * The posture trend of one scope (daily series, weekly new vs resolved, MTTR by severity), the
 * business-unit league table and the scopes one may choose. A BU_OWNER: their business units only.
 */
export const GET = withApiErrors("GET /api/v1/trends", async (request: NextRequest) => {
  const scope = await requireApiScope();
  const query = parseTrendParams(request.nextUrl.searchParams);
  const db = getDb();
  const now = new Date();
  const target = query.target ?? (await defaultTrendTarget({ db, scope }));
  if (!target) return NextResponse.json({ trend: null, league: [], targets: [] });
  const [trend, league, targets] = await Promise.all([
    getPostureTrend({ db, scope, range: query.range, target, now }),
    getBusinessUnitLeague({ db, scope, range: query.range, now }),
    listTrendTargets({ db, scope }),
  ]);
  return NextResponse.json({ trend, league, targets });
});
