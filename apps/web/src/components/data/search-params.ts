/** A page's search params as Next.js hands them to a server component. */
export type TSearchParams = Record<string, string | string[] | undefined>;

/** The search params as a URLSearchParams (repeated keys kept, empty values dropped). */
export function toUrlSearchParams(sp: TSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(sp)) {
    for (const item of Array.isArray(v) ? v : v === undefined ? [] : [v])
      if (item !== "") out.append(k, item);
  }
  return out;
}

/**
 * A link to the same page with some params changed: `null` removes a key, an array replaces
 * all its values. Changing a filter goes back to the first page.
 */
export function hrefWith(
  path: string,
  current: URLSearchParams,
  changes: Record<string, string | string[] | null>,
): string {
  const next = new URLSearchParams(current);
  for (const [k, v] of Object.entries(changes)) {
    next.delete(k);
    if (v === null) continue;
    for (const item of Array.isArray(v) ? v : [v]) next.append(k, item);
  }
  if (!("page" in changes)) next.delete("page");
  const q = next.toString();
  return q ? `${path}?${q}` : path;
}

/** The link that toggles one value of a multi-value filter. */
export function hrefToggling(
  path: string,
  current: URLSearchParams,
  key: string,
  value: string,
  selected: readonly string[],
): string {
  const values = selected.includes(value)
    ? selected.filter((v) => v !== value)
    : [...selected, value];
  return hrefWith(path, current, { [key]: values.length > 0 ? values : null });
}
