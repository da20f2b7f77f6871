import {
  isAppError,
  listAttackPaths,
  listFindingLookups,
  type TAttackPathHop,
} from "@guardrail/core";
import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import dataStyles from "@/components/data/data.module.css";
import { FacetGroup } from "@/components/data/facet-group";
import { hrefWith, toUrlSearchParams, type TSearchParams } from "@/components/data/search-params";
import { getFindingsCatalog } from "@/components/findings/rule-catalog";
import { SeverityBadge } from "@/components/findings/severity-badge";
import { getDb } from "@/server/services";
import { requirePageScope } from "@/server/session";
import styles from "./attack-paths.module.css";

export const metadata: Metadata = { title: "Attack paths" };

const first = z.preprocess(
  (v) => (Array.isArray(v) ? v[0] : v === "" ? undefined : v),
  z.string().optional(),
);
const ZSearch = z.object({ accountId: first, businessUnitId: first, ruleId: first, page: first });

const EDGE_LABEL: Record<string, string> = {
  "exposed-to-internet": "reaches",
  "runs-as": "runs as",
  "can-assume": "can assume",
  "can-escalate": "can escalate",
  "can-move-laterally": "can move to",
  "can-read": "can read",
  "can-write": "can write",
};

function PathChips({ path }: { path: TAttackPathHop[] }) {
  if (path.length === 0) return null;
  return (
    <ol className={styles.path} aria-label="Attack path">
      <li className={styles.node} title={path[0]?.from}>
        {path[0]?.fromName}
      </li>
      {path.map((hop, i) => (
        <li key={`${hop.to}-${i}`} className="row" style={{ gap: "0.3rem" }}>
          <span
            className={`${styles.edge} ${hop.decision === "CONDITIONAL" ? styles.conditional : ""}`}
            title={hop.reason ?? undefined}
          >
            → {EDGE_LABEL[hop.edge] ?? hop.edge}
            {hop.methodId ? ` (${hop.methodId})` : ""}
            {hop.decision === "CONDITIONAL" ? " · under conditions" : ""} →
          </span>
          <span className={styles.node} title={hop.to}>
            {hop.toName}
          </span>
        </li>
      ))}
    </ol>
  );
}

/** Toxic combinations and escalation paths, ranked; filters live in the URL. */
export default async function AttackPathsPage({
  searchParams,
}: {
  searchParams: Promise<TSearchParams>;
}) {
  const scope = await requirePageScope();
  const raw = await searchParams;
  const current = toUrlSearchParams(raw);
  const search = ZSearch.parse(raw);
  const db = getDb();
  const filters = Object.fromEntries(
    Object.entries(search).filter(([, v]) => v !== undefined),
  ) as Record<string, string>;
  let result: Awaited<ReturnType<typeof listAttackPaths>>;
  try {
    result = await listAttackPaths({ db, scope, filters });
  } catch (err) {
    if (!isAppError(err) || err.code !== "VALIDATION") throw err;
    return (
      <div className="stack">
        <h1>Attack paths</h1>
        <div className="alert error" role="alert">
          <p>This link carries a filter that is not valid: {err.message}</p>
          <Link href="/attack-paths">Show all attack paths</Link>
        </div>
      </div>
    );
  }
  const lookups = await listFindingLookups({ db, scope });
  const accountName = new Map(lookups.accounts.map((a) => [a.accountId, a.name]));
  const buName = new Map(lookups.businessUnits.map((b) => [b.id, b.name]));
  const titles = getFindingsCatalog().titles;
  const facet = (
    title: string,
    param: "accountId" | "businessUnitId" | "ruleId",
    values: { value: string; count: number }[],
    label: (v: string) => string,
  ) => (
    <FacetGroup
      title={title}
      param={param}
      path="/attack-paths"
      current={current}
      options={values.map((v) => ({ value: v.value, label: label(v.value), count: v.count }))}
      selected={search[param] ? [search[param]] : []}
      limit={values.length}
      single
    />
  );
  const pages = Math.max(1, Math.ceil(result.total / result.size));
  return (
    <div className="stack">
      <div>
        <h1>Attack paths</h1>
        <p className="muted">
          Toxic combinations found on the access graph: how an attacker gets from the internet, a
          third party or a low-privileged principal to administrator access or your data. Ranked by
          severity, then unconditional paths, then shorter paths. Each is a finding, owned and
          triaged like any other.
        </p>
      </div>
      <div className={dataStyles.layout}>
        <aside className={styles.filters} aria-label="Filters">
          {facet(
            "Account",
            "accountId",
            result.facets.accountId,
            (v) => `${accountName.get(v) ?? v} (${v})`,
          )}
          {facet(
            "Business unit",
            "businessUnitId",
            result.facets.businessUnitId,
            (v) => buName.get(v) ?? v,
          )}
          {facet("Attack path", "ruleId", result.facets.ruleId, (v) => titles.get(v) ?? v)}
        </aside>
        <div className="stack">
          <p className="muted" data-testid="attack-path-count">
            {result.total} open attack path{result.total === 1 ? "" : "s"}
            {Object.keys(filters).filter((k) => k !== "page").length > 0 ? (
              <>
                {" "}
                · <Link href="/attack-paths">clear filters</Link>
              </>
            ) : null}
          </p>
          {result.rows.length === 0 ? (
            <div className="panel">
              <p>
                No open attack path{Object.keys(filters).length ? " matches these filters" : ""}.
              </p>
              <p className="muted small">
                Attack paths are evaluated with every scan; the access graph is rebuilt after it.
              </p>
            </div>
          ) : (
            <ol className={styles.list} data-testid="attack-paths">
              {result.rows.map((row, i) => (
                <li key={row.findingId} className={styles.item} data-rule-id={row.ruleId}>
                  <div className={styles.head}>
                    <span className={styles.rank}>#{(result.page - 1) * result.size + i + 1}</span>
                    <SeverityBadge severity={row.severity} />
                    <Link className={styles.title} href={`/findings/${row.findingId}`}>
                      {titles.get(row.ruleId) ?? row.title}
                    </Link>
                    {row.pathDecision === "CONDITIONAL" ? (
                      <span className="badge status-warn">under conditions</span>
                    ) : null}
                  </div>
                  <PathChips path={row.path} />
                  <div className={styles.meta}>
                    <span>
                      {row.resourceName ?? row.resourceArn} · {row.resourceType}
                    </span>
                    <span>
                      {accountName.get(row.accountId) ?? row.accountId} ({row.accountId})
                    </span>
                    {row.businessUnitId ? (
                      <span>{buName.get(row.businessUnitId) ?? "business unit"}</span>
                    ) : null}
                    <Link href={`/blast-radius/${encodeURIComponent(row.resourceArn)}`}>
                      Blast radius
                    </Link>
                  </div>
                </li>
              ))}
            </ol>
          )}
          {pages > 1 ? (
            <nav className="row" aria-label="Pages">
              {result.page > 1 ? (
                <Link href={hrefWith("/attack-paths", current, { page: String(result.page - 1) })}>
                  Previous
                </Link>
              ) : null}
              <span className="muted">
                Page {result.page} of {pages}
              </span>
              {result.page < pages ? (
                <Link href={hrefWith("/attack-paths", current, { page: String(result.page + 1) })}>
                  Next
                </Link>
              ) : null}
            </nav>
          ) : null}
        </div>
      </div>
    </div>
  );
}
