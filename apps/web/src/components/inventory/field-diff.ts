/** One changed leaf of a configuration: its path (`SecurityGroups[0].GroupId`) and both values. */
export interface TFieldChange {
  path: string;
  kind: "added" | "removed" | "changed";
  before?: unknown;
  after?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

function join(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  const safe = /^[A-Za-z_$][\w$-]*$/.test(key) ? key : JSON.stringify(key);
  return path ? `${path}.${safe}` : safe;
}

/**
 * The field-level differences between two JSON values, walking objects and arrays (by index)
 * down to the leaves. At most `limit` changes (a rewritten policy can touch hundreds).
 */
export function diffFields(
  before: unknown,
  after: unknown,
  path = "",
  limit = 200,
): TFieldChange[] {
  const out: TFieldChange[] = [];
  const walk = (b: unknown, a: unknown, p: string) => {
    if (out.length >= limit) return;
    if (b === undefined && a === undefined) return;
    if (b === undefined || b === null) {
      if (a !== undefined && a !== null) out.push({ path: p, kind: "added", after: a });
      return;
    }
    if (a === undefined || a === null) {
      out.push({ path: p, kind: "removed", before: b });
      return;
    }
    if (isObject(b) && isObject(a)) {
      for (const k of [...new Set([...Object.keys(b), ...Object.keys(a)])].sort())
        walk(b[k], a[k], join(p, k));
      return;
    }
    if (Array.isArray(b) && Array.isArray(a)) {
      for (let i = 0; i < Math.max(a.length, b.length); i++) walk(b[i], a[i], join(p, i));
      return;
    }
    if (JSON.stringify(b) !== JSON.stringify(a))
      out.push({ path: p, kind: "changed", before: b, after: a });
  };
  walk(before, after, path);
  return out;
}

/**
 * The changes of one `ResourceChange.diff` (`{ <top-level key>: { before, after } }`), as
 * field-level changes. Anything else is shown as one opaque change.
 */
export function diffFromResourceChange(diff: unknown): TFieldChange[] {
  if (!isObject(diff)) return [];
  const out: TFieldChange[] = [];
  for (const [key, v] of Object.entries(diff)) {
    if (isObject(v) && ("before" in v || "after" in v))
      out.push(...diffFields(v.before, v.after, join("", key)));
    else out.push({ path: key, kind: "changed", after: v });
  }
  return out;
}

/** A short, readable rendering of a JSON value for a diff cell. */
export function formatValue(v: unknown, max = 160): string {
  if (v === undefined) return "—";
  const s = typeof v === "string" ? JSON.stringify(v) : JSON.stringify(v);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
