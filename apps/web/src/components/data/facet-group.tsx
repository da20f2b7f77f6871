import Link from "next/link";
import styles from "./data.module.css";
import { hrefToggling, hrefWith } from "./search-params";

export interface TFacetOption {
  value: string;
  label: string;
  count: number;
}

/**
 * One facet: its values with counts, each a link toggling that value in the URL (so every
 * filtered list is a shareable link and works without JavaScript). Selected values stay
 * listed even when their count under the other filters is zero.
 */
export function FacetGroup(props: {
  title: string;
  param: string;
  path: string;
  current: URLSearchParams;
  options: readonly TFacetOption[];
  selected: readonly string[];
  limit?: number;
  /** the filter takes one value: a click selects that value instead of adding it (or clears it) */
  single?: boolean;
}) {
  const limit = props.limit ?? 8;
  const options = [...props.options];
  for (const s of props.selected)
    if (!options.some((o) => o.value === s)) options.push({ value: s, label: s, count: 0 });
  if (options.length === 0) return null;
  const shown = options.filter((o, i) => i < limit || props.selected.includes(o.value));
  const hidden = options.length - shown.length;
  return (
    <section className={styles.facet} aria-label={`Filter by ${props.title.toLowerCase()}`}>
      <h2>{props.title}</h2>
      <ul>
        {shown.map((o) => {
          const on = props.selected.includes(o.value);
          return (
            <li key={o.value}>
              <Link
                className={styles.option}
                aria-current={on ? "true" : undefined}
                aria-label={`${props.title}: ${o.label}, ${o.count} ${on ? "(selected, select to remove)" : ""}`}
                href={
                  props.single
                    ? hrefWith(props.path, props.current, { [props.param]: on ? null : o.value })
                    : hrefToggling(props.path, props.current, props.param, o.value, props.selected)
                }
                scroll={false}
                data-facet={props.param}
                data-value={o.value}
              >
                <span className={styles.optionLabel} title={o.label}>
                  {o.label}
                </span>
                <span className={styles.count}>{o.count.toLocaleString("en-US")}</span>
              </Link>
            </li>
          );
        })}
      </ul>
      {hidden > 0 ? (
        <p className={`muted ${styles.more}`}>and {hidden} more (narrow the other filters)</p>
      ) : null}
    </section>
  );
}
