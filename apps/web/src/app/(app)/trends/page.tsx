import {
  can,
  getOrganizationKpis,
  defaultTrendTarget,
  getBusinessUnitLeague,
  getPostureTrend,
  isAppError,
  listTrendTargets,
} from "@guardrail/core";
import type { Metadata } from "next";
import Link from "next/link";
import { LeagueTable } from "@/components/charts/league-table";
import {
  parseTrendParams,
  type TSearchParams,
  type TTrendQuery,
} from "@/components/charts/trend-params";
import { KpiPanel } from "@/components/overview/kpi-panel";
import { getDb } from "@/server/services";
import { requirePageScope } from "@/server/session";
import { TrendControls } from "./trend-controls";
import { TrendsView } from "./trends-view";

export const metadata: Metadata = { title: "Trends" };

function Problem({ message }: { message: string }) {
  return (
    <div className="stack">
      <h1>Trends</h1>
      <div className="alert error" role="alert">
        <p>{message}</p>
        <Link href="/trends">Back to the default trend</Link>
      </div>
    </div>
  );
}

export default async function TrendsPage({
  searchParams,
}: {
  searchParams: Promise<TSearchParams>;
}) {
  const scope = await requirePageScope();
  let query: TTrendQuery;
  try {
    query = parseTrendParams(await searchParams);
  } catch (err) {
    if (!isAppError(err)) throw err;
    return <Problem message={`These trend settings are not valid: ${err.message}`} />;
  }
  const db = getDb();
  const now = new Date();
  const target = query.target ?? (await defaultTrendTarget({ db, scope }));
  if (!target) {
    return (
      <div className="stack">
        <h1>Trends</h1>
        <p className="muted">
          You own no business unit yet: ask an administrator to make you the owner of one.
        </p>
      </div>
    );
  }
  let trend;
  try {
    trend = await getPostureTrend({ db, scope, range: query.range, target, now });
  } catch (err) {
    if (isAppError(err) && (err.code === "FORBIDDEN" || err.code === "VALIDATION"))
      return <Problem message={err.message} />;
    throw err;
  }
  const [league, targets, kpis] = await Promise.all([
    getBusinessUnitLeague({ db, scope, range: query.range, now }),
    listTrendTargets({ db, scope }),
    can(scope.role, "organization.read")
      ? getOrganizationKpis({ db, scope, now })
      : Promise.resolve(null),
  ]);
  const targetId = target.type === "TENANT" ? "" : target.id;
  const known = targets.some((o) => o.type === target.type && o.id === targetId);
  const options = known
    ? targets
    : [...targets, { type: target.type, id: targetId, label: targetId }];
  const scopeLabel = options.find((o) => o.type === target.type && o.id === targetId)?.label ?? "";
  return (
    <div className="stack">
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h1 style={{ margin: 0 }}>Trends</h1>
        <span className="muted small">
          {trend.from} → {trend.to} (UTC days; accounts not scanned on a day carry their last
          figures forward)
        </span>
      </div>
      <TrendControls range={query.range} target={target} options={options} />
      {trend.days.length === 0 ? (
        <p className="alert info" role="status">
          No snapshot yet for {scopeLabel || "this scope"} in this range — first scan pending, or
          nothing was recorded in it.
        </p>
      ) : null}
      <TrendsView days={trend.days} weeks={trend.weeks} mttr={trend.mttr} scopeLabel={scopeLabel} />
      <LeagueTable rows={league} range={query.range} />
      {kpis ? <KpiPanel kpis={kpis} /> : null}
    </div>
  );
}
