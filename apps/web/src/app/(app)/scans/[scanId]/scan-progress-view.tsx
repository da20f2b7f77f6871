"use client";

import { useQuery } from "@tanstack/react-query";
import { formatDateTime, formatDuration } from "@/components/format";
import { StatusBadge } from "@/components/status-badge";
import { CancelScanButton } from "../scan-controls";

interface TProgress {
  scan: {
    id: string;
    status: string;
    trigger: string;
    tasksTotal: number;
    tasksDone: number;
    tasksFailed: number;
    resourceCount: number;
    apiCalls: number;
    findingsOpened: number;
    findingsResolved: number;
    error: string | null;
    createdAt: string;
    startedAt: string | null;
    finishedAt: string | null;
    cancelRequestedAt: string | null;
  };
  accounts: { accountId: string; total: number; done: number; failed: number; running: number }[];
  coverageGaps: { accountId: string; kind: string; code: string; message: string }[];
}

const ACTIVE = new Set(["QUEUED", "DISCOVERING", "COLLECTING", "EVALUATING"]);

async function fetchProgress(scanId: string): Promise<TProgress> {
  const res = await fetch(`/api/v1/scans/${scanId}/progress`, { cache: "no-store" });
  if (!res.ok) throw new Error(`progress request failed (${res.status})`);
  return (await res.json()) as TProgress;
}

export function ScanProgressView({ scanId, initial, canCancel }: { scanId: string; initial: TProgress; canCancel: boolean }) {
  const query = useQuery({
    queryKey: ["scan-progress", scanId],
    queryFn: () => fetchProgress(scanId),
    initialData: initial,
    refetchInterval: (q) => (q.state.data && ACTIVE.has(q.state.data.scan.status) ? 2_000 : false),
  });
  const { scan, accounts, coverageGaps } = query.data;
  const active = ACTIVE.has(scan.status);
  const pct = scan.tasksTotal > 0 ? Math.round((scan.tasksDone / scan.tasksTotal) * 100) : 0;
  return (
    <div className="stack">
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h1>
          Scan <StatusBadge status={scan.status} />
        </h1>
        {active && canCancel && !scan.cancelRequestedAt ? <CancelScanButton scanId={scanId} /> : null}
      </div>
      {query.isError ? (
        <p className="alert error" role="alert">
          Live progress could not be refreshed: {(query.error as Error).message}
        </p>
      ) : null}
      <section className="panel" aria-label="Progress">
        <p>
          <strong data-testid="scan-tasks">
            {scan.tasksDone} / {scan.tasksTotal}
          </strong>{" "}
          collection tasks done{scan.tasksFailed ? `, ${scan.tasksFailed} failed` : ""} · {scan.resourceCount.toLocaleString("en-US")} resources ·{" "}
          {scan.apiCalls.toLocaleString("en-US")} AWS API calls · {formatDuration(scan.startedAt ?? scan.createdAt, scan.finishedAt)}
        </p>
        <div className="progress" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100} aria-label="Scan progress">
          <span style={{ width: `${pct}%` }} />
        </div>
        <p className="muted">
          Started {formatDateTime(scan.startedAt ?? scan.createdAt)} ({scan.trigger.toLowerCase()})
          {scan.finishedAt ? ` · finished ${formatDateTime(scan.finishedAt)}` : ""}
          {scan.status === "SUCCEEDED" || scan.status === "PARTIAL" ? ` · ${scan.findingsOpened} findings opened, ${scan.findingsResolved} resolved` : ""}
        </p>
        {scan.error ? (
          <p className="alert error" role="alert">
            {scan.error}
          </p>
        ) : null}
      </section>
      <section className="panel" aria-label="Coverage gaps">
        <h2>Coverage gaps</h2>
        {coverageGaps.length === 0 ? (
          <p className="muted">Every account, region and service was collected.</p>
        ) : (
          <ul>
            {coverageGaps.map((g, i) => (
              <li key={i}>{g.message}</li>
            ))}
          </ul>
        )}
      </section>
      <section className="panel" aria-label="Accounts">
        <h2>Accounts</h2>
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Tasks done</th>
              <th scope="col">Running</th>
              <th scope="col">Failed</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <tr key={a.accountId}>
                <td>{a.accountId}</td>
                <td>
                  {a.done}/{a.total}
                </td>
                <td>{a.running}</td>
                <td>{a.failed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
