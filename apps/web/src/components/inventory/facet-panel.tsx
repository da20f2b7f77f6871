import { INVENTORY_EXACT_COUNT_CAP, type TFacet, type TInventoryFacetKey } from "@guardrail/core";
import Link from "next/link";
import { filterValues, toggleHref, type TInventoryQuery } from "./inventory-params";
import styles from "./inventory.module.css";

const FACETS: { key: TInventoryFacetKey; title: string; single?: boolean }[] = [
  { key: "accountId", title: "Account" },
  { key: "ouId", title: "Organizational unit" },
  { key: "businessUnitId", title: "Business unit" },
  { key: "region", title: "Region" },
  { key: "service", title: "Service" },
  { key: "resourceType", title: "Resource type" },
  { key: "tag", title: "Tag" },
  { key: "hasFindings", title: "Open findings", single: true },
];

const SHOWN = 10;

function FacetValues({
  query,
  facetKey,
  facet,
  single,
}: {
  query: TInventoryQuery;
  facetKey: TInventoryFacetKey;
  facet: TFacet;
  single?: boolean;
}) {
  const selected = filterValues(query.filters, facetKey);
  const prefix = facet.approximate ? "≈ " : "";
  const item = (v: TFacet["values"][number]) => {
    const on = selected.includes(v.value);
    return (
      <li key={v.value}>
        <Link
          href={toggleHref(query, facetKey, v.value, single)}
          aria-current={on ? "true" : undefined}
          aria-label={`${on ? "Remove filter" : "Filter by"} ${v.label} (${prefix}${v.count.toLocaleString("en-US")})`}
          prefetch={false}
        >
          <span className={styles.facetLabel} title={v.label}>
            {on ? "✓ " : ""}
            {v.label}
          </span>
          <span className={styles.facetCount}>
            {prefix}
            {v.count.toLocaleString("en-US")}
          </span>
        </Link>
      </li>
    );
  };
  // Selected values stay visible even when they are not among the top counts.
  const missing = selected
    .filter((s) => !facet.values.some((v) => v.value === s))
    .map((value) => ({ value, label: value, count: 0 }));
  const all = [...facet.values, ...missing];
  const head = all.slice(0, SHOWN);
  const tail = all.slice(SHOWN);
  if (all.length === 0) return <p className="muted">None</p>;
  return (
    <>
      <ul className={styles.facetList}>{head.map(item)}</ul>
      {tail.length > 0 ? (
        <details>
          <summary className="muted">{tail.length} more</summary>
          <ul className={styles.facetList}>{tail.map(item)}</ul>
        </details>
      ) : null}
    </>
  );
}

/** The facet filters: links that add or remove one value each (they work without JavaScript). */
export function FacetPanel({
  query,
  facets,
}: {
  query: TInventoryQuery;
  facets: Record<TInventoryFacetKey, TFacet>;
}) {
  const approximate = Object.values(facets).some((f) => f.approximate);
  return (
    <nav className={`panel ${styles.facets}`} aria-label="Inventory filters">
      {approximate ? (
        <p className="muted">
          ≈ counts are estimated from a sample: more than{" "}
          {INVENTORY_EXACT_COUNT_CAP.toLocaleString("en-US")} resources match.
        </p>
      ) : null}
      {FACETS.map(({ key, title, single }) => (
        <details key={key} open={key !== "tag" || filterValues(query.filters, key).length > 0}>
          <summary>{title}</summary>
          <FacetValues
            query={query}
            facetKey={key}
            facet={facets[key]}
            {...(single ? { single } : {})}
          />
        </details>
      ))}
    </nav>
  );
}
