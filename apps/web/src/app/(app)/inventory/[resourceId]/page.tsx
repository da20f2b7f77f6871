import { getResource, isAppError } from "@guardrail/core";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { formatDateTime } from "@/components/format";
import { ChangeHistory } from "@/components/inventory/change-history";
import styles from "@/components/inventory/inventory.module.css";
import { JsonViewer } from "@/components/inventory/json-viewer";
import { RelatedResources } from "@/components/inventory/related-resources";
import { getDb } from "@/server/services";
import { requirePageScope } from "@/server/session";

export const metadata: Metadata = { title: "Resource" };

const ZParams = z.object({ resourceId: z.guid() });

export default async function ResourcePage({
  params,
}: {
  params: Promise<{ resourceId: string }>;
}) {
  const parsed = ZParams.safeParse(await params);
  if (!parsed.success) notFound();
  const scope = await requirePageScope();
  const detail = await getResource({
    db: getDb(),
    scope,
    resourceId: parsed.data.resourceId,
  }).catch((err: unknown) => {
    if (isAppError(err) && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  const { resource: r, account, businessUnit, findings, changes, related } = detail;
  const title = r.name ?? r.resourceId.split(/[/:]/).pop() ?? r.resourceId;
  const tags = Object.entries(r.tags).sort(([a], [b]) => a.localeCompare(b));
  const open = findings.filter((f) => f.status === "OPEN").length;
  return (
    <div className="stack">
      <nav aria-label="Breadcrumb" className="muted">
        <Link href="/inventory">Inventory</Link> /{" "}
        <Link href={`/inventory?resourceType=${encodeURIComponent(r.resourceType)}`}>
          {r.resourceType}
        </Link>
      </nav>
      <div className={styles.header}>
        <div>
          <h1>
            {title}{" "}
            {r.deletedAt ? (
              <span className={`badge ${styles.deleted}`}>
                deleted {formatDateTime(r.deletedAt)}
              </span>
            ) : null}
          </h1>
          <div className={styles.arn} data-testid="resource-arn">
            {r.resourceId}
          </div>
        </div>
        {detail.hasBlastRadius ? (
          <Link
            className="button secondary"
            href={`/blast-radius/${encodeURIComponent(r.resourceId)}`}
          >
            Blast radius
          </Link>
        ) : null}
      </div>

      <section className="panel" aria-labelledby="overview-h">
        <h2 id="overview-h" className={styles.visuallyHidden}>
          Overview
        </h2>
        <dl className={styles.meta}>
          <div>
            <dt>Type</dt>
            <dd>{r.resourceType}</dd>
          </div>
          <div>
            <dt>Account</dt>
            <dd>
              <Link href={`/inventory?accountId=${r.accountId}`}>
                {account.name ?? r.accountId}
                {account.alias && account.alias !== account.name ? ` (${account.alias})` : ""}
              </Link>{" "}
              <span className="muted">{r.accountId}</span>
            </dd>
          </div>
          <div>
            <dt>Region</dt>
            <dd>{r.region}</dd>
          </div>
          <div>
            <dt>Business unit</dt>
            <dd>{businessUnit ? businessUnit.name : <span className="muted">unassigned</span>}</dd>
          </div>
          <div>
            <dt>First seen</dt>
            <dd>{formatDateTime(r.firstSeenAt)}</dd>
          </div>
          <div>
            <dt>Last seen</dt>
            <dd>{formatDateTime(r.lastSeenAt)}</dd>
          </div>
          <div>
            <dt>Status</dt>
            <dd>
              {r.deletedAt
                ? `Deleted (not seen since ${formatDateTime(r.deletedAt)})`
                : "Present in the last scan"}
            </dd>
          </div>
          <div>
            <dt>Open findings</dt>
            <dd>{open}</dd>
          </div>
        </dl>
      </section>

      <div className={styles.twoCol}>
        <section className="panel" aria-labelledby="findings-h">
          <h2 id="findings-h">Findings</h2>
          {findings.length === 0 ? (
            <p className="muted">No finding for this resource: every evaluated rule passed.</p>
          ) : (
            <table className={styles.table} aria-label="Findings of this resource">
              <thead>
                <tr>
                  <th scope="col">Severity</th>
                  <th scope="col">Finding</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {findings.map((f) => (
                  <tr key={f.id}>
                    <td>
                      <span className={`${styles.sev} ${styles[`sev${f.severity}`] ?? ""}`}>
                        {f.severity}
                      </span>
                    </td>
                    <td>
                      <Link href={`/findings/${f.id}`}>{f.title}</Link>
                      <div className={styles.arn}>{f.ruleId}</div>
                    </td>
                    <td>
                      <span className="badge">{f.status.toLowerCase()}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        <section className="panel" aria-labelledby="related-h">
          <h2 id="related-h">Related resources</h2>
          <RelatedResources related={related} />
        </section>
      </div>

      <section className="panel" aria-labelledby="tags-h">
        <h2 id="tags-h">Tags</h2>
        {tags.length === 0 ? (
          <p className="muted">No tags.</p>
        ) : (
          <table className={styles.table} aria-label="Tags">
            <thead>
              <tr>
                <th scope="col">Key</th>
                <th scope="col">Value</th>
              </tr>
            </thead>
            <tbody>
              {tags.map(([k, v]) => (
                <tr key={k}>
                  <td>
                    <Link href={`/inventory?tag=${encodeURIComponent(k)}`}>{k}</Link>
                  </td>
                  <td>
                    <Link href={`/inventory?tag=${encodeURIComponent(`${k}=${v}`)}`}>
                      {v === "" ? <span className="muted">(empty)</span> : v}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="panel" aria-labelledby="config-h">
        <h2 id="config-h">Configuration</h2>
        <p className="muted">As AWS returned it in the last scan (AWS&apos;s own field names).</p>
        <JsonViewer value={r.configuration} label="Configuration" />
      </section>

      <section className="panel" aria-labelledby="history-h">
        <h2 id="history-h">Change history</h2>
        <ChangeHistory changes={changes.map((c) => ({ ...c, at: c.at.toISOString() }))} />
      </section>
    </div>
  );
}
