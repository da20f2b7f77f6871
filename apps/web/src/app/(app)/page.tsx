import {
  can,
  getOrganizationKpis,
  getPostureOverview,
  getWorkspaceSummary,
  listScans,
} from "@guardrail/core";
import type { Metadata } from "next";
import Link from "next/link";
import { KpiPanel } from "@/components/overview/kpi-panel";
import { LiveScan } from "@/components/overview/live-scan";
import { PostureSummary } from "@/components/overview/posture-summary";
import { RiskiestList, TopFailingRules } from "@/components/overview/risk-lists";
import { getDb } from "@/server/services";
import { requirePageScope } from "@/server/session";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const scope = await requirePageScope();
  const db = getDb();
  const now = new Date();
  const [summary, posture, kpis, scans] = await Promise.all([
    getWorkspaceSummary(db, scope),
    can(scope.role, "trends.read") ? getPostureOverview({ db, scope, now }) : Promise.resolve(null),
    can(scope.role, "organization.read")
      ? getOrganizationKpis({ db, scope, now })
      : Promise.resolve(null),
    can(scope.role, "scans.read") ? listScans({ db, scope, take: 1 }) : Promise.resolve(null),
  ]);
  const kpiTiles = [
    { label: "AWS Organizations connected", value: summary.connections },
    { label: "Accounts", value: summary.accounts },
    { label: "Resources", value: summary.resources },
    {
      label: summary.openFindingsAtLatestEvaluation
        ? "Open findings (at the latest scan)"
        : "Open findings",
      value: summary.openFindings,
    },
  ];
  const latestScan = scans?.[0] ?? null;
  const isBuOwner = scope.role === "BU_OWNER";
  return (
    <div className="stack">
      <h1>Overview</h1>
      <section className="grid" aria-label="Estate">
        {kpiTiles.map((k) => (
          <div className="panel kpi" key={k.label}>
            <div className="value">{k.value.toLocaleString("en-US")}</div>
            <div className="label">{k.label}</div>
          </div>
        ))}
      </section>
      {posture ? <PostureSummary posture={posture} /> : null}
      {scans ? (
        <section className="panel" aria-labelledby="latest-scan">
          <h2 id="latest-scan">Latest scan</h2>
          {latestScan ? (
            <LiveScan scanId={latestScan.id} />
          ) : (
            <p className="muted">No scan has run yet.</p>
          )}
        </section>
      ) : null}
      {posture ? (
        <div
          className="grid"
          style={{
            gridTemplateColumns: "repeat(auto-fit, minmax(300px, 1fr))",
            alignItems: "start",
          }}
        >
          <TopFailingRules rules={posture.topFailingRules} />
          {isBuOwner ? null : (
            <RiskiestList
              title="Riskiest accounts"
              testId="riskiest-accounts"
              rows={posture.riskiestAccounts}
              href={(id) => `/trends?range=30d&scope=ACCOUNT&id=${id}`}
              empty="No account snapshot yet — first scan pending."
            />
          )}
          <RiskiestList
            title={isBuOwner ? "Your business units" : "Riskiest business units"}
            testId="riskiest-business-units"
            rows={posture.riskiestBusinessUnits}
            href={(id) => `/trends?range=30d&scope=BUSINESS_UNIT&id=${id}`}
            empty="No business unit has findings yet."
          />
        </div>
      ) : null}
      {kpis ? <KpiPanel kpis={kpis} /> : null}
      {posture?.latest ? (
        <p className="small">
          <Link href="/trends">See the trends over 30, 90 and 365 days →</Link>
        </p>
      ) : null}
    </div>
  );
}
