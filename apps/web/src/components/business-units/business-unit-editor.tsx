"use client";

import type { TBusinessUnitInput, TMappingInput, TMappingPreview } from "@guardrail/core";
import { useEffect, useMemo, useRef, useState, useTransition } from "react";
import { previewBusinessUnitAction, saveBusinessUnitAction } from "@/app/(app)/business-units/actions";
import { MappingPreview } from "./mapping-preview";
import {
  MAPPING_KIND_LABELS,
  SEVERITIES,
  type TAccountOption,
  type TBusinessUnitRow,
  type TDraftMapping,
  type TMember,
  type TOuOption,
  type TSlaDays,
} from "./types";
import { HydrationGate } from "@/components/hydration-gate";

let seq = 0;
const newKey = () => `m${++seq}`;

function toDraft(m: TBusinessUnitRow["mappings"][number]): TDraftMapping {
  return {
    key: newKey(),
    kind: m.kind,
    tagKey: m.tagKey ?? "",
    tagValue: m.tagValue ?? "",
    accountId: m.accountId ?? "",
    ouId: m.ouId ?? "",
  };
}

function toInput(m: TDraftMapping): TMappingInput {
  switch (m.kind) {
    case "RESOURCE_TAG":
    case "ACCOUNT_TAG":
      return { kind: m.kind, tagKey: m.tagKey, tagValue: m.tagValue || null };
    case "ACCOUNT":
      return { kind: "ACCOUNT", accountId: m.accountId };
    case "OU":
      return { kind: "OU", ouId: m.ouId };
  }
}

function isComplete(m: TDraftMapping): boolean {
  if (m.kind === "ACCOUNT") return /^\d{12}$/.test(m.accountId);
  if (m.kind === "OU") return m.ouId.length > 0;
  return m.tagKey.trim().length > 0;
}

/** Create or edit a business unit: mapping rules with a live preview, owners, SLA days. */
export function BusinessUnitEditor(props: {
  initial: TBusinessUnitRow | null;
  members: TMember[];
  accounts: TAccountOption[];
  ous: TOuOption[];
  onDone: (message: string | null) => void;
}) {
  const { initial } = props;
  const [name, setName] = useState(initial?.name ?? "");
  const [description, setDescription] = useState(initial?.description ?? "");
  const [isDefault, setIsDefault] = useState(initial?.isDefault ?? false);
  const [mappings, setMappings] = useState<TDraftMapping[]>(initial?.mappings.map(toDraft) ?? []);
  const [owners, setOwners] = useState<string[]>(initial?.owners.map((o) => o.userId) ?? []);
  const [primary, setPrimary] = useState<string | null>(initial?.owners.find((o) => o.isPrimary)?.userId ?? null);
  const [sla, setSla] = useState<Record<string, string>>(
    Object.fromEntries(SEVERITIES.map((s) => [s, initial?.slaDays[s]?.toString() ?? ""])),
  );
  const [error, setError] = useState<string | null>(null);
  const [saving, startSave] = useTransition();
  const [preview, setPreview] = useState<TMappingPreview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);

  useEffect(() => nameRef.current?.focus(), []);

  const complete = mappings.filter(isComplete);
  const previewKey = JSON.stringify([isDefault, complete.map(toInput)]);
  const slaDays = useMemo(
    () => Object.fromEntries(SEVERITIES.map((s) => [s, sla[s] ? Number(sla[s]) : null])) as TSlaDays,
    [sla],
  );

  // Live preview: re-run (debounced) whenever the complete rules or the default flag change.
  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(async () => {
      setPreviewing(true);
      const input: TBusinessUnitInput = { name: name.trim() || "Draft", isDefault, mappings: complete.map(toInput) };
      const r = await previewBusinessUnitAction(initial?.id ?? null, input);
      if (cancelled) return;
      setPreviewing(false);
      if (r.ok && r.data) {
        setPreview(r.data);
        setPreviewError(null);
      } else if (!r.ok) setPreviewError(r.error);
    }, 400);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- previewKey captures the inputs that matter
  }, [previewKey]);

  const update = (key: string, patch: Partial<TDraftMapping>) =>
    setMappings((list) => list.map((m) => (m.key === key ? { ...m, ...patch } : m)));

  const save = () =>
    startSave(async () => {
      const input: TBusinessUnitInput = {
        name,
        description: description || null,
        isDefault,
        mappings: mappings.map(toInput),
        ownerUserIds: owners,
        primaryOwnerUserId: primary && owners.includes(primary) ? primary : null,
        slaDays,
      };
      const r = await saveBusinessUnitAction(initial?.id ?? null, input);
      if (r.ok) {
        props.onDone(`Saved ${name.trim()}; ${r.data?.findingsReassigned ?? 0} open findings re-assigned.`);
      } else setError(r.error);
    });

  return (
    <section className="panel" aria-label={initial ? `Edit ${initial.name}` : "New business unit"}>
      <h2>{initial ? `Edit ${initial.name}` : "New business unit"}</h2>
      <HydrationGate>
      {error ? (
        <p className="alert error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="editor-grid">
        <div>
          <div className="field">
            <label htmlFor="bu-name">Name</label>
            <input id="bu-name" ref={nameRef} value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="bu-description">Description</label>
            <input id="bu-description" value={description} maxLength={500} onChange={(e) => setDescription(e.target.value)} />
          </div>
          <div className="field inline">
            <input id="bu-default" type="checkbox" checked={isDefault} onChange={(e) => setIsDefault(e.target.checked)} />
            <label htmlFor="bu-default">Default business unit (owns whatever no rule matches)</label>
          </div>

          <fieldset className="fieldset">
            <legend>Mapping rules</legend>
            {mappings.length === 0 ? <p className="muted">No rules yet: add one below.</p> : null}
            {mappings.map((m, i) => (
              <div className="mapping-row" key={m.key} data-testid="mapping-row">
                <div className="field compact">
                  <label htmlFor={`${m.key}-kind`}>Rule {i + 1} kind</label>
                  <select
                    id={`${m.key}-kind`}
                    value={m.kind}
                    onChange={(e) => update(m.key, { kind: e.target.value as TDraftMapping["kind"] })}
                  >
                    {Object.entries(MAPPING_KIND_LABELS).map(([k, label]) => (
                      <option key={k} value={k}>
                        {label}
                      </option>
                    ))}
                  </select>
                </div>
                {m.kind === "RESOURCE_TAG" || m.kind === "ACCOUNT_TAG" ? (
                  <>
                    <div className="field compact">
                      <label htmlFor={`${m.key}-tag-key`}>Tag key</label>
                      <input
                        id={`${m.key}-tag-key`}
                        value={m.tagKey}
                        maxLength={128}
                        placeholder="cost-center"
                        onChange={(e) => update(m.key, { tagKey: e.target.value })}
                      />
                    </div>
                    <div className="field compact">
                      <label htmlFor={`${m.key}-tag-value`}>Tag value (empty: any)</label>
                      <input
                        id={`${m.key}-tag-value`}
                        value={m.tagValue}
                        maxLength={256}
                        onChange={(e) => update(m.key, { tagValue: e.target.value })}
                      />
                    </div>
                  </>
                ) : null}
                {m.kind === "ACCOUNT" ? (
                  <div className="field compact">
                    <label htmlFor={`${m.key}-account`}>AWS account</label>
                    <select id={`${m.key}-account`} value={m.accountId} onChange={(e) => update(m.key, { accountId: e.target.value })}>
                      <option value="">Choose an account…</option>
                      {props.accounts.map((a) => (
                        <option key={a.accountId} value={a.accountId}>
                          {a.name} ({a.accountId})
                        </option>
                      ))}
                    </select>
                  </div>
                ) : null}
                {m.kind === "OU" ? (
                  <div className="field compact">
                    <label htmlFor={`${m.key}-ou`}>Organizational unit</label>
                    <select id={`${m.key}-ou`} value={m.ouId} onChange={(e) => update(m.key, { ouId: e.target.value })}>
                      <option value="">Choose an OU…</option>
                      {props.ous.map((o) => (
                        <option key={o.ouId} value={o.ouId}>
                          {o.isRoot ? "Root" : o.name} ({o.ouId})
                        </option>
                      ))}
                    </select>
                  </div>
                ) : null}
                <button
                  className="button secondary"
                  type="button"
                  onClick={() => setMappings((list) => list.filter((x) => x.key !== m.key))}
                >
                  Remove<span className="sr-only"> rule {i + 1}</span>
                </button>
              </div>
            ))}
            <button
              className="button secondary"
              type="button"
              onClick={() =>
                setMappings((list) => [...list, { key: newKey(), kind: "RESOURCE_TAG", tagKey: "", tagValue: "", accountId: "", ouId: "" }])
              }
            >
              Add mapping rule
            </button>
          </fieldset>

          <fieldset className="fieldset">
            <legend>Owners</legend>
            {props.members.length === 0 ? <p className="muted">No members to choose from.</p> : null}
            <ul className="plain">
              {props.members.map((m) => (
                <li key={m.userId} className="row">
                  <input
                    id={`owner-${m.userId}`}
                    type="checkbox"
                    checked={owners.includes(m.userId)}
                    onChange={(e) =>
                      setOwners((list) => (e.target.checked ? [...list, m.userId] : list.filter((u) => u !== m.userId)))
                    }
                  />
                  <label htmlFor={`owner-${m.userId}`}>
                    {m.name} <span className="muted">({m.email}, {m.role})</span>
                  </label>
                  {owners.includes(m.userId) ? (
                    <label className="muted">
                      <input
                        type="radio"
                        name="primary-owner"
                        checked={(primary ?? owners[0]) === m.userId}
                        onChange={() => setPrimary(m.userId)}
                      />{" "}
                      primary
                    </label>
                  ) : null}
                </li>
              ))}
            </ul>
            <p className="muted small">New findings are assigned to the primary owner.</p>
          </fieldset>

          <fieldset className="fieldset">
            <legend>SLA days per severity (empty: the organization-wide SLA)</legend>
            <div className="row">
              {SEVERITIES.map((s) => (
                <div className="field compact" key={s}>
                  <label htmlFor={`bu-sla-${s}`}>{s}</label>
                  <input
                    id={`bu-sla-${s}`}
                    type="number"
                    min={1}
                    max={3650}
                    value={sla[s]}
                    onChange={(e) => setSla({ ...sla, [s]: e.target.value })}
                  />
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <MappingPreview preview={preview} error={previewError} loading={previewing} drafts={complete} />
      </div>
      <div className="row">
        <button className="button" type="button" onClick={save} disabled={saving}>
          {saving ? "Saving…" : initial ? "Save changes" : "Create business unit"}
        </button>
        <button className="button secondary" type="button" onClick={() => props.onDone(null)} disabled={saving}>
          Cancel
        </button>
      </div>
      </HydrationGate>
    </section>
  );
}
