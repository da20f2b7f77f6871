import {
  can,
  isAppError,
  listFindingLookups,
  listFindings,
  listSavedViews,
  parseFindingsSearchParams,
  type TTenantScope,
} from "@guardrail/core";
import Link from "next/link";
import { FacetGroup, type TFacetOption } from "@/components/data/facet-group";
import styles from "@/components/data/data.module.css";
import { Pagination, SortHeader } from "@/components/data/pagination";
import { hrefWith, toUrlSearchParams, type TSearchParams } from "@/components/data/search-params";
import { getDb } from "@/server/services";
import { FindingsTable, type TFindingTableRow } from "./findings-table";
import { AGE_LABEL, SEVERITIES, SLA_LABEL, STATUS_LABEL } from "./labels";
import { FRAMEWORK_LABEL, getFindingsCatalog } from "./rule-catalog";
import { SavedViews } from "./saved-views";

/**
 * The findings list shared by /findings and /findings/mine: facets with counts, the sortable
 * table with bulk actions, pagination, saved views and CSV export, all driven by the URL.
 */
export async function FindingsListView(props: {
  scope: TTenantScope;
  path: "/findings" | "/findings/mine";
  searchParams: TSearchParams;
  title: string;
  intro?: string;
}) {
  const { scope, path } = props;
  const db = getDb();
  const current = toUrlSearchParams(props.searchParams);
  let query: ReturnType<typeof parseFindingsSearchParams>;
  try {
    query = parseFindingsSearchParams(props.searchParams);
  } catch (err) {
    if (!isAppError(err)) throw err;
    return (
      <div className="stack">
        <h1>{props.title}</h1>
        <div className="alert error" role="alert">
          <p>This link carries a filter that is not valid: {err.message}</p>
          <Link href={path}>Show the default view</Link>
        </div>
      </div>
    );
  }
  const catalog = getFindingsCatalog();
  const mine = path === "/findings/mine";
  const [result, lookups, views] = await Promise.all([
    listFindings({
      db,
      scope,
      filters: query.filters,
      sort: query.sort,
      page: { size: query.size, offset: (query.page - 1) * query.size },
      rules: catalog.view,
      mine,
    }),
    listFindingLookups({ db, scope }),
    listSavedViews({ db, scope, page: mine ? "findings/mine" : "findings" }),
  ]);
  const buName = new Map(lookups.businessUnits.map((b) => [b.id, b.name]));
  const memberName = new Map(lookups.members.map((m) => [m.userId, m.name || m.email]));
  const accountName = new Map(lookups.accounts.map((a) => [a.accountId, a.name]));
  const ouName = new Map(lookups.ous.map((o) => [o.ouId, o.name]));
  const f = query.filters;
  const opts = (
    values: { value: string; count: number }[],
    label: (v: string) => string,
  ): TFacetOption[] =>
    values.map((v) => ({ value: v.value, count: v.count, label: label(v.value) }));
  const order = (values: { value: string; count: number }[], keys: readonly string[]) =>
    keys
      .map((k) => values.find((v) => v.value === k) ?? { value: k, count: 0 })
      .filter((v) => v.count > 0);
  const facet = (
    title: string,
    param: string,
    options: TFacetOption[],
    selected: readonly string[] | string | undefined,
  ) => (
    <FacetGroup
      title={title}
      param={param}
      path={path}
      current={current}
      options={options}
      selected={selected === undefined ? [] : Array.isArray(selected) ? selected : [selected]}
    />
  );
  const rows: TFindingTableRow[] = result.rows.map((r) => ({
    id: r.id,
    title: r.title,
    ruleId: r.ruleId,
    severity: r.severity,
    status: r.status,
    account: accountName.get(r.accountId)
      ? `${accountName.get(r.accountId)} (${r.accountId})`
      : r.accountId,
    region: r.region,
    resourceArn: r.resourceArn,
    businessUnit: r.businessUnitId ? (buName.get(r.businessUnitId) ?? "Other unit") : null,
    owner: r.ownerUserId ? (memberName.get(r.ownerUserId) ?? "Former member") : null,
    slaState: r.slaState,
    dueAt: r.dueAt ? r.dueAt.toISOString() : null,
    firstSeenAt: r.firstSeenAt.toISOString(),
    suppressionRequested: r.suppressionRequested,
  }));
  const anyFindings = result.facets.status.some((s) => s.count > 0);
  const filtered = FILTER_PARAMS.some((k) => current.has(k));
  const exportHref = `/api/v1/findings/export?${new URLSearchParams([...current, ...(mine ? [["mine", "1"]] : [])]).toString()}`;
  const sortCell = (label: string, by: string) => (
    <SortHeader key={by} label={label} by={by} path={path} current={current} sort={query.sort} />
  );
  const triage = can(scope.role, "findings.triage");
  return (
    <div className="stack">
      <div className="row" style={{ justifyContent: "space-between" }}>
        <div>
          <h1 style={{ marginBottom: 0 }}>{props.title}</h1>
          {props.intro ? (
            <p className="muted" style={{ margin: "0.25rem 0 0" }}>
              {props.intro}
            </p>
          ) : null}
        </div>
        <div className="row">
          {filtered ? (
            <Link className="button secondary" href={path}>
              Clear filters
            </Link>
          ) : null}
          {can(scope.role, "findings.export") ? (
            <a className="button secondary" href={exportHref} download>
              Export CSV
            </a>
          ) : null}
        </div>
      </div>
      <form className="row" action={path} method="get" role="search" aria-label="Search findings">
        {[...current]
          .filter(([k]) => k !== "q" && k !== "page")
          .map(([k, v], i) => (
            <input key={`${k}-${i}`} type="hidden" name={k} value={v} />
          ))}
        <label htmlFor="findings-q" className="muted">
          Search
        </label>
        <input
          id="findings-q"
          name="q"
          type="search"
          defaultValue={f.q ?? ""}
          placeholder="Title or resource ARN"
          style={{
            font: "inherit",
            padding: "0.4rem 0.5rem",
            border: "1px solid var(--border)",
            borderRadius: 6,
            minWidth: 260,
          }}
        />
        <button className="button secondary" type="submit">
          Search
        </button>
      </form>
      <SavedViews
        page={mine ? "findings/mine" : "findings"}
        path={path}
        query={current.toString()}
        views={views}
      />
      <div className={styles.layout}>
        <aside className={styles.facets} aria-label="Filters">
          {facet(
            "Severity",
            "severity",
            opts(
              order(result.facets.severity, SEVERITIES),
              (v) => v.charAt(0) + v.slice(1).toLowerCase(),
            ),
            f.severity,
          )}
          {facet(
            "Status",
            "status",
            opts(
              order(result.facets.status, ["OPEN", "SUPPRESSED", "RESOLVED"]),
              (v) => STATUS_LABEL[v] ?? v,
            ),
            f.status,
          )}
          {facet(
            "SLA",
            "sla",
            opts(
              order(result.facets.sla, ["BREACHED", "DUE_SOON", "ON_TRACK", "NONE"]),
              (v) => SLA_LABEL[v] ?? v,
            ),
            f.sla,
          )}
          {facet(
            "Business unit",
            "businessUnitId",
            opts(result.facets.businessUnitId, (v) => buName.get(v) ?? "Other unit"),
            f.businessUnitId,
          )}
          {facet(
            "Owner",
            "ownerUserId",
            opts(result.facets.ownerUserId, (v) => memberName.get(v) ?? "Former member"),
            f.ownerUserId,
          )}
          {facet(
            "Account",
            "accountId",
            opts(result.facets.accountId, (v) =>
              accountName.get(v) ? `${accountName.get(v)} (${v})` : v,
            ),
            f.accountId,
          )}
          {facet(
            "Organizational unit",
            "ouId",
            opts(result.facets.ouId, (v) => ouName.get(v) ?? v),
            f.ouId,
          )}
          {facet(
            "Framework",
            "framework",
            opts(result.facets.framework, (v) => FRAMEWORK_LABEL[v] ?? v),
            f.framework,
          )}
          {facet(
            "Rule",
            "ruleId",
            opts(result.facets.ruleId, (v) => catalog.titles.get(v) ?? v),
            f.ruleId,
          )}
          {facet(
            "Age",
            "age",
            opts(
              order(result.facets.age, ["0-7", "7-30", "30-90", "90+"]),
              (v) => AGE_LABEL[v] ?? v,
            ),
            f.age,
          )}
        </aside>
        <section className="stack" aria-label="Results">
          {rows.length === 0 ? (
            <div className="panel" role="status">
              {anyFindings || filtered ? (
                <p>
                  No findings match these filters. <Link href={path}>Clear the filters</Link>
                </p>
              ) : mine ? (
                <p>
                  Nothing is assigned to you
                  {scope.role === "BU_OWNER"
                    ? " and your business units have no open findings"
                    : ""}
                  .
                </p>
              ) : (
                <p>
                  No findings yet: they appear once a scan has finished.{" "}
                  {can(scope.role, "scans.read") ? <Link href="/scans">Go to scans</Link> : null}
                </p>
              )}
            </div>
          ) : (
            <FindingsTable
              rows={rows}
              can={{
                triage,
                suppress: can(scope.role, "findings.requestSuppression"),
                suppressDirect: triage,
              }}
              members={lookups.members}
              headCells={
                <>
                  {sortCell("Severity", "severity")}
                  <th scope="col">Finding, resource and account</th>
                  <th scope="col">Status</th>
                  <th scope="col">Business unit and owner</th>
                  {sortCell("SLA", "dueAt")}
                  {sortCell("First seen", "firstSeenAt")}
                </>
              }
            />
          )}
          <Pagination
            path={path}
            current={current}
            page={query.page}
            size={query.size}
            total={result.total}
            noun="findings"
            approximate={result.approximate}
          />
          {query.page > 1 && rows.length === 0 ? (
            <Link href={hrefWith(path, current, { page: null })}>Back to the first page</Link>
          ) : null}
        </section>
      </div>
    </div>
  );
}

const FILTER_PARAMS = [
  "severity",
  "status",
  "ruleId",
  "framework",
  "accountId",
  "ouId",
  "businessUnitId",
  "ownerUserId",
  "age",
  "sla",
  "q",
];
