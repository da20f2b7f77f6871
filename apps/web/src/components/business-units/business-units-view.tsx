"use client";

import { Suspense, use, useState, useTransition } from "react";
import { deleteBusinessUnitAction, saveTenantSlaAction } from "@/app/(app)/business-units/actions";
import { BusinessUnitEditor } from "./business-unit-editor";
import {
  describeMapping,
  SEVERITIES,
  type TAccountOption,
  type TBusinessUnitRow,
  type TMember,
  type TOuOption,
  type TSlaDays,
} from "./types";
import { HydrationGate } from "@/components/hydration-gate";

export function BusinessUnitsView(props: {
  canManage: boolean;
  businessUnits: TBusinessUnitRow[];
  /** Resources and open findings per unit, streamed (null: the count failed, logged on the server). */
  contents: Promise<TContents | null>;
  tenantSlaDays: TSlaDays;
  members: TMember[];
  accounts: TAccountOption[];
  ous: TOuOption[];
}) {
  const [editing, setEditing] = useState<TBusinessUnitRow | "new" | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  // units the server confirmed deleted: gone at once, without waiting for the page's re-render
  const [deleted, setDeleted] = useState<ReadonlySet<string>>(new Set());
  const businessUnits = props.businessUnits.filter((bu) => !deleted.has(bu.id));

  const onDelete = (bu: TBusinessUnitRow) => {
    if (!window.confirm(`Delete the business unit "${bu.name}"? Its findings go back to the other mapping rules.`)) return;
    start(async () => {
      const r = await deleteBusinessUnitAction(bu.id);
      if (r.ok) {
        setDeleted((d) => new Set(d).add(bu.id));
        setError(null);
        setNotice(`Deleted ${bu.name}; ${r.data?.findingsReassigned ?? 0} findings re-assigned.`);
      } else setError(r.error);
    });
  };

  return (
    <>
      <HydrationGate>
      {notice ? (
        <p className="alert info" role="status">
          {notice}
        </p>
      ) : null}
      {error ? (
        <p className="alert error" role="alert">
          {error}
        </p>
      ) : null}
      {props.canManage && editing === null ? (
        <div className="row">
          <button className="button" type="button" onClick={() => setEditing("new")}>
            New business unit
          </button>
        </div>
      ) : null}
      {editing !== null ? (
        <BusinessUnitEditor
          key={editing === "new" ? "new" : editing.id}
          initial={editing === "new" ? null : editing}
          members={props.members}
          accounts={props.accounts}
          ous={props.ous}
          onDone={(message) => {
            setEditing(null);
            setError(null);
            if (message) setNotice(message);
          }}
        />
      ) : null}
      {businessUnits.length === 0 ? (
        <p className="panel muted">
          No business units yet.{" "}
          {props.canManage ? "Create one and map it to OUs, accounts or tags: findings are then assigned to its owners." : null}
        </p>
      ) : (
        <div className="table-scroll panel">
          <table className="data" aria-label="Business units">
            <thead>
              <tr>
                <th scope="col">Business unit</th>
                <th scope="col">Mapping rules</th>
                <th scope="col">Owners</th>
                <th scope="col">SLA days (C/H/M/L/I)</th>
                <th scope="col">Accounts</th>
                <th scope="col">Resources</th>
                <th scope="col">Open findings</th>
                {props.canManage ? <th scope="col">Actions</th> : null}
              </tr>
            </thead>
            <tbody>
              {businessUnits.map((bu) => (
                <tr key={bu.id} data-testid={`bu-row-${bu.name}`}>
                  <td>
                    <strong>{bu.name}</strong> {bu.isDefault ? <span className="badge status-active">default</span> : null}
                    {bu.description ? <div className="muted small">{bu.description}</div> : null}
                  </td>
                  <td>
                    {bu.mappings.length === 0 ? (
                      <span className="muted">{bu.isDefault ? "everything unmatched" : "none"}</span>
                    ) : (
                      <ul className="plain">
                        {bu.mappings.map((m) => (
                          <li key={m.id}>{describeMapping(m)}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>
                    {bu.owners.length === 0 ? (
                      <span className="muted">no owner</span>
                    ) : (
                      <ul className="plain">
                        {bu.owners.map((o) => (
                          <li key={o.userId}>
                            {o.name} {o.isPrimary ? <span className="badge">primary</span> : null}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td data-testid="bu-sla">
                    {SEVERITIES.map((s) => bu.slaDays[s] ?? props.tenantSlaDays[s] ?? "—").join(" / ")}
                  </td>
                  <td data-testid="bu-accounts">{bu.accounts}</td>
                  <td data-testid="bu-resources">
                    <Suspense fallback={<span className="muted">counting…</span>}>
                      <ContentCount contents={props.contents} id={bu.id} field="resources" />
                    </Suspense>
                  </td>
                  <td>
                    <a href={`/findings?businessUnitId=${bu.id}&status=OPEN`}>
                      <Suspense fallback={<span className="muted">counting…</span>}>
                        <ContentCount contents={props.contents} id={bu.id} field="openFindings" />
                      </Suspense>
                    </a>
                  </td>
                  {props.canManage ? (
                    <td>
                      <div className="row">
                        <button className="button secondary" type="button" onClick={() => setEditing(bu)} disabled={pending}>
                          Edit<span className="sr-only"> {bu.name}</span>
                        </button>
                        <button className="button danger" type="button" onClick={() => onDelete(bu)} disabled={pending}>
                          Delete<span className="sr-only"> {bu.name}</span>
                        </button>
                      </div>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <TenantSlaForm canManage={props.canManage} initial={props.tenantSlaDays} />
      </HydrationGate>
    </>
  );
}

type TContents = Record<string, { resources: number; openFindings: number }>;

function ContentCount(props: { contents: Promise<TContents | null>; id: string; field: "resources" | "openFindings" }) {
  const contents = use(props.contents);
  if (!contents) return <span className="muted">unavailable</span>;
  return <>{contents[props.id]?.[props.field] ?? 0}</>;
}

function TenantSlaForm(props: { canManage: boolean; initial: TSlaDays }) {
  const [days, setDays] = useState<Record<string, string>>(
    Object.fromEntries(SEVERITIES.map((s) => [s, props.initial[s]?.toString() ?? ""])),
  );
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  return (
    <section className="panel" aria-label="Organization-wide SLA">
      <h2>Organization-wide SLA</h2>
      <HydrationGate>
      <p className="muted">Days to remediate a finding when its business unit sets none. Empty: no due date.</p>
      {message ? (
        <p className={message.ok ? "alert info" : "alert error"} role={message.ok ? "status" : "alert"}>
          {message.text}
        </p>
      ) : null}
      <div className="row">
        {SEVERITIES.map((s) => (
          <div className="field compact" key={s}>
            <label htmlFor={`tenant-sla-${s}`}>{s}</label>
            <input
              id={`tenant-sla-${s}`}
              type="number"
              min={1}
              max={3650}
              value={days[s]}
              disabled={!props.canManage}
              onChange={(e) => setDays({ ...days, [s]: e.target.value })}
            />
          </div>
        ))}
      </div>
      {props.canManage ? (
        <button
          className="button secondary"
          type="button"
          disabled={pending}
          onClick={() =>
            start(async () => {
              const slaDays = Object.fromEntries(
                SEVERITIES.map((s) => [s, days[s] ? Number(days[s]) : null]),
              ) as TSlaDays;
              const r = await saveTenantSlaAction(slaDays);
              setMessage(r.ok ? { ok: true, text: "Saved; due dates updated." } : { ok: false, text: r.error });
            })
          }
        >
          {pending ? "Saving…" : "Save organization SLA"}
        </button>
      ) : null}
      </HydrationGate>
    </section>
  );
}
