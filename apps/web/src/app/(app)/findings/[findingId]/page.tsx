import { can, getFinding, isAppError, listFindingLookups, loadRuleCatalog } from "@guardrail/core";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatDateTime } from "@/components/format";
import { CommentForm } from "@/components/findings/comment-form";
import { CopyButton } from "@/components/findings/copy-button";
import styles from "@/components/findings/findings.module.css";
import { EVENT_LABEL, OWNER_STEP_LABEL, REASON_LABEL, SLA_LABEL, STATUS_LABEL } from "@/components/findings/labels";
import { FRAMEWORK_LABEL } from "@/components/findings/rule-catalog";
import { SeverityBadge, SlaState } from "@/components/findings/severity-badge";
import { TriageActions } from "@/components/findings/triage-actions";
import { getDb } from "@/server/services";
import { requirePageScope } from "@/server/session";

export const metadata: Metadata = { title: "Finding" };

function show(v: unknown): string {
  if (v === null || v === undefined) return "—";
  if (typeof v === "string") return v;
  return JSON.stringify(v, null, 2);
}

function eventText(type: string, data: unknown, names: Map<string, string>): string | null {
  const d = (data ?? {}) as Record<string, unknown>;
  if (type === "ASSIGNED") {
    const to = typeof d.toOwnerUserId === "string" ? (names.get(d.toOwnerUserId) ?? "a former member") : "nobody";
    return `Owner: ${to}${d.resolution ? ` (${String(d.resolution).toLowerCase()})` : ""}`;
  }
  if (type === "SUPPRESSION_REQUESTED" || type === "SUPPRESSED")
    return d.reason ? `Reason: ${REASON_LABEL[String(d.reason)] ?? String(d.reason)}` : null;
  if (type === "REOPENED" && typeof d.comment === "string") return d.comment;
  return null;
}

export default async function FindingPage({ params }: { params: Promise<{ findingId: string }> }) {
  const scope = await requirePageScope();
  const { findingId } = await params;
  const db = getDb();
  let detail: Awaited<ReturnType<typeof getFinding>>;
  try {
    detail = await getFinding({ db, scope, findingId });
  } catch (err) {
    if (isAppError(err) && err.code === "NOT_FOUND") notFound();
    throw err;
  }
  const { finding, resource, events, suppression, suppressionRequests, businessUnit, owner } = detail;
  const lookups = await listFindingLookups({ db, scope });
  const names = new Map(lookups.members.map((m) => [m.userId, m.name || m.email]));
  const rule = loadRuleCatalog().find((r) => r.id === finding.ruleId);
  const evidence = Object.entries((finding.evidence ?? {}) as Record<string, unknown>);
  const resolution = (finding.ownerResolution ?? null) as { step?: string; mappingId?: string } | null;
  const triage = can(scope.role, "findings.triage");
  const canSuppress = can(scope.role, "findings.requestSuppression") && finding.status === "OPEN";
  const account = lookups.accounts.find((a) => a.accountId === finding.accountId);
  const snippets = rule
    ? ([
        ["Console", rule.remediation.console.map((s, i) => `${i + 1}. ${s}`).join("\n")],
        ["AWS CLI", rule.remediation.cli],
        ["Terraform", rule.remediation.terraform],
        ["CloudFormation", rule.remediation.cloudformation],
      ] as const).filter(([, text]) => text.trim() !== "")
    : [];
  return (
    <div className="stack">
      <nav aria-label="Breadcrumb" className="muted">
        <Link href="/findings">Findings</Link> / {finding.ruleId}
      </nav>
      <div className="row">
        <SeverityBadge severity={finding.severity} />
        <h1 style={{ margin: 0 }}>{rule?.title ?? finding.title}</h1>
      </div>
      <p className="row" style={{ margin: 0 }}>
        <span className="badge" data-testid="finding-status">
          {STATUS_LABEL[finding.status] ?? finding.status}
        </span>
        {suppressionRequests.length > 0 ? <span className={`badge ${styles.pending}`}>Suppression pending approval</span> : null}
        <SlaState state={finding.slaState} dueAt={finding.dueAt} />
      </p>
      {triage || canSuppress ? (
        <TriageActions
          findingIds={[finding.id]}
          can={{ triage, suppress: canSuppress, suppressDirect: triage }}
          members={lookups.members}
          label="Triage"
          currentOwnerUserId={finding.ownerUserId}
        />
      ) : null}
      <div className={styles.detailGrid}>
        <div className="stack">
          <section className="panel" aria-labelledby="evidence-h">
            <h2 id="evidence-h">Evidence</h2>
            {evidence.length === 0 ? (
              <p className="muted">The rule recorded no evidence fields.</p>
            ) : (
              <table className={`data ${styles.evidence}`} aria-label="Evidence">
                <tbody>
                  {evidence.map(([k, v]) => (
                    <tr key={k}>
                      <th scope="row">{k}</th>
                      <td>
                        <code>{show(v)}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          {rule ? (
            <section className="panel" aria-labelledby="why-h">
              <h2 id="why-h">Why it matters</h2>
              <p>{rule.description}</p>
              <p>{rule.rationale}</p>
              {rule.references.length > 0 ? (
                <ul>
                  {rule.references.map((r) => (
                    <li key={r}>
                      <a href={r} rel="noreferrer noopener" target="_blank">
                        {r}
                      </a>
                    </li>
                  ))}
                </ul>
              ) : null}
            </section>
          ) : (
            <p className="alert info">This rule is no longer in the catalog ({finding.ruleId}).</p>
          )}
          {snippets.length > 0 ? (
            <section className="panel stack" aria-labelledby="fix-h">
              <h2 id="fix-h">Remediation</h2>
              {snippets.map(([label, text]) => (
                <div key={label} className={styles.snippet}>
                  <div className={styles.snippetHead}>
                    <h3 style={{ margin: 0, fontSize: "1rem" }}>{label}</h3>
                    <CopyButton text={text} label={label} />
                  </div>
                  <pre aria-label={`${label} remediation`}>{text}</pre>
                </div>
              ))}
            </section>
          ) : null}
          <section className="panel stack" aria-labelledby="history-h">
            <h2 id="history-h">History</h2>
            <ol className={styles.timeline}>
              {events.map((e) => {
                const text = eventText(e.type, e.data, names);
                const comment = e.type === "COMMENTED" ? String(((e.data ?? {}) as { comment?: unknown }).comment ?? "") : null;
                return (
                  <li key={e.id}>
                    <strong>{EVENT_LABEL[e.type] ?? e.type}</strong>{" "}
                    <span className="muted">
                      {formatDateTime(e.at)} · {e.actorName ?? e.cause}
                    </span>
                    {text ? <div>{text}</div> : null}
                    {comment ? <div className={styles.comment}>{comment}</div> : null}
                  </li>
                );
              })}
            </ol>
            {can(scope.role, "findings.comment") ? <CommentForm findingId={finding.id} /> : null}
          </section>
        </div>
        <div className="stack">
          <section className="panel" aria-labelledby="resource-h">
            <h2 id="resource-h">Resource</h2>
            <dl className={styles.dl}>
              <dt>ARN</dt>
              <dd className={styles.arn}>
                {resource ? <Link href={`/inventory/${resource.id}`}>{resource.resourceId}</Link> : "—"}
              </dd>
              <dt>Type</dt>
              <dd>{finding.resourceType}</dd>
              <dt>Account</dt>
              <dd>{account ? `${account.name} (${finding.accountId})` : finding.accountId}</dd>
              <dt>Region</dt>
              <dd>{finding.region}</dd>
              {resource?.deletedAt ? (
                <>
                  <dt>Deleted</dt>
                  <dd>{formatDateTime(resource.deletedAt)}</dd>
                </>
              ) : null}
            </dl>
          </section>
          <section className="panel" aria-labelledby="owner-h">
            <h2 id="owner-h">Ownership and SLA</h2>
            <dl className={styles.dl}>
              <dt>Business unit</dt>
              <dd>{businessUnit?.name ?? "—"}</dd>
              <dt>Owner</dt>
              <dd data-testid="finding-owner">{owner ? `${owner.name} (${owner.email})` : "Unassigned"}</dd>
              <dt>Resolved by</dt>
              <dd data-testid="owner-resolution">{resolution?.step ? (OWNER_STEP_LABEL[resolution.step] ?? resolution.step) : "No business-unit rule matched"}</dd>
              <dt>Due</dt>
              <dd>{finding.dueAt ? formatDateTime(finding.dueAt) : "—"}</dd>
              <dt>SLA</dt>
              <dd>{SLA_LABEL[finding.slaState] ?? finding.slaState}</dd>
              <dt>First seen</dt>
              <dd>{formatDateTime(finding.firstSeenAt)}</dd>
              <dt>Last seen</dt>
              <dd>{formatDateTime(finding.lastSeenAt)}</dd>
              {finding.resolvedAt ? (
                <>
                  <dt>Resolved</dt>
                  <dd>{formatDateTime(finding.resolvedAt)}</dd>
                </>
              ) : null}
            </dl>
          </section>
          {suppression || suppressionRequests.length > 0 ? (
            <section className="panel" aria-labelledby="supp-h">
              <h2 id="supp-h">Suppression</h2>
              {[...(suppression ? [suppression] : []), ...suppressionRequests].map((s) => (
                <dl key={s.id} className={styles.dl}>
                  <dt>Status</dt>
                  <dd>{s.status === "REQUESTED" ? "Requested, pending approval" : s.status.toLowerCase()}</dd>
                  <dt>Reason</dt>
                  <dd>{REASON_LABEL[s.reason] ?? s.reason}</dd>
                  <dt>Justification</dt>
                  <dd>{s.justification}</dd>
                  <dt>Expires</dt>
                  <dd>{formatDateTime(s.expiresAt)}</dd>
                  <dt>By</dt>
                  <dd>{names.get(s.authorId) ?? "—"}</dd>
                </dl>
              ))}
            </section>
          ) : null}
          {rule && rule.frameworks.length > 0 ? (
            <section className="panel" aria-labelledby="fw-h">
              <h2 id="fw-h">Frameworks</h2>
              <ul style={{ margin: 0, paddingLeft: "1.1rem" }}>
                {rule.frameworks.map((m) => (
                  <li key={`${m.framework}-${m.controlId}`}>
                    {FRAMEWORK_LABEL[m.framework] ?? m.framework}: <strong>{m.controlId}</strong>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
      </div>
    </div>
  );
}
