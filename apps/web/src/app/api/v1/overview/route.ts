import {
  can,
  getOrganizationKpis,
  getPostureOverview,
  getWorkspaceSummary,
} from "@guardrail/core";
import { NextResponse } from "next/server";
import { withApiErrors } from "@/server/http";
import { getDb } from "@/server/services";
import { requireApiScope } from "@/server/session";

export const dynamic = "force-dynamic";

/** GET /api/v1/overview: estate size, posture (score, 30-day series, week), riskiest scopes, organization KPIs. */
export const GET = withApiErrors("GET /api/v1/overview", async () => {
  const scope = await requireApiScope();
  const db = getDb();
  const now = new Date();
  const [summary, posture, kpis] = await Promise.all([
    getWorkspaceSummary(db, scope),
    getPostureOverview({ db, scope, now }),
    can(scope.role, "organization.read")
      ? getOrganizationKpis({ db, scope, now })
      : Promise.resolve(null),
  ]);
  return NextResponse.json({ summary, posture, kpis });
});
