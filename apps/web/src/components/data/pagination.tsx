import Link from "next/link";
import styles from "./data.module.css";
import { hrefWith } from "./search-params";

/** "1–50 of 1,234" with previous/next links that keep every other param. */
export function Pagination(props: {
  path: string;
  current: URLSearchParams;
  page: number;
  size: number;
  total: number;
  noun: string;
  /** the total is an estimate (shown as "about …") */
  approximate?: boolean;
}) {
  const { page, size, total } = props;
  const pages = Math.max(1, Math.ceil(total / size));
  const from = total === 0 ? 0 : (page - 1) * size + 1;
  const to = Math.min(total, page * size);
  return (
    <div className={styles.pagination}>
      <span className="muted" role="status">
        {from.toLocaleString("en-US")}–{to.toLocaleString("en-US")} of{" "}
        {props.approximate ? "about " : ""}
        {total.toLocaleString("en-US")} {props.noun}
      </span>
      <nav aria-label="Pages">
        {page > 1 ? (
          <Link
            className="button secondary"
            href={hrefWith(props.path, props.current, { page: String(page - 1) })}
          >
            Previous
          </Link>
        ) : null}
        <span className="muted">
          Page {page} of {pages.toLocaleString("en-US")}
        </span>
        {page < pages ? (
          <Link
            className="button secondary"
            href={hrefWith(props.path, props.current, { page: String(page + 1) })}
          >
            Next
          </Link>
        ) : null}
      </nav>
    </div>
  );
}

/** A column header that sorts by `by` (toggling the direction when already sorted by it). */
export function SortHeader(props: {
  label: string;
  by: string;
  path: string;
  current: URLSearchParams;
  sort: { by: string; dir: "asc" | "desc" };
}) {
  const active = props.sort.by === props.by;
  const dir = active && props.sort.dir === "desc" ? "asc" : "desc";
  return (
    <th
      scope="col"
      aria-sort={active ? (props.sort.dir === "asc" ? "ascending" : "descending") : "none"}
    >
      <Link
        className={styles.sortLink}
        href={hrefWith(props.path, props.current, { sort: props.by, dir })}
        scroll={false}
      >
        {props.label} {active ? (props.sort.dir === "asc" ? "▲" : "▼") : ""}
      </Link>
    </th>
  );
}
