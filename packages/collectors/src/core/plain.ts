/** Helpers that turn SDK output objects into the plain JSON a resource's `configuration` holds. */

/**
 * Deep copy with `Date`s as ISO 8601 strings, `undefined` fields and `$metadata` dropped, and
 * binary values as base64 strings: the SDK's output element, JSON-serialisable.
 */
export function toPlain<T>(value: T): Record<string, unknown> {
  const plain = toPlainValue(value);
  return plain !== null && typeof plain === "object" && !Array.isArray(plain)
    ? (plain as Record<string, unknown>)
    : {};
}

export function toPlainValue(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  if (Array.isArray(value)) return value.map((item) => toPlainValue(item));
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (item === undefined || key === "$metadata") continue;
      out[key] = toPlainValue(item);
    }
    return out;
  }
  return value;
}

/** `[{ Key, Value }]` (EC2, IAM, Organizations, RDS `TagList`) → `{ Key: Value }`. */
export function tagsFromList(
  list: ReadonlyArray<{ Key?: string | undefined; Value?: string | undefined }> | undefined | null,
): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const tag of list ?? []) {
    if (tag.Key !== undefined) tags[tag.Key] = tag.Value ?? "";
  }
  return tags;
}

/** A string map (EKS `tags`, Lambda `Tags`) → a plain copy without undefined values. */
export function tagsFromMap(
  map: Record<string, string | undefined> | undefined | null,
): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const [key, value] of Object.entries(map ?? {})) {
    if (value !== undefined) tags[key] = value;
  }
  return tags;
}

/**
 * IAM returns policy documents URL-encoded (RFC 3986). Decodes once; a document that is
 * already plain JSON is returned unchanged.
 */
export function decodePolicyDocument(document: string | undefined | null): string | null {
  if (document === undefined || document === null) return null;
  const trimmed = document.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) return document;
  try {
    return decodeURIComponent(document);
  } catch {
    return document;
  }
}

/** The `Name` tag of an EC2-style tag list, else null. */
export function nameFromTags(tags: Record<string, string>): string | null {
  return tags.Name ?? null;
}
