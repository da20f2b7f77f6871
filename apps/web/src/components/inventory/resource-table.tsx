import type { TInventorySort, TResourceRow } from "@guardrail/core";
import Link from "next/link";
import { formatDateTime } from "@/components/format";
import type { TInventoryQuery } from "./inventory-params";
import styles from "./inventory.module.css";

type TSortKey = NonNullable<TInventorySort["by"]>;

function SortHeader({
  by,
  label,
  query,
  sortHref,
}: {
  by: TSortKey;
  label: string;
  query: TInventoryQuery;
  sortHref: (by: TSortKey) => string;
}) {
  const active = query.sort.by === by;
  const dir = query.sort.dir ?? "asc";
  return (
    <th scope="col" aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : "none"}>
      <Link
        href={sortHref(by)}
        prefetch={false}
        aria-label={`Sort by ${label}${active && dir === "asc" ? ", descending" : ""}`}
      >
        {label}{" "}
        {active ? (
          dir === "asc" ? (
            "▲"
          ) : (
            "▼"
          )
        ) : (
          <span aria-hidden="true" className="muted">
            ↕
          </span>
        )}
      </Link>
    </th>
  );
}

/** One page of resources: name and ARN (linked to the resource page), where it lives, its findings. */
export function ResourceTable({
  rows,
  query,
  sortHref,
}: {
  rows: TResourceRow[];
  query: TInventoryQuery;
  sortHref: (by: TSortKey) => string;
}) {
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table} aria-label="Resources">
        <thead>
          <tr>
            <SortHeader by="arn" label="Resource" query={query} sortHref={sortHref} />
            <SortHeader by="type" label="Type" query={query} sortHref={sortHref} />
            <th scope="col">Account</th>
            <th scope="col">Region</th>
            <th scope="col">Business unit</th>
            <th scope="col">Open findings</th>
            <SortHeader by="lastSeen" label="Last seen" query={query} sortHref={sortHref} />
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td className={styles.resourceCell}>
                <Link href={`/inventory/${r.id}`} prefetch={false}>
                  {r.name ?? r.resourceId.split(/[/:]/).pop() ?? r.resourceId}
                </Link>
                {r.deletedAt ? <span className={`badge ${styles.deleted}`}> deleted</span> : null}
                <div className={styles.arn}>{r.resourceId}</div>
              </td>
              <td>{r.resourceType.replace(/^AWS::/, "")}</td>
              <td className={styles.nowrap}>{r.accountId}</td>
              <td className={styles.nowrap}>{r.region}</td>
              <td>{r.businessUnitName ?? <span className="muted">unassigned</span>}</td>
              <td>
                {r.openFindings > 0 ? (
                  <strong>{r.openFindings}</strong>
                ) : (
                  <span className="muted">0</span>
                )}
              </td>
              <td className={styles.nowrap}>
                <time dateTime={r.lastSeenAt.toISOString()}>
                  {formatDateTime(r.lastSeenAt).slice(0, 10)}
                </time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
