import {
  INVENTORY_EXACT_COUNT_CAP,
  isAppError,
  listResourceFacets,
  listResources,
  type TInventorySort,
} from "@guardrail/core";
import type { Metadata } from "next";
import Link from "next/link";
import { FacetPanel } from "@/components/inventory/facet-panel";
import {
  FILTER_KEYS,
  filterValues,
  hasAnyFilter,
  inventoryHref,
  parseInventoryParams,
  toggleHref,
  type TInventoryQuery,
  type TSearchParams,
} from "@/components/inventory/inventory-params";
import styles from "@/components/inventory/inventory.module.css";
import { ResourceTable } from "@/components/inventory/resource-table";
import { getDb } from "@/server/services";
import { requirePageScope } from "@/server/session";

export const metadata: Metadata = { title: "Inventory" };

const FILTER_TITLES: Record<(typeof FILTER_KEYS)[number], string> = {
  q: "Search",
  accountId: "Account",
  ouId: "OU",
  businessUnitId: "Business unit",
  region: "Region",
  service: "Service",
  resourceType: "Type",
  tag: "Tag",
  hasFindings: "Open findings",
  deleted: "Deleted",
};

export default async function InventoryPage({
  searchParams,
}: {
  searchParams: Promise<TSearchParams>;
}) {
  const scope = await requirePageScope();
  let query: TInventoryQuery;
  try {
    query = parseInventoryParams(await searchParams);
  } catch (err) {
    if (!isAppError(err)) throw err;
    return (
      <div className="stack">
        <h1>Inventory</h1>
        <div className="alert error" role="alert">
          <p>These filters are not valid: {err.message}</p>
          <Link href="/inventory">Clear the filters</Link>
        </div>
      </div>
    );
  }
  const db = getDb();
  const [list, facets] = await Promise.all([
    listResources({ db, scope, filters: query.filters, sort: query.sort, page: query.page }).catch(
      (err: unknown) => {
        // A cursor from an old link or a hand-edited URL: start again from the first page.
        if (isAppError(err) && err.code === "VALIDATION" && (query.page.after || query.page.before))
          return null;
        throw err;
      },
    ),
    listResourceFacets({ db, scope, filters: query.filters }),
  ]);
  const filtered = hasAnyFilter(query.filters);
  const labels = new Map(
    Object.entries(facets).flatMap(([k, f]) =>
      f.values.map((v) => [`${k}\u0000${v.value}`, v.label] as const),
    ),
  );
  const chips = FILTER_KEYS.flatMap((k) =>
    filterValues(query.filters, k).map((v) => ({
      key: k,
      value: v,
      label: labels.get(`${k}\u0000${v}`) ?? v,
    })),
  );
  const sortHref = (by: NonNullable<TInventorySort["by"]>) =>
    inventoryHref(query, {
      sort: { by, dir: query.sort.by === by && query.sort.dir === "asc" ? "desc" : "asc" },
    });

  return (
    <div className="stack">
      <div className={styles.header}>
        <div>
          <h1>Inventory</h1>
          <p className="muted" data-testid="inventory-total">
            {list
              ? list.total.exact
                ? `${list.total.value.toLocaleString("en-US")} resource${list.total.value === 1 ? "" : "s"}`
                : `About ${list.total.value.toLocaleString("en-US")} resources (more than ${INVENTORY_EXACT_COUNT_CAP.toLocaleString("en-US")} match: estimated)`
              : ""}
            {filtered
              ? list && list.total.exact && list.total.value === 1
                ? " matches these filters"
                : " match these filters"
              : " across every account and region"}
          </p>
        </div>
      </div>
      <form className={styles.search} method="get" action="/inventory" role="search">
        {FILTER_KEYS.filter((k) => k !== "q").flatMap((k) =>
          filterValues(query.filters, k).map((v) => (
            <input key={`${k}=${v}`} type="hidden" name={k} value={v} />
          )),
        )}
        {query.sort.by !== "arn" ? <input type="hidden" name="sort" value={query.sort.by} /> : null}
        {query.sort.dir !== "asc" ? (
          <input type="hidden" name="dir" value={query.sort.dir} />
        ) : null}
        <label htmlFor="inventory-q" className={styles.visuallyHidden}>
          Search resources
        </label>
        <input
          id="inventory-q"
          type="search"
          name="q"
          defaultValue={typeof query.filters.q === "string" ? query.filters.q : ""}
          placeholder="Search by name, ARN, resource id or tag value"
          aria-label="Search resources"
          maxLength={200}
        />
        <button className="button" type="submit">
          Search
        </button>
        <Link
          className="button secondary"
          href={inventoryHref(query, {
            set: { deleted: query.filters.deleted === "include" ? [] : ["include"] },
          })}
          prefetch={false}
        >
          {query.filters.deleted === "include" ? "Hide deleted" : "Show deleted"}
        </Link>
      </form>
      {chips.length > 0 ? (
        <div className="row">
          <span className="muted">Filters:</span>
          <ul className={styles.chips} aria-label="Active filters">
            {chips.map((c) => (
              <li key={`${c.key}=${c.value}`}>
                <Link
                  href={toggleHref(query, c.key, c.value)}
                  aria-label={`Remove filter ${FILTER_TITLES[c.key]}: ${c.label}`}
                  prefetch={false}
                >
                  {FILTER_TITLES[c.key]}: {c.label} <span aria-hidden="true">×</span>
                </Link>
              </li>
            ))}
          </ul>
          <Link href="/inventory">Clear all</Link>
        </div>
      ) : null}
      <div className={styles.layout}>
        <FacetPanel query={query} facets={facets} />
        <section className="panel" aria-label="Resources">
          {!list ? (
            <div className="alert info" role="status">
              This page link has expired.{" "}
              <Link href={inventoryHref(query)}>Go to the first page</Link>.
            </div>
          ) : list.rows.length === 0 ? (
            <div role="status">
              {filtered ? (
                <p>
                  No resource matches these filters.{" "}
                  <Link href="/inventory">Clear the filters</Link>.
                </p>
              ) : (
                <p>
                  No resources yet: the inventory fills when a scan collects your accounts.{" "}
                  <Link href="/scans">Go to Scans</Link>.
                </p>
              )}
            </div>
          ) : (
            <>
              <ResourceTable rows={list.rows} query={query} sortHref={sortHref} />
              <nav className={styles.pager} aria-label="Pages">
                {list.pageInfo.prev ? (
                  <Link
                    className="button secondary"
                    href={inventoryHref(query, { before: list.pageInfo.prev })}
                    rel="prev"
                    prefetch={false}
                  >
                    ← Previous
                  </Link>
                ) : (
                  <span className={`button secondary ${styles.disabled}`} aria-disabled="true">
                    ← Previous
                  </span>
                )}
                <span className="muted">{list.rows.length} on this page</span>
                {list.pageInfo.next ? (
                  <Link
                    className="button secondary"
                    href={inventoryHref(query, { after: list.pageInfo.next })}
                    rel="next"
                    prefetch={false}
                  >
                    Next →
                  </Link>
                ) : (
                  <span className={`button secondary ${styles.disabled}`} aria-disabled="true">
                    Next →
                  </span>
                )}
              </nav>
            </>
          )}
        </section>
      </div>
    </div>
  );
}
