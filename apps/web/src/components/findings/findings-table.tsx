"use client";

import Link from "next/link";
import { useState, type ReactNode } from "react";
import { HydrationGate } from "@/components/hydration-gate";
import styles from "./findings.module.css";
import { STATUS_LABEL } from "./labels";
import { SeverityBadge, SlaState } from "./severity-badge";
import { TriageActions, type TMemberOption, type TTriageCapabilities } from "./triage-actions";

/** One row of the findings table, as plain data from the server. */
export interface TFindingTableRow {
  id: string;
  title: string;
  ruleId: string;
  severity: string;
  status: string;
  account: string;
  region: string;
  resourceArn: string;
  businessUnit: string | null;
  owner: string | null;
  slaState: string;
  dueAt: string | null;
  firstSeenAt: string;
  suppressionRequested: boolean;
}

/**
 * The findings table with a checkbox per row and bulk actions for the roles that may triage.
 * `headCells` are the sortable column headers, rendered on the server as links.
 */
export function FindingsTable(props: {
  rows: readonly TFindingTableRow[];
  headCells: ReactNode;
  can: TTriageCapabilities;
  members: readonly TMemberOption[];
}) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const selectable = props.can.triage || props.can.suppress;
  const allOnPage = props.rows.length > 0 && props.rows.every((r) => selected.has(r.id));
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  // A selection only covers rows still on the page (after a refresh, acted-on rows may be gone).
  const visibleSelected = props.rows.filter((r) => selected.has(r.id)).map((r) => r.id);
  return (
    <div className="stack">
      <HydrationGate>
        {selectable ? (
          <TriageActions
            findingIds={visibleSelected}
            can={props.can}
            members={props.members}
            onDone={() => setSelected(new Set())}
          />
        ) : null}
        <div className="panel" style={{ padding: 0, overflowX: "auto" }}>
          <table className="data" aria-label="Findings">
            <thead>
              <tr>
                {selectable ? (
                  <th scope="col" style={{ width: "2.5rem" }}>
                    <input
                      type="checkbox"
                      aria-label="Select every finding on this page"
                      checked={allOnPage}
                      onChange={() =>
                        setSelected(allOnPage ? new Set() : new Set(props.rows.map((r) => r.id)))
                      }
                    />
                  </th>
                ) : null}
                {props.headCells}
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr key={r.id} data-finding-id={r.id}>
                  {selectable ? (
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Select finding: ${r.title} on ${r.resourceArn}`}
                        checked={selected.has(r.id)}
                        onChange={() => toggle(r.id)}
                      />
                    </td>
                  ) : null}
                  <td>
                    <SeverityBadge severity={r.severity} />
                  </td>
                  <td>
                    <Link className={styles.title} href={`/findings/${r.id}`}>
                      {r.title}
                    </Link>
                    <div className={styles.arn}>{r.resourceArn}</div>
                    <div className="muted" style={{ fontSize: "0.85rem" }}>
                      {r.account} · {r.region}
                    </div>
                  </td>
                  <td>
                    {STATUS_LABEL[r.status] ?? r.status}
                    {r.suppressionRequested ? (
                      <div>
                        <span className={`badge ${styles.pending}`}>
                          Suppression pending approval
                        </span>
                      </div>
                    ) : null}
                  </td>
                  <td>
                    {r.businessUnit ?? <span className="muted">No business unit</span>}
                    <div className={r.owner ? undefined : "muted"} style={{ fontSize: "0.85rem" }}>
                      {r.owner ?? "Unassigned"}
                    </div>
                  </td>
                  <td>
                    <SlaState state={r.slaState} dueAt={r.dueAt} />
                  </td>
                  <td style={{ whiteSpace: "nowrap" }}>{r.firstSeenAt.slice(0, 10)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </HydrationGate>
    </div>
  );
}
