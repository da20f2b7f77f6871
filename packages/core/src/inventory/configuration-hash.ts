import { createHash } from "node:crypto";

/** JSON with object keys sorted at every level, so equal configurations hash equally. */
export function stringifyCanonical(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value))
    return `[${value.map((v) => stringifyCanonical(v === undefined ? null : v)).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stringifyCanonical(v)}`).join(",")}}`;
}

/** sha-256 of what a resource is: its configuration, name, tags and region. */
export function computeConfigurationHash(resource: {
  region: string;
  name: string | null;
  tags: Record<string, string>;
  configuration: Record<string, unknown>;
}): string {
  return createHash("sha256")
    .update(
      stringifyCanonical({
        configuration: resource.configuration,
        name: resource.name,
        region: resource.region,
        tags: resource.tags,
      }),
    )
    .digest("hex");
}

/** The top-level configuration keys that differ, with before/after values. */
export function diffConfiguration(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Record<string, { before: unknown; after: unknown }> {
  const diff: Record<string, { before: unknown; after: unknown }> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (stringifyCanonical(before[key]) !== stringifyCanonical(after[key])) {
      diff[key] = { before: before[key] ?? null, after: after[key] ?? null };
    }
  }
  return diff;
}
