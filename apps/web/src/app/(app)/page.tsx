import { getWorkspaceSummary } from "@guardrail/core";
import type { Metadata } from "next";
import { getDb } from "@/server/services";
import { requirePageScope } from "@/server/session";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const scope = await requirePageScope();
  const summary = await getWorkspaceSummary(getDb(), scope);
  const kpis = [
    { label: "AWS Organizations connected", value: summary.connections },
    { label: "Accounts", value: summary.accounts },
    { label: "Resources", value: summary.resources },
    { label: "Open findings", value: summary.openFindings },
  ];
  return (
    <>
      <h1>Overview</h1>
      <section className="grid" aria-label="Estate">
        {kpis.map((k) => (
          <div className="panel kpi" key={k.label}>
            <div className="value">{k.value.toLocaleString("en-US")}</div>
            <div className="label">{k.label}</div>
          </div>
        ))}
      </section>
      <section className="panel" style={{ marginTop: "1rem" }} aria-label="Latest scan">
        <h2>Latest scan</h2>
        {summary.lastScan ? (
          <p>
            <span className="badge">{summary.lastScan.status}</span> started{" "}
            {summary.lastScan.createdAt.toISOString().replace("T", " ").slice(0, 16)} UTC
          </p>
        ) : (
          <p className="muted">No scan has run yet.</p>
        )}
      </section>
    </>
  );
}
