import { getBlastRadius, getEffectivePermissions, isAppError } from "@guardrail/core";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { formatDateTime } from "@/components/format";
import { getDb } from "@/server/services";
import { requirePageScope } from "@/server/session";
import { BlastRadiusView } from "../blast-radius-view";
import styles from "../blast-radius.module.css";

export const metadata: Metadata = { title: "Blast radius" };

/** The id is a graph node id: a URL-encoded ARN (or "internet", "anyone", "service:<name>"). */
const ZParams = z.object({
  nodeId: z
    .string()
    .min(1)
    .max(4096)
    .transform((raw, ctx) => {
      try {
        return raw.includes("%") ? decodeURIComponent(raw) : raw;
      } catch {
        ctx.addIssue({ code: "custom", message: "not a valid URL-encoded id" });
        return z.NEVER;
      }
    }),
});
const ZSearch = z.object({
  depth: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.coerce.number().int().min(1).max(10).optional()).catch(undefined),
});

const CLASS_LABEL: Record<string, string> = {
  administrator: "Administrator",
  "escalation-to-administrator": "Can escalate to administrator",
  "lateral-movement": "Lateral movement",
  "broad-data-access": "Broad data access",
  "credentials-exposure": "Credentials exposure",
  "resource-exposure": "Resource exposure",
};
const LEVELS = ["List", "Read", "Write", "Tagging", "Permissions management"] as const;

export default async function BlastRadiusPage({
  params,
  searchParams,
}: {
  params: Promise<{ nodeId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const parsed = ZParams.safeParse(await params);
  if (!parsed.success) notFound();
  const nodeId = parsed.data.nodeId;
  const search = ZSearch.parse(await searchParams);
  const scope = await requirePageScope();
  const db = getDb();
  let radius: Awaited<ReturnType<typeof getBlastRadius>>;
  try {
    radius = await getBlastRadius({ db, scope, query: { nodeId, ...(search.depth ? { maxDepth: search.depth } : {}), limit: 2000 } });
  } catch (err) {
    if (!isAppError(err) || err.code !== "NOT_FOUND") throw err;
    return (
      <div className="stack">
        <h1>Blast radius</h1>
        <div className="panel" role="status">
          <p>{err.message}</p>
          <p className="muted small">
            The access graph covers IAM users and roles, EC2 instances, Lambda functions, EKS node groups and data stores; it is
            rebuilt after each scan. <Link href="/attack-paths">See the attack paths</Link>.
          </p>
        </div>
      </div>
    );
  }
  const { start } = radius;
  const isPrincipal = start.kind === "iam-role" || start.kind === "iam-user";
  const permissions = isPrincipal
    ? await getEffectivePermissions({ db, scope, principalArn: start.nodeId }).catch((err: unknown) => {
        if (isAppError(err) && err.code === "NOT_FOUND") return null;
        throw err;
      })
    : null;
  const toView = (n: typeof start) => ({ nodeId: n.nodeId, kind: n.kind, name: n.name, accountId: n.accountId, region: n.region });
  return (
    <div className="stack">
      <nav aria-label="Breadcrumb" className="muted">
        <Link href="/attack-paths">Attack paths</Link> / Blast radius
      </nav>
      <div>
        <h1>Blast radius of {start.name}</h1>
        <div className="muted small">
          {start.kind}
          {start.accountId ? ` · account ${start.accountId}` : ""} · <span className={styles.mono}>{start.nodeId}</span>
        </div>
        <p className="muted small">
          Graph built {radius.build.finishedAt ? formatDateTime(radius.build.finishedAt) : "—"} ({radius.build.nodeCount.toLocaleString()} nodes,{" "}
          {radius.build.edgeCount.toLocaleString()} edges). If this {isPrincipal ? "principal" : "resource"} is compromised, the attacker reaches:
        </p>
      </div>

      <div className={styles.summary}>
        <section className="panel" aria-label="Totals">
          <div className="kpi">
            <div className="value" data-testid="reachable-total">
              {radius.total.toLocaleString()}
            </div>
            <div className="label">reachable principals and resources</div>
          </div>
          <div className={styles.chips} style={{ marginTop: "0.6rem" }}>
            {radius.byKind.map((k) => (
              <span key={k.kind} className="badge">
                {k.kind} {k.count}
              </span>
            ))}
          </div>
        </section>
        <section className="panel" aria-label="By account">
          <h2 style={{ marginTop: 0 }}>By account</h2>
          <table className={styles.table}>
            <tbody>
              {radius.byAccount.slice(0, 12).map((a) => (
                <tr key={a.accountId ?? "none"}>
                  <td>{a.accountId ?? "outside AWS accounts"}</td>
                  <td>{a.count}</td>
                  <td className="small muted">{a.byKind.map((k) => `${k.kind} ${k.count}`).join(", ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {radius.accountTakeover.length > 0 ? (
            <p className="alert error small" style={{ marginTop: "0.6rem" }}>
              Full control of account{radius.accountTakeover.length > 1 ? "s" : ""} {radius.accountTakeover.map((a) => `${a.accountId} (${a.methodIds.join(", ") || "administrator"})`).join(", ")}
            </p>
          ) : null}
        </section>
        <section className="panel" aria-label="Classification" data-testid="classification">
          <h2 style={{ marginTop: 0 }}>Classification</h2>
          {radius.classification.length === 0 ? (
            <p className="muted">No administrator access, escalation, lateral movement, broad data access or exposure found.</p>
          ) : (
            <ul style={{ margin: 0, paddingLeft: "1.1rem" }}>
              {radius.classification.map((c, i) => (
                <li key={`${c.kind}-${i}`}>
                  <strong>{CLASS_LABEL[c.kind] ?? c.kind}</strong>
                  {c.decision === "CONDITIONAL" ? <span className="badge status-warn">under conditions</span> : null}
                  {c.via ? <span className="muted"> via {c.via.name}</span> : null}
                  {c.methodIds?.length ? <span className="muted small"> · {c.methodIds.join(", ")}</span> : null}
                  <details>
                    <summary className="small">reasons</summary>
                    <ul className="small">
                      {c.reasons.slice(0, 8).map((r, j) => (
                        <li key={j}>{r}</li>
                      ))}
                    </ul>
                  </details>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      {radius.total === 0 ? (
        <div className="panel">
          <p>Nothing is reachable from {start.name} in the access graph.</p>
        </div>
      ) : (
        <BlastRadiusView
          start={toView(start)}
          entries={radius.reachable.map((e) => ({ node: toView(e.node), depth: e.depth, path: e.path }))}
        />
      )}
      {radius.truncated ? <p className="muted small">The list shows the 2,000 closest of {radius.total.toLocaleString()} reachable nodes.</p> : null}

      {permissions ? (
        <section className="panel" aria-label="Effective permissions" data-testid="effective-permissions">
          <h2 style={{ marginTop: 0 }}>Effective permissions</h2>
          <p className="muted small">
            Every action of the AWS catalog evaluated on some resource with the identity policies, group policies, permissions
            boundary and SCPs; by service and access level, with the statements that decide.
          </p>
          {permissions.missingPolicies.length ? (
            <p className="alert info small">Not in the inventory (ignored): {permissions.missingPolicies.join(", ")}</p>
          ) : null}
          <div className="table-scroll">
            <table className={styles.table}>
              <thead>
                <tr>
                  <th>Service</th>
                  {LEVELS.map((l) => (
                    <th key={l}>{l}</th>
                  ))}
                  <th>Actions and deciding statements</th>
                </tr>
              </thead>
              <tbody>
                {permissions.services.map((s) => (
                  <tr key={s.service}>
                    <td>
                      <strong>{s.service}</strong>
                    </td>
                    {LEVELS.map((l) => {
                      const c = s.byAccessLevel[l];
                      return (
                        <td key={l}>
                          {c ? (
                            <>
                              {c.allowed}
                              {c.conditional ? <span className={styles.conditional}> +{c.conditional}?</span> : null}
                            </>
                          ) : (
                            "—"
                          )}
                        </td>
                      );
                    })}
                    <td className="small">
                      <details>
                        <summary>
                          {s.allowed} allowed{s.conditional ? `, ${s.conditional} under conditions` : ""}
                        </summary>
                        <ul>
                          {s.actions.slice(0, 40).map((a) => (
                            <li key={a.action}>
                              <span className={a.decision === "CONDITIONAL" ? styles.conditional : undefined}>{a.action}</span>{" "}
                              <span className="muted">
                                {a.explanations
                                  .filter((x) => x.effect === "Allow")
                                  .slice(0, 2)
                                  .map((x) => `${x.policyName ?? x.policyArn ?? x.policyType}${x.sid ? ` (${x.sid})` : ""}`)
                                  .join("; ")}
                              </span>
                            </li>
                          ))}
                          {s.actions.length > 40 ? <li className="muted">… {s.actions.length - 40} more</li> : null}
                        </ul>
                      </details>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </div>
  );
}
