"use client";

import { useId, useState, useTransition } from "react";
import {
  assignFindingsAction,
  reopenFindingsAction,
  suppressFindingsAction,
} from "@/app/(app)/findings/actions";
import { HydrationGate } from "@/components/hydration-gate";
import styles from "./findings.module.css";
import { REASON_LABEL } from "./labels";

export interface TTriageCapabilities {
  /** assign and reopen (ANALYST+) */
  triage: boolean;
  /** suppress (ANALYST+) or request a suppression (BU_OWNER) */
  suppress: boolean;
  /** suppression goes straight to ACTIVE (false: a BU owner's request) */
  suppressDirect: boolean;
}

export interface TMemberOption {
  userId: string;
  name: string;
  email: string;
}

function tomorrow(): string {
  return new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
}

/**
 * Assign, suppress (reason, justification and expiry required) and reopen for the selected
 * findings. The server decides: these controls are shown only to roles that may use them.
 */
export function TriageActions(props: {
  findingIds: readonly string[];
  can: TTriageCapabilities;
  members: readonly TMemberOption[];
  onDone?: () => void;
  /** what the bar says instead of "N findings selected" (a finding page: "Triage") */
  label?: string;
  /** the owner the select starts at (a finding page: the finding's current owner) */
  currentOwnerUserId?: string | null;
}) {
  const id = useId();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const current = props.members.some((m) => m.userId === props.currentOwnerUserId)
    ? props.currentOwnerUserId!
    : "";
  const [owner, setOwner] = useState(current);
  const [suppressOpen, setSuppressOpen] = useState(false);
  const [reason, setReason] = useState("ACCEPTED_RISK");
  const [justification, setJustification] = useState("");
  const [expiresOn, setExpiresOn] = useState("");
  const n = props.findingIds.length;
  const none = n === 0;
  const ids = [...props.findingIds];

  function run(
    fn: () => Promise<{ ok: true; data?: unknown } | { ok: false; error: string }>,
    success: (data: never) => string,
  ) {
    start(async () => {
      const r = await fn();
      if (!r.ok) {
        setMessage({ ok: false, text: r.error });
        return;
      }
      setMessage({ ok: true, text: success(r.data as never) });
      setSuppressOpen(false);
      setJustification("");
      // the action revalidates the findings pages: this one comes back with the change
      props.onDone?.();
    });
  }

  return (
    <div className={styles.bulkBar} role="group" aria-label="Actions on the selected findings">
      <HydrationGate>
        <strong aria-live="polite">
          {props.label ?? (n === 1 ? "1 finding selected" : `${n} findings selected`)}
        </strong>
        {props.can.triage ? (
          <>
            <div className={styles.inlineField}>
              <label htmlFor={`${id}-owner`}>Owner</label>
              <select id={`${id}-owner`} value={owner} onChange={(e) => setOwner(e.target.value)}>
                <option value="">Unassigned</option>
                {props.members.map((m) => (
                  <option key={m.userId} value={m.userId}>
                    {m.name} ({m.email})
                  </option>
                ))}
              </select>
            </div>
            <button
              className="button secondary"
              type="button"
              disabled={none || pending}
              onClick={() =>
                run(
                  () => assignFindingsAction(ids, owner || null),
                  (d: { updated: number }) => `Assigned ${d.updated} finding(s).`,
                )
              }
            >
              Assign owner
            </button>
            <button
              className="button secondary"
              type="button"
              disabled={none || pending}
              onClick={() =>
                run(
                  () => reopenFindingsAction(ids),
                  (d: { reopened: number }) => `Reopened ${d.reopened} finding(s).`,
                )
              }
            >
              Reopen
            </button>
          </>
        ) : null}
        {props.can.suppress ? (
          <button
            className="button secondary"
            type="button"
            aria-expanded={suppressOpen}
            aria-controls={`${id}-suppress`}
            disabled={none || pending}
            onClick={() => setSuppressOpen((o) => !o)}
          >
            {props.can.suppressDirect ? "Suppress…" : "Request suppression…"}
          </button>
        ) : null}
        {suppressOpen ? (
          <form
            id={`${id}-suppress`}
            className={styles.dialog}
            aria-label={
              props.can.suppressDirect ? "Suppress the selected findings" : "Request a suppression"
            }
            onSubmit={(e) => {
              e.preventDefault();
              run(
                () => suppressFindingsAction(ids, { reason, justification, expiresOn }),
                (d: { suppressed: number; requested: number }) =>
                  d.requested > 0
                    ? `Suppression requested for ${d.requested} finding(s): pending an analyst's approval.`
                    : `Suppressed ${d.suppressed} finding(s).`,
              );
            }}
          >
            <div className={styles.inlineField}>
              <label htmlFor={`${id}-reason`}>Reason</label>
              <select
                id={`${id}-reason`}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                required
              >
                {Object.entries(REASON_LABEL).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </div>
            <div className={styles.inlineField}>
              <label htmlFor={`${id}-expires`}>Expires on (required)</label>
              <input
                id={`${id}-expires`}
                type="date"
                required
                min={tomorrow()}
                value={expiresOn}
                onChange={(e) => setExpiresOn(e.target.value)}
              />
            </div>
            <div className={`${styles.inlineField} ${styles.wide}`}>
              <label htmlFor={`${id}-why`}>Justification</label>
              <textarea
                id={`${id}-why`}
                required
                minLength={10}
                placeholder="Why is this risk accepted or the finding wrong? (at least 10 characters)"
                value={justification}
                onChange={(e) => setJustification(e.target.value)}
              />
            </div>
            <div className="row">
              <button className="button" type="submit" disabled={pending}>
                {pending
                  ? "Saving…"
                  : props.can.suppressDirect
                    ? "Suppress"
                    : "Request suppression"}
              </button>
              <button
                className="button secondary"
                type="button"
                onClick={() => setSuppressOpen(false)}
              >
                Cancel
              </button>
            </div>
          </form>
        ) : null}
        {message ? (
          <span
            className={message.ok ? "alert info" : "alert error"}
            role={message.ok ? "status" : "alert"}
            style={{ marginBottom: 0 }}
          >
            {message.text}
          </span>
        ) : null}
      </HydrationGate>
    </div>
  );
}
