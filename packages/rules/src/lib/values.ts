/** Small readers for AWS-shaped `configuration` objects (unknown JSON). */

export type TRecord = Record<string, unknown>;

export function asRecord(value: unknown): TRecord | null {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as TRecord)
    : null;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asRecords(value: unknown): TRecord[] {
  return asArray(value).filter((v): v is TRecord => asRecord(v) !== null);
}

export function asString(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

export function asNumber(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** Credential-report cells and ISO strings: "N/A", "no_information", "not_supported" → null. */
export function parseAwsDate(value: unknown): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value !== "string" || value === "" || !/^\d{4}-\d{2}-\d{2}/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function daysBetween(earlier: Date, later: Date): number {
  return Math.floor((later.getTime() - earlier.getTime()) / 86_400_000);
}

export function isTrueCell(value: unknown): boolean {
  return value === true || value === "true" || value === "TRUE";
}

/** Parse a policy document (plain or URL-encoded JSON string, or an object); null when unreadable. */
export function parsePolicyJson(value: unknown): TRecord | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "object") return asRecord(value);
  if (typeof value !== "string" || value.trim() === "") return null;
  const text = value.trim().startsWith("%7B") || value.trim().startsWith("%7b")
    ? decodeURIComponent(value)
    : value;
  try {
    return asRecord(JSON.parse(text));
  } catch {
    return null;
  }
}

export function statementsOf(doc: TRecord | null): TRecord[] {
  if (!doc) return [];
  const s = doc.Statement;
  return Array.isArray(s) ? asRecords(s) : asRecord(s) ? [s as TRecord] : [];
}

export function toStringList(value: unknown): string[] {
  if (typeof value === "string") return [value];
  return asArray(value).filter((v): v is string => typeof v === "string");
}

/** IAM action glob match, case-insensitive: "s3:Get*" matches "s3:GetObject". */
export function actionMatches(pattern: string, action: string): boolean {
  const p = pattern.toLowerCase();
  const a = action.toLowerCase();
  if (p === "*" || p === a) return true;
  if (!p.includes("*") && !p.includes("?")) return false;
  const re = new RegExp(
    `^${p.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`,
  );
  return re.test(a);
}

export function tagValue(tags: Record<string, string>, key: string): string | undefined {
  const lower = key.toLowerCase();
  for (const [k, v] of Object.entries(tags)) if (k.toLowerCase() === lower) return v;
  return undefined;
}
