import { GLOB_ESCAPE, matchGlob } from "./glob.matcher";
import type { TTruth } from "./policy.types";

// Three-valued evaluation of Condition blocks and policy variables.
//
// The request context says, for each condition key, one of: its values (decided), "absent"
// (known not to be in the request) or nothing (unknown: e.g. the source IP, MFA at request time,
// tags the collector did not see). A condition on an unknown key is "unknown" unless its outcome
// is the same whether the key is absent or holds any value (e.g. StringLikeIfExists "*").

export type TContextValue = string | number | boolean | readonly (string | number | boolean)[];

export interface TConditionContext {
  /** values of a key (lower-cased name); null = known absent; undefined = unknown */
  lookup(keyLower: string): readonly string[] | null | undefined;
}

export interface TConditionContextOptions {
  values?: Readonly<Record<string, TContextValue | null | undefined>>;
  /** keys not listed in `values` are known to be absent from the request */
  isComplete?: boolean;
  /** key prefixes (e.g. "aws:principaltag/") whose listed values are complete */
  completePrefixes?: readonly string[];
  /** keys known to be absent */
  absentKeys?: readonly string[];
  /** consulted for keys this context does not know */
  parent?: TConditionContext;
}

function toStrings(value: TContextValue): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((v) => (typeof v === "boolean" ? (v ? "true" : "false") : String(v)));
}

export function createConditionContext(options: TConditionContextOptions): TConditionContext {
  const values = new Map<string, readonly string[] | null>();
  for (const [key, value] of Object.entries(options.values ?? {})) {
    values.set(key.toLowerCase(), value === null || value === undefined ? null : toStrings(value));
  }
  for (const key of options.absentKeys ?? []) values.set(key.toLowerCase(), null);
  const prefixes = (options.completePrefixes ?? []).map((p) => p.toLowerCase());
  const { parent, isComplete = false } = options;
  return {
    lookup(keyLower) {
      const own = values.get(keyLower);
      if (own !== undefined) return own;
      if (parent) {
        const inherited = parent.lookup(keyLower);
        if (inherited !== undefined) return inherited;
      }
      if (isComplete || prefixes.some((p) => keyLower.startsWith(p))) return null;
      return undefined;
    },
  };
}

export interface TConditionOutcome {
  truth: TTruth;
  /** keys whose values were needed but unknown */
  unresolved: readonly string[];
}

// ---- three-valued logic -------------------------------------------------------------------

export function and3(a: TTruth, b: TTruth): TTruth {
  if (a === false || b === false) return false;
  if (a === "unknown" || b === "unknown") return "unknown";
  return true;
}

export function or3(a: TTruth, b: TTruth): TTruth {
  if (a === true || b === true) return true;
  if (a === "unknown" || b === "unknown") return "unknown";
  return false;
}

export function not3(a: TTruth): TTruth {
  return a === "unknown" ? "unknown" : !a;
}

// ---- policy variables ----------------------------------------------------------------------

/** Escape marker: the next character is literal, not a wildcard. */
export const LITERAL_ESCAPE = GLOB_ESCAPE;

export type TSubstitution =
  | { kind: "value"; text: string }
  | { kind: "absent" }
  | { kind: "unknown"; key: string };

const VARIABLE = /\$\{([^}]*)\}/g;

/**
 * Replaces ${aws:username}, ${aws:PrincipalTag/team}, ${key, 'default'} and the escapes
 * ${*} ${?} ${$}. Substituted text and escapes are literal (escaped for glob matching when
 * `escapeWildcards`).
 */
export function substituteVariables(
  text: string,
  context: TConditionContext,
  escapeWildcards: boolean,
): TSubstitution {
  if (!text.includes("${")) return { kind: "value", text };
  let missing: TSubstitution | null = null;
  const literal = (value: string): string =>
    escapeWildcards ? value.replace(/[*?]/g, (ch) => LITERAL_ESCAPE + ch) : value;
  const out = text.replace(VARIABLE, (whole, inner: string) => {
    const body = inner.trim();
    if (body === "*" || body === "?" || body === "$") return literal(body);
    const [rawKey, ...rest] = body.split(",");
    const key = (rawKey ?? "").trim();
    const fallback = /^\s*'([^']*)'\s*$/.exec(rest.join(","))?.[1];
    const values = context.lookup(key.toLowerCase());
    if (values && values.length > 0) return literal(values[0] as string);
    if (fallback !== undefined && values !== undefined) return literal(fallback);
    if (values === undefined) {
      if (missing?.kind !== "unknown") missing = { kind: "unknown", key };
    } else if (missing === null) {
      missing = { kind: "absent" };
    }
    return whole;
  });
  return missing ?? { kind: "value", text: out };
}

/** Glob match where LITERAL_ESCAPE-prefixed characters are literal. */
export function matchEscapedGlob(pattern: string, text: string, ignoreCase: boolean): boolean {
  if (!pattern.includes(LITERAL_ESCAPE)) return matchGlob(pattern, text, ignoreCase);
  let source = "^";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === LITERAL_ESCAPE && i + 1 < pattern.length) {
      source += escapeRegex(pattern[++i] as string);
    } else if (ch === "*") source += ".*";
    else if (ch === "?") source += ".";
    else source += escapeRegex(ch);
  }
  return new RegExp(`${source}$`, ignoreCase ? "is" : "s").test(text);
}

function escapeRegex(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}

// ---- operators -----------------------------------------------------------------------------

interface TParsedOperator {
  set: "none" | "any" | "all";
  base: string;
  ifExists: boolean;
  negated: boolean;
}

const NEGATED: Record<string, string> = {
  StringNotEquals: "StringEquals",
  StringNotEqualsIgnoreCase: "StringEqualsIgnoreCase",
  StringNotLike: "StringLike",
  NumericNotEquals: "NumericEquals",
  DateNotEquals: "DateEquals",
  ArnNotEquals: "ArnEquals",
  ArnNotLike: "ArnLike",
  NotIpAddress: "IpAddress",
};

const operatorCache = new Map<string, TParsedOperator>();

function parseOperator(operator: string): TParsedOperator {
  const cached = operatorCache.get(operator);
  if (cached) return cached;
  let rest = operator;
  let set: TParsedOperator["set"] = "none";
  if (rest.startsWith("ForAnyValue:")) {
    set = "any";
    rest = rest.slice(12);
  } else if (rest.startsWith("ForAllValues:")) {
    set = "all";
    rest = rest.slice(13);
  }
  const ifExists = rest.endsWith("IfExists");
  if (ifExists) rest = rest.slice(0, -8);
  const positive = NEGATED[rest];
  const parsed: TParsedOperator = {
    set,
    base: positive ?? rest,
    ifExists,
    negated: positive !== undefined,
  };
  operatorCache.set(operator, parsed);
  return parsed;
}

function parseNumber(text: string): number | null {
  if (text.trim() === "") return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

function parseDate(text: string): number | null {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

function parseIp(text: string): { bytes: number[]; v6: boolean } | null {
  if (text.includes(":")) {
    const [head, tail] = text.split("::");
    if (text.split("::").length > 2) return null;
    const headParts = head ? head.split(":") : [];
    const tailParts = tail !== undefined && tail !== "" ? tail.split(":") : [];
    const missing = 8 - headParts.length - tailParts.length;
    if (tail === undefined ? headParts.length !== 8 : missing < 0) return null;
    const groups = [
      ...headParts,
      ...Array<string>(tail === undefined ? 0 : missing).fill("0"),
      ...tailParts,
    ];
    const bytes: number[] = [];
    for (const g of groups) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
      const v = parseInt(g, 16);
      bytes.push(v >> 8, v & 255);
    }
    return { bytes, v6: true };
  }
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  const bytes = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : NaN));
  if (bytes.some((b) => Number.isNaN(b) || b > 255)) return null;
  return { bytes, v6: false };
}

function ipInCidr(ipText: string, cidr: string): boolean {
  const [net, bitsText] = cidr.trim().split("/");
  const ip = parseIp(ipText.trim());
  const network = parseIp(net ?? "");
  if (!ip || !network || ip.v6 !== network.v6) return false;
  const max = ip.v6 ? 128 : 32;
  const bits = bitsText === undefined ? max : Number(bitsText);
  if (!Number.isInteger(bits) || bits < 0 || bits > max) return false;
  for (let i = 0; i < bits; i++) {
    const byte = i >> 3;
    const mask = 0x80 >> (i & 7);
    if (((ip.bytes[byte] as number) & mask) !== ((network.bytes[byte] as number) & mask))
      return false;
  }
  return true;
}

function matchArn(pattern: string, value: string): boolean {
  const p = pattern.split(":");
  const v = value.split(":");
  if (p.length < 6 || v.length < 6) return matchEscapedGlob(pattern, value, false);
  for (let k = 0; k < 5; k++)
    if (!matchEscapedGlob(p[k] as string, v[k] as string, false)) return false;
  return matchEscapedGlob(p.slice(5).join(":"), v.slice(5).join(":"), false);
}

/** Positive (non-negated) base operator: does one request value match one policy value? */
function matchValue(base: string, policyValue: string, requestValue: string): boolean {
  switch (base) {
    case "StringEquals":
      return unescapeLiteral(policyValue) === requestValue;
    case "StringEqualsIgnoreCase":
      return unescapeLiteral(policyValue).toLowerCase() === requestValue.toLowerCase();
    case "StringLike":
      return matchEscapedGlob(policyValue, requestValue, false);
    case "NumericEquals":
    case "NumericLessThan":
    case "NumericLessThanEquals":
    case "NumericGreaterThan":
    case "NumericGreaterThanEquals":
      return compareOrdered(base.slice(7), parseNumber(requestValue), parseNumber(policyValue));
    case "DateEquals":
    case "DateLessThan":
    case "DateLessThanEquals":
    case "DateGreaterThan":
    case "DateGreaterThanEquals":
      return compareOrdered(base.slice(4), parseDate(requestValue), parseDate(policyValue));
    case "Bool":
      return policyValue.toLowerCase() === requestValue.toLowerCase();
    case "BinaryEquals":
      return policyValue === requestValue;
    case "IpAddress":
      return ipInCidr(requestValue, policyValue);
    case "ArnEquals":
    case "ArnLike":
      return matchArn(policyValue, requestValue);
    default:
      return false;
  }
}

function unescapeLiteral(value: string): string {
  return value.includes(LITERAL_ESCAPE) ? value.split(LITERAL_ESCAPE).join("") : value;
}

function compareOrdered(relation: string, left: number | null, right: number | null): boolean {
  if (left === null || right === null) return false;
  switch (relation) {
    case "Equals":
      return left === right;
    case "LessThan":
      return left < right;
    case "LessThanEquals":
      return left <= right;
    case "GreaterThan":
      return left > right;
    case "GreaterThanEquals":
      return left >= right;
    default:
      return false;
  }
}

/** Is the positive form trivially satisfied by any value (e.g. StringLike "*")? */
function matchesAnyValue(base: string, policyValues: readonly string[]): boolean {
  if (base === "StringLike" || base === "ArnLike" || base === "ArnEquals") {
    return policyValues.some((v) => /^\*+$/.test(v));
  }
  if (base === "IpAddress")
    return policyValues.some((v) => v === "0.0.0.0/0") && policyValues.some((v) => v === "::/0");
  return false;
}

function evaluateWithValues(
  op: TParsedOperator,
  policyValues: readonly string[],
  requestValues: readonly string[],
): boolean {
  const positive = (value: string): boolean =>
    policyValues.some((pv) => matchValue(op.base, pv, value));
  const test = (value: string): boolean => (op.negated ? !positive(value) : positive(value));
  if (op.set === "all") return requestValues.every(test);
  if (op.set === "any") return requestValues.some(test);
  // single-valued operator: a multi-valued key matches when any value matches
  const anyPositive = requestValues.some(positive);
  return op.negated ? !anyPositive : anyPositive;
}

function evaluateWhenAbsent(op: TParsedOperator): boolean {
  if (op.ifExists) return true;
  if (op.set === "all") return true;
  if (op.set === "any") return false;
  return op.negated;
}

function evaluateNull(
  policyValues: readonly string[],
  values: readonly string[] | null | undefined,
): TTruth {
  if (values === undefined) return "unknown";
  const absent = values === null || values.length === 0;
  return policyValues.some((v) => (v.toLowerCase() === "true" ? absent : !absent));
}

type TConditionElement = Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;

interface TCompiledEntry {
  op: TParsedOperator;
  key: string;
  keyLower: string;
  values: readonly string[];
  hasVariables: boolean;
}

const compiledConditions = new WeakMap<object, TCompiledEntry[]>();

function compileCondition(condition: TConditionElement): TCompiledEntry[] {
  const cached = compiledConditions.get(condition);
  if (cached) return cached;
  const entries: TCompiledEntry[] = [];
  for (const [operator, keys] of Object.entries(condition)) {
    const op = parseOperator(operator);
    for (const [key, values] of Object.entries(keys)) {
      entries.push({
        op,
        key,
        keyLower: key.toLowerCase(),
        values,
        hasVariables: values.some((v) => v.includes("${")),
      });
    }
  }
  if (Object.isFrozen(condition)) compiledConditions.set(condition, entries);
  return entries;
}

const NOTHING_UNRESOLVED: readonly string[] = Object.freeze([]);

/** Evaluates a whole Condition element (AND of operators and keys; OR of values). */
export function evaluateCondition(
  condition: TConditionElement | undefined,
  context: TConditionContext,
): TConditionOutcome {
  if (!condition) return { truth: true, unresolved: NOTHING_UNRESOLVED };
  const unresolved: string[] = [];
  let truth: TTruth = true;
  for (const { op, key, keyLower, values: rawPolicyValues, hasVariables } of compileCondition(
    condition,
  )) {
    const values = context.lookup(keyLower);
    if (op.base === "Null") {
      const t = evaluateNull(rawPolicyValues, values);
      if (t === "unknown") unresolved.push(key);
      truth = and3(truth, t);
      if (truth === false) return { truth, unresolved };
      continue;
    }
    let policyValues: readonly string[] = rawPolicyValues;
    let unknownVariable: string | null = null;
    if (hasVariables) {
      const substituted: string[] = [];
      for (const raw of rawPolicyValues) {
        const sub = substituteVariables(
          raw,
          context,
          op.base === "StringLike" || op.base === "ArnLike" || op.base === "ArnEquals",
        );
        if (sub.kind === "value") substituted.push(sub.text);
        else if (sub.kind === "unknown") unknownVariable = sub.key;
      }
      policyValues = substituted;
    }
    let t: TTruth;
    if (values === undefined) {
      const whenAbsent = evaluateWhenAbsent(op);
      const whenPresent: TTruth = matchesAnyValue(op.base, policyValues) ? !op.negated : "unknown";
      t = whenPresent === whenAbsent ? whenAbsent : "unknown";
      if (t === "unknown") unresolved.push(key);
    } else if (values === null) {
      t = evaluateWhenAbsent(op);
    } else {
      t = evaluateWithValues(op, policyValues, values);
      // a policy value whose variable is unknown might have matched
      if (unknownVariable !== null && t === op.negated) {
        t = "unknown";
        unresolved.push(unknownVariable);
      }
    }
    truth = and3(truth, t);
    if (truth === false) return { truth, unresolved };
  }
  return { truth, unresolved };
}
