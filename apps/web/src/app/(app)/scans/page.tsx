import { can, listScans, listScanTargets } from "@guardrail/core";
import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime, formatDuration } from "@/components/format";
import { StatusBadge } from "@/components/status-badge";
import { getDb } from "@/server/services";
import { requirePageScope } from "@/server/session";
import { ScanNowButton } from "./scan-controls";

export const metadata: Metadata = { title: "Scans" };

export default async function ScansPage() {
  const scope = await requirePageScope();
  const db = getDb();
  const [scans, connections] = await Promise.all([listScans({ db, scope, take: 100 }), listScanTargets({ db, scope })]);
  const names = new Map(connections.map((c) => [c.id, c.name]));
  const canRun = can(scope.role, "scans.run");
  return (
    <div className="stack">
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h1>Scans</h1>
        {canRun ? (
          <div className="row">
            {connections.map((c) => (
              <ScanNowButton key={c.id} connectionId={c.id} label={connections.length > 1 ? `Scan ${c.name}` : "Scan now"} />
            ))}
          </div>
        ) : null}
      </div>
      {scans.length === 0 ? (
        <p className="panel muted">
          No scan has run yet.{" "}
          {connections.length === 0 ? <Link href="/settings/connections">Connect an AWS Organization first.</Link> : null}
        </p>
      ) : (
        <table className="data panel" aria-label="Scan history">
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">Connection</th>
              <th scope="col">Trigger</th>
              <th scope="col">Status</th>
              <th scope="col">Tasks</th>
              <th scope="col">Resources</th>
              <th scope="col">Findings opened / resolved</th>
              <th scope="col">Duration</th>
            </tr>
          </thead>
          <tbody>
            {scans.map((s) => (
              <tr key={s.id}>
                <td>
                  <Link href={`/scans/${s.id}`}>{formatDateTime(s.startedAt ?? s.createdAt)}</Link>
                </td>
                <td>{names.get(s.connectionId) ?? "—"}</td>
                <td>{s.trigger.toLowerCase()}</td>
                <td>
                  <StatusBadge status={s.status} />
                </td>
                <td>
                  {s.tasksDone}/{s.tasksTotal}
                  {s.tasksFailed ? <span className="muted"> ({s.tasksFailed} failed)</span> : null}
                </td>
                <td>{s.resourceCount.toLocaleString("en-US")}</td>
                <td>
                  {s.findingsOpened} / {s.findingsResolved}
                </td>
                <td>{formatDuration(s.startedAt ?? s.createdAt, s.finishedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
