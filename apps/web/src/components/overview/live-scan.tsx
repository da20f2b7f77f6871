"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { formatDateTime } from "@/components/format";
import { StatusBadge } from "@/components/status-badge";

interface TProgress {
  scan: {
    id: string;
    status: string;
    tasksTotal: number;
    tasksDone: number;
    tasksFailed: number;
    resourceCount: number;
    createdAt: string;
    finishedAt: string | null;
  };
  coverageGaps: { accountId: string; kind: string; code: string; message: string }[];
}

const ACTIVE = new Set(["QUEUED", "DISCOVERING", "COLLECTING", "EVALUATING"]);
const SHOWN_GAPS = 6;

/** The latest scan's live progress and coverage gaps (same API as the scan page, polled while it runs). */
export function LiveScan({ scanId }: { scanId: string }) {
  const query = useQuery({
    queryKey: ["scan-progress", scanId],
    queryFn: async (): Promise<TProgress> => {
      const res = await fetch(`/api/v1/scans/${scanId}/progress`, { cache: "no-store" });
      if (!res.ok) throw new Error(`progress request failed (${res.status})`);
      return (await res.json()) as TProgress;
    },
    refetchInterval: (q) => (q.state.data && !ACTIVE.has(q.state.data.scan.status) ? false : 3_000),
  });
  if (query.isPending) {
    return (
      <p className="muted" role="status">
        Loading the latest scan…
      </p>
    );
  }
  if (query.isError) {
    return (
      <p className="alert error" role="alert">
        The latest scan could not be read: {query.error.message}
      </p>
    );
  }
  const { scan, coverageGaps } = query.data;
  const pct = scan.tasksTotal > 0 ? Math.round((scan.tasksDone / scan.tasksTotal) * 100) : 0;
  return (
    <div className="stack" data-testid="live-scan">
      <p>
        <Link href={`/scans/${scan.id}`}>Scan of {formatDateTime(scan.createdAt)}</Link>{" "}
        <StatusBadge status={scan.status} />{" "}
        <span className="muted small">
          {scan.tasksDone} / {scan.tasksTotal} tasks
          {scan.tasksFailed ? `, ${scan.tasksFailed} failed` : ""} ·{" "}
          {scan.resourceCount.toLocaleString("en-US")} resources
        </span>
      </p>
      <div
        className="progress"
        role="progressbar"
        aria-valuenow={pct}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-label="Latest scan progress"
      >
        <span style={{ width: `${pct}%` }} />
      </div>
      <div>
        <h3 style={{ fontSize: "0.95rem", margin: "0 0 0.3rem" }}>
          Coverage gaps ({coverageGaps.length})
        </h3>
        {coverageGaps.length === 0 ? (
          <p className="muted small">Every account, region and service was collected.</p>
        ) : (
          <ul className="small" style={{ margin: 0, paddingLeft: "1.1rem" }}>
            {coverageGaps.slice(0, SHOWN_GAPS).map((g, i) => (
              <li key={i}>{g.message}</li>
            ))}
            {coverageGaps.length > SHOWN_GAPS ? (
              <li>
                <Link href={`/scans/${scan.id}`}>
                  {coverageGaps.length - SHOWN_GAPS} more on the scan page
                </Link>
              </li>
            ) : null}
          </ul>
        )}
      </div>
    </div>
  );
}
