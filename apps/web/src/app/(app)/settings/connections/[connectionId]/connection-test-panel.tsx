"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, useTransition } from "react";
import { formatDateTime } from "@/components/format";
import { testConnectionAction } from "../actions";
import { HydrationGate } from "@/components/hydration-gate";

export interface TConnectionTestAccountView {
  accountId: string;
  state: string;
  message: string;
  name?: string | null;
}

/** The JSON of GET /api/v1/connections/:id/test. */
export interface TConnectionTestViewData {
  connectionId: string;
  testedAt: string | null;
  result: {
    run?: {
      id: string;
      status: "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED";
      requestedAt: string;
      startedAt: string | null;
      finishedAt: string | null;
      accountsTotal: number | null;
    };
    management: { ok: boolean; organizationId: string | null; managementAccountId: string | null; errorCode: string | null; message: string };
    accounts: TConnectionTestAccountView[];
  } | null;
}

const ACTIVE = new Set(["QUEUED", "RUNNING"]);

/** What each access state means, in words a person can act on. */
const STATE_LABEL: Record<string, { label: string; tone: "ok" | "warn" | "bad" | "muted" }> = {
  CONNECTED: { label: "connected", tone: "ok" },
  EXTERNAL_ID_NOT_ENFORCED: { label: "connected, external ID not enforced", tone: "warn" },
  ROLE_MISSING_OR_TRUST_DENIED: { label: "role missing, trust policy or external ID mismatch", tone: "bad" },
  SCP_DENIED: { label: "denied by an SCP/RCP", tone: "bad" },
  SUSPENDED: { label: "suspended: not scanned", tone: "muted" },
  ERROR: { label: "error", tone: "bad" },
};

async function fetchTest(connectionId: string): Promise<TConnectionTestViewData> {
  const res = await fetch(`/api/v1/connections/${connectionId}/test`, { cache: "no-store" });
  if (!res.ok) throw new Error(`test status request failed (${res.status})`);
  return (await res.json()) as TConnectionTestViewData;
}

/** "Test connection": the button, and each member account's result as it arrives (polled while the run is active). */
export function ConnectionTestPanel({ connectionId, initial, canTest }: { connectionId: string; initial: TConnectionTestViewData; canTest: boolean }) {
  const queryClient = useQueryClient();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const query = useQuery({
    queryKey: ["connection-test", connectionId],
    queryFn: () => fetchTest(connectionId),
    initialData: initial,
    refetchInterval: (q) => (q.state.data?.result?.run && ACTIVE.has(q.state.data.result.run.status) ? 1_000 : false),
  });
  const result = query.data.result;
  const run = result?.run;
  const active = run ? ACTIVE.has(run.status) : false;
  const accounts = result?.accounts ?? [];
  const counts = new Map<string, number>();
  for (const a of accounts) counts.set(a.state, (counts.get(a.state) ?? 0) + 1);

  return (
    <section className="panel" aria-label="Member accounts">
      <HydrationGate>
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h2>Member account access</h2>
        {canTest ? (
          <button
            className="button"
            type="button"
            disabled={pending || active}
            onClick={() =>
              start(async () => {
                const r = await testConnectionAction(connectionId);
                setError(r.ok ? null : r.error);
                await queryClient.invalidateQueries({ queryKey: ["connection-test", connectionId] });
              })
            }
          >
            {pending ? "Requesting…" : active ? "Testing…" : "Test connection"}
          </button>
        ) : null}
      </div>
      <p className="muted">
        Test connection assumes the management role, lists the organization&apos;s accounts, then tries every member role with this connection&apos;s
        external ID. Each scan checks them too.
      </p>
      {error ? (
        <p className="alert error" role="alert">
          {error}
        </p>
      ) : null}
      {query.isError ? (
        <p className="alert error" role="alert">
          Results could not be refreshed: {(query.error as Error).message}
        </p>
      ) : null}
      {run ? (
        <p data-testid="connection-test-status" data-status={run.status} role="status">
          <strong>{runSentence(run.status)}</strong>
          {run.accountsTotal !== null ? ` · ${accounts.length} of ${run.accountsTotal} accounts checked` : ""} · requested {formatDateTime(run.requestedAt)}
          {run.finishedAt ? ` · finished ${formatDateTime(run.finishedAt)}` : ""}
        </p>
      ) : (
        <p className="muted">Last checked {formatDateTime(query.data.testedAt)} (by a scan).</p>
      )}
      {result && !active && !result.management.ok ? (
        <p className="alert error" role="alert" data-testid="management-error">
          Management role: {result.management.message}
        </p>
      ) : null}
      {result?.management.ok ? (
        <p className="muted" data-testid="management-ok">
          Management role: {result.management.message || `connected to ${result.management.organizationId ?? "the organization"}`}
        </p>
      ) : null}
      {accounts.length ? (
        <>
          <p aria-label="Summary">
            {[...counts].map(([state, n]) => (
              <span key={state} className={`badge status-${STATE_LABEL[state]?.tone ?? "active"}`} style={{ marginRight: 8 }}>
                {n} {STATE_LABEL[state]?.label ?? state}
              </span>
            ))}
          </p>
          <table className="data" aria-label="Member account access">
            <thead>
              <tr>
                <th scope="col">Account</th>
                <th scope="col">State</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((a) => (
                <tr key={a.accountId} data-testid="account-access" data-state={a.state}>
                  <td>
                    <code>{a.accountId}</code>
                    {a.name ? <div className="muted">{a.name}</div> : null}
                  </td>
                  <td>
                    <span className={`badge status-${STATE_LABEL[a.state]?.tone ?? "active"}`} data-status={a.state}>
                      {STATE_LABEL[a.state]?.label ?? a.state}
                    </span>
                  </td>
                  <td>{a.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : active ? (
        <p className="muted">Waiting for the first results…</p>
      ) : !result ? (
        <p className="muted">Not tested yet: press Test connection, or run a scan.</p>
      ) : null}
      </HydrationGate>
    </section>
  );
}

function runSentence(status: string): string {
  switch (status) {
    case "QUEUED":
      return "Test queued: waiting for a worker";
    case "RUNNING":
      return "Testing…";
    case "SUCCEEDED":
      return "Test finished";
    default:
      return "Test failed";
  }
}
