import type {
  TParseResult,
  TPolicy,
  TPolicyInput,
  TPolicyStatement,
  TPrincipalBlock,
} from "./policy.types";

// Parses every policy form AWS accepts into the normalised TPolicy shape. Never throws: a
// malformed document yields { ok: false, error }. Results are memoised by document text (and by
// object identity for parsed inputs) because the same managed policy is attached to thousands
// of principals; the cache is bounded and purely an optimisation (results are deterministic).

const MAX_CACHED_DOCUMENTS = 50_000;
const textCache = new Map<string, TParseResult>();
const objectCache = new WeakMap<object, TParseResult>();
/** Policies this parser produced: handing one back in returns it as is. */
const producedPolicies = new WeakSet<object>();

class PolicyParseError extends Error {}

const STATEMENT_KEYS = new Set([
  "Sid",
  "Effect",
  "Action",
  "NotAction",
  "Resource",
  "NotResource",
  "Principal",
  "NotPrincipal",
  "Condition",
]);
const DOCUMENT_KEYS = new Set(["Version", "Id", "Statement"]);
const PRINCIPAL_KEYS = ["AWS", "Service", "Federated", "CanonicalUser"] as const;

const BASE_OPERATORS = [
  "StringEquals",
  "StringNotEquals",
  "StringEqualsIgnoreCase",
  "StringNotEqualsIgnoreCase",
  "StringLike",
  "StringNotLike",
  "NumericEquals",
  "NumericNotEquals",
  "NumericLessThan",
  "NumericLessThanEquals",
  "NumericGreaterThan",
  "NumericGreaterThanEquals",
  "DateEquals",
  "DateNotEquals",
  "DateLessThan",
  "DateLessThanEquals",
  "DateGreaterThan",
  "DateGreaterThanEquals",
  "Bool",
  "BinaryEquals",
  "IpAddress",
  "NotIpAddress",
  "ArnEquals",
  "ArnLike",
  "ArnNotEquals",
  "ArnNotLike",
  "Null",
] as const;
const CANONICAL_BASE = new Map(BASE_OPERATORS.map((op) => [op.toLowerCase(), op]));

/** Canonical spelling of a condition operator, or null when AWS would reject it. */
export function normalizeConditionOperator(raw: string): string | null {
  let rest = raw;
  let prefix = "";
  const lower = rest.toLowerCase();
  if (lower.startsWith("foranyvalue:")) {
    prefix = "ForAnyValue:";
    rest = rest.slice("ForAnyValue:".length);
  } else if (lower.startsWith("forallvalues:")) {
    prefix = "ForAllValues:";
    rest = rest.slice("ForAllValues:".length);
  }
  let suffix = "";
  if (rest.toLowerCase().endsWith("ifexists")) {
    suffix = "IfExists";
    rest = rest.slice(0, -"IfExists".length);
  }
  const base = CANONICAL_BASE.get(rest.toLowerCase());
  if (!base) return null;
  if (base === "Null" && (suffix || prefix)) return null;
  return `${prefix}${base}${suffix}`;
}

export function parsePolicyDocument(input: TPolicyInput | null | undefined): TParseResult {
  try {
    if (input === null || input === undefined) return fail("no policy document");
    if (typeof input === "string") return parseText(input);
    if (typeof input !== "object" || Array.isArray(input)) {
      return fail("a policy document must be a JSON object");
    }
    if (producedPolicies.has(input)) return { ok: true, policy: input as unknown as TPolicy };
    const cached = objectCache.get(input);
    if (cached) return cached;
    const result = validateDocument(input);
    objectCache.set(input, result);
    return result;
  } catch (error) {
    return fail(`unreadable policy document: ${describeError(error)}`);
  }
}

function parseText(text: string): TParseResult {
  const cached = textCache.get(text);
  if (cached) return cached;
  const result = parseTextUncached(text);
  if (textCache.size >= MAX_CACHED_DOCUMENTS) textCache.clear();
  textCache.set(text, result);
  return result;
}

function parseTextUncached(text: string): TParseResult {
  const trimmed = text.trim();
  if (trimmed === "") return fail("empty policy document");
  const candidates = /^[{[]/.test(trimmed) ? [trimmed] : decodeCandidates(trimmed);
  if (candidates.length === 0) {
    return fail("policy document is neither JSON nor URL-encoded JSON");
  }
  let lastError = "";
  for (const candidate of candidates) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(candidate);
    } catch (error) {
      lastError = `invalid JSON: ${describeError(error)}`;
      continue;
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      return fail("a policy document must be a JSON object");
    }
    return validateDocument(parsed as Record<string, unknown>);
  }
  return fail(lastError || "invalid JSON");
}

function decodeCandidates(text: string): string[] {
  const out: string[] = [];
  for (const variant of [text, text.replace(/\+/g, " ")]) {
    try {
      const decoded = decodeURIComponent(variant).trim();
      if (decoded.startsWith("{") && !out.includes(decoded)) out.push(decoded);
    } catch {
      // not valid percent-encoding: try the next variant
    }
  }
  return out;
}

function validateDocument(doc: Record<string, unknown>): TParseResult {
  try {
    for (const key of Object.keys(doc)) {
      if (!DOCUMENT_KEYS.has(key)) throw new PolicyParseError(`unknown top-level element "${key}"`);
    }
    const policy: TPolicy = { Statement: [] };
    if (doc.Version !== undefined) {
      if (typeof doc.Version !== "string") throw new PolicyParseError("Version must be a string");
      policy.Version = doc.Version;
    }
    if (doc.Id !== undefined) {
      if (typeof doc.Id !== "string") throw new PolicyParseError("Id must be a string");
      policy.Id = doc.Id;
    }
    const raw = doc.Statement;
    if (raw === undefined) throw new PolicyParseError("missing Statement");
    const list = Array.isArray(raw) ? raw : [raw];
    policy.Statement = list.map((statement, index) => validateStatement(statement, index));
    producedPolicies.add(policy);
    return { ok: true, policy: deepFreeze(policy) };
  } catch (error) {
    if (error instanceof PolicyParseError) return fail(error.message);
    throw error;
  }
}

function validateStatement(raw: unknown, index: number): TPolicyStatement {
  const where = `Statement[${index}]`;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new PolicyParseError(`${where} must be an object`);
  }
  const s = raw as Record<string, unknown>;
  for (const key of Object.keys(s)) {
    if (!STATEMENT_KEYS.has(key)) throw new PolicyParseError(`${where}: unknown element "${key}"`);
  }
  if (s.Effect !== "Allow" && s.Effect !== "Deny") {
    throw new PolicyParseError(`${where}: Effect must be "Allow" or "Deny"`);
  }
  const statement: TPolicyStatement = { Effect: s.Effect };
  if (s.Sid !== undefined) {
    if (typeof s.Sid !== "string" && typeof s.Sid !== "number") {
      throw new PolicyParseError(`${where}: Sid must be a string`);
    }
    statement.Sid = String(s.Sid);
  }
  exclusive(s, "Action", "NotAction", where, true);
  exclusive(s, "Resource", "NotResource", where, false);
  exclusive(s, "Principal", "NotPrincipal", where, false);
  if (s.Action !== undefined) statement.Action = readActions(s.Action, `${where}.Action`);
  if (s.NotAction !== undefined)
    statement.NotAction = readActions(s.NotAction, `${where}.NotAction`);
  if (s.Resource !== undefined) statement.Resource = readStrings(s.Resource, `${where}.Resource`);
  if (s.NotResource !== undefined) {
    statement.NotResource = readStrings(s.NotResource, `${where}.NotResource`);
  }
  if (s.Principal !== undefined)
    statement.Principal = readPrincipal(s.Principal, `${where}.Principal`);
  if (s.NotPrincipal !== undefined) {
    statement.NotPrincipal = readPrincipal(s.NotPrincipal, `${where}.NotPrincipal`);
  }
  if (s.Condition !== undefined)
    statement.Condition = readCondition(s.Condition, `${where}.Condition`);
  return statement;
}

function exclusive(
  s: Record<string, unknown>,
  a: string,
  b: string,
  where: string,
  required: boolean,
): void {
  const hasA = s[a] !== undefined;
  const hasB = s[b] !== undefined;
  if (hasA && hasB) throw new PolicyParseError(`${where}: ${a} and ${b} cannot both be present`);
  if (required && !hasA && !hasB) throw new PolicyParseError(`${where}: ${a} or ${b} is required`);
}

function readStrings(raw: unknown, where: string): string[] {
  const list = Array.isArray(raw) ? raw : [raw];
  return list.map((value, i) => {
    if (typeof value !== "string" || value === "") {
      throw new PolicyParseError(`${where}[${i}] must be a non-empty string`);
    }
    return value;
  });
}

const ACTION_SHAPE = /^[A-Za-z0-9*?_-]+:[A-Za-z0-9*?_.-]+$/;

function readActions(raw: unknown, where: string): string[] {
  const actions = readStrings(raw, where);
  for (const action of actions) {
    if (action !== "*" && !ACTION_SHAPE.test(action)) {
      throw new PolicyParseError(`${where}: "${action}" is not of the form service:action`);
    }
  }
  return actions;
}

function readPrincipal(raw: unknown, where: string): TPrincipalBlock | "*" {
  if (raw === "*") return "*";
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new PolicyParseError(`${where} must be "*" or an object`);
  }
  const block: TPrincipalBlock = {};
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length === 0) throw new PolicyParseError(`${where} is empty`);
  for (const [key, value] of entries) {
    if (!(PRINCIPAL_KEYS as readonly string[]).includes(key)) {
      throw new PolicyParseError(`${where}: unknown principal type "${key}"`);
    }
    block[key as (typeof PRINCIPAL_KEYS)[number]] = readStrings(value, `${where}.${key}`);
  }
  return block;
}

function readCondition(raw: unknown, where: string): Record<string, Record<string, string[]>> {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new PolicyParseError(`${where} must be an object`);
  }
  const out: Record<string, Record<string, string[]>> = {};
  for (const [operatorRaw, block] of Object.entries(raw as Record<string, unknown>)) {
    const operator = normalizeConditionOperator(operatorRaw);
    if (!operator)
      throw new PolicyParseError(`${where}: unknown condition operator "${operatorRaw}"`);
    if (typeof block !== "object" || block === null || Array.isArray(block)) {
      throw new PolicyParseError(`${where}.${operatorRaw} must be an object of condition keys`);
    }
    const keys: Record<string, string[]> = out[operator] ?? {};
    for (const [key, value] of Object.entries(block as Record<string, unknown>)) {
      if (key === "") throw new PolicyParseError(`${where}.${operatorRaw}: empty condition key`);
      const list = Array.isArray(value) ? value : [value];
      keys[key] = list.map((v, i) => {
        if (typeof v === "string") return v;
        if (typeof v === "number" && Number.isFinite(v)) return String(v);
        if (typeof v === "boolean") return v ? "true" : "false";
        throw new PolicyParseError(
          `${where}.${operatorRaw}.${key}[${i}] must be a string, number or boolean`,
        );
      });
    }
    out[operator] = keys;
  }
  return out;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

function fail(error: string): TParseResult {
  return { ok: false, error };
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
