"use client";

import type { TRuleCatalogEntry } from "@guardrail/core";
import Link from "next/link";
import { useState, useTransition } from "react";
import { updateRuleSettingAction } from "@/app/(app)/settings/rules/actions";
import { HydrationGate } from "@/components/hydration-gate";

const SEVERITIES = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO"] as const;
type TSeverity = (typeof SEVERITIES)[number];

export type TRuleDetail = Omit<TRuleCatalogEntry, "updatedAt"> & { updatedAt: string | null };

function Snippet({ label, code }: { label: string; code: string }) {
  const [copied, setCopied] = useState(false);
  if (!code) return null;
  return (
    <div>
      <div className="row">
        <strong>{label}</strong>
        <button
          className="button secondary"
          type="button"
          onClick={() => {
            void navigator.clipboard?.writeText(code).then(() => setCopied(true));
          }}
        >
          {copied ? "Copied" : `Copy ${label}`}
        </button>
      </div>
      <pre className="template">{code}</pre>
    </div>
  );
}

/** A rule's description, rationale, remediation and mappings; enable/disable and severity override for rules.manage. */
export function RuleDetail(props: {
  rule: TRuleDetail;
  frameworkLabels: Record<string, string>;
  canManage: boolean;
  closeHref: string;
}) {
  const { rule } = props;
  const [enabled, setEnabled] = useState(rule.enabled);
  const [override, setOverride] = useState<TSeverity | "">(rule.severityOverride ?? "");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  return (
    <section className="panel rule-detail" aria-label={`Rule ${rule.id}`}>
      <HydrationGate>
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h2>{rule.title}</h2>
        <Link href={props.closeHref} scroll={false}>
          Close
        </Link>
      </div>
      <p className="muted">
        <code>{rule.id}</code> · {rule.service} · {rule.resourceTypes.join(", ")} · default severity{" "}
        <span className={`badge sev-${rule.severity}`}>{rule.severity}</span>
      </p>
      <section aria-label="Rule settings" className="fieldset">
        <h3>Setting for your organization</h3>
        {message ? (
          <p className={message.ok ? "alert info" : "alert error"} role={message.ok ? "status" : "alert"}>
            {message.text}
          </p>
        ) : null}
        {props.canManage ? (
          <div className="filters">
            <div className="field inline">
              <input id="rule-enabled" type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
              <label htmlFor="rule-enabled">Enabled</label>
            </div>
            <div className="field">
              <label htmlFor="rule-severity">Severity override</label>
              <select id="rule-severity" value={override} onChange={(e) => setOverride(e.target.value as TSeverity | "")}>
                <option value="">No override ({rule.severity})</option>
                {SEVERITIES.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </div>
            <button
              className="button"
              type="button"
              disabled={pending}
              onClick={() =>
                start(async () => {
                  const r = await updateRuleSettingAction(rule.id, { enabled, severityOverride: override || null });
                  setMessage(
                    r.ok ? { ok: true, text: "Saved. It applies from the next scan." } : { ok: false, text: r.error },
                  );
                })
              }
            >
              {pending ? "Saving…" : "Save rule setting"}
            </button>
          </div>
        ) : (
          <p data-testid="rule-setting-readonly">
            {rule.enabled ? "Enabled" : "Disabled"}
            {rule.severityOverride ? `, severity overridden to ${rule.severityOverride}` : ""}. Only an OWNER or ADMIN can change it.
          </p>
        )}
      </section>
      <dl>
        <dt>What it checks</dt>
        <dd>{rule.description}</dd>
        <dt>Why it matters</dt>
        <dd>{rule.rationale}</dd>
        <dt>Framework mappings</dt>
        <dd>
          {rule.frameworks.length === 0 ? (
            <span className="muted">none</span>
          ) : (
            <ul className="plain">
              {[...new Set(rule.frameworks.map((f) => f.framework))].map((fw) => (
                <li key={fw}>
                  {props.frameworkLabels[fw] ?? fw}:{" "}
                  {rule.frameworks
                    .filter((f) => f.framework === fw)
                    .map((f) => f.controlId)
                    .join(", ")}
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>Remediation in the console</dt>
        <dd>
          <ol>
            {rule.remediation.console.map((step, i) => (
              <li key={i}>{step}</li>
            ))}
          </ol>
        </dd>
      </dl>
      <Snippet label="AWS CLI" code={rule.remediation.cli} />
      <Snippet label="Terraform" code={rule.remediation.terraform} />
      <Snippet label="CloudFormation" code={rule.remediation.cloudformation} />
      {rule.references.length ? (
        <>
          <h3>References</h3>
          <ul>
            {rule.references.map((r) => (
              <li key={r}>
                <a href={r} rel="noreferrer noopener" target="_blank">
                  {r}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      </HydrationGate>
    </section>
  );
}
