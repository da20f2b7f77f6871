// Wildcard matching for IAM: `*` (any run of characters) and `?` (one character).
// Actions compare case-insensitively, resources case-sensitively. Patterns are compiled once
// into regular expressions and memoised (bounded), since the same few thousand patterns are
// matched millions of times when a graph is built.
//
// Resource matching is ARN-aware: when both sides are ARNs, the partition, service, region and
// account segments are matched one by one (a wildcard never spills over a `:` into the next
// segment) and the resource segment takes the rest. A target may itself contain wildcards: it
// then stands for "the set of resources matching it", and callers ask whether a policy pattern
// intersects that set (some resource is granted) or covers it (every resource is).

const MAX_CACHED_PATTERNS = 100_000;

/** A character preceded by this marker is literal (policy variables ${*} and ${?}). */
export const GLOB_ESCAPE = "\u0001";

interface TToken {
  /** 0 = literal character, 1 = `*`, 2 = `?` */
  kind: 0 | 1 | 2;
  ch: string;
}

function tokenize(pattern: string, ignoreCase: boolean): TToken[] {
  const tokens: TToken[] = [];
  for (let i = 0; i < pattern.length; i++) {
    let ch = pattern[i] as string;
    if (ch === GLOB_ESCAPE && i + 1 < pattern.length) {
      ch = pattern[++i] as string;
      tokens.push({ kind: 0, ch: ignoreCase ? ch.toLowerCase() : ch });
    } else if (ch === "*") tokens.push({ kind: 1, ch });
    else if (ch === "?") tokens.push({ kind: 2, ch });
    else tokens.push({ kind: 0, ch: ignoreCase ? ch.toLowerCase() : ch });
  }
  return tokens;
}

function unescape(text: string): string {
  return text.includes(GLOB_ESCAPE) ? text.split(GLOB_ESCAPE).join("") : text;
}
const regexCache = new Map<string, RegExp>();

export function hasWildcard(text: string): boolean {
  if (!text.includes(GLOB_ESCAPE)) return text.includes("*") || text.includes("?");
  return tokenize(text, false).some((t) => t.kind !== 0);
}

/** The regular expression of a glob (memoised). */
export function compileGlob(pattern: string, ignoreCase: boolean): RegExp {
  const key = (ignoreCase ? "i:" : "s:") + pattern;
  const cached = regexCache.get(key);
  if (cached) return cached;
  let source = "^";
  for (const token of tokenize(pattern, false)) {
    if (token.kind === 1) source += ".*";
    else if (token.kind === 2) source += ".";
    else source += token.ch.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
  }
  source += "$";
  const regex = new RegExp(source, ignoreCase ? "is" : "s");
  if (regexCache.size >= MAX_CACHED_PATTERNS) regexCache.clear();
  regexCache.set(key, regex);
  return regex;
}

/** Does the glob `pattern` match the literal `text`? */
export function matchGlob(pattern: string, text: string, ignoreCase = false): boolean {
  if (pattern === "*") return true;
  if (!hasWildcard(pattern)) {
    const literal = unescape(pattern);
    return ignoreCase ? literal.toLowerCase() === text.toLowerCase() : literal === text;
  }
  return compileGlob(pattern, ignoreCase).test(text);
}

/** Does an action pattern (`s3:Get*`, `*`) match a concrete action? Case-insensitive. */
export function matchAction(pattern: string, action: string): boolean {
  return matchGlob(pattern, action, true);
}

/** Is there a string that matches both globs? */
export function globsIntersect(a: string, b: string, ignoreCase = false): boolean {
  if (a === "*" || b === "*") return true;
  if (!hasWildcard(b)) return matchGlob(a, unescape(b), ignoreCase);
  if (!hasWildcard(a)) return matchGlob(b, unescape(a), ignoreCase);
  const p = tokenize(a, ignoreCase);
  const q = tokenize(b, ignoreCase);
  const memo = new Map<number, boolean>();
  const width = q.length + 1;
  const visit = (i: number, j: number): boolean => {
    const key = i * width + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const pi = p[i];
    const qj = q[j];
    let result: boolean;
    if (!pi && !qj) result = true;
    else if (pi?.kind === 1) result = visit(i + 1, j) || (qj !== undefined && visit(i, j + 1));
    else if (qj?.kind === 1) result = visit(i, j + 1) || (pi !== undefined && visit(i + 1, j));
    else if (!pi || !qj) result = false;
    else result = (pi.kind === 2 || qj.kind === 2 || pi.ch === qj.ch) && visit(i + 1, j + 1);
    memo.set(key, result);
    return result;
  };
  return visit(0, 0);
}

/** Does every string matched by glob `target` also match glob `pattern`? */
export function globCovers(pattern: string, target: string, ignoreCase = false): boolean {
  if (pattern === "*") return true;
  if (!hasWildcard(target)) return matchGlob(pattern, unescape(target), ignoreCase);
  const d = tokenize(pattern, ignoreCase);
  const t = tokenize(target, ignoreCase);
  const memo = new Map<number, boolean>();
  const width = t.length + 1;
  const visit = (i: number, j: number): boolean => {
    const key = i * width + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const di = d[i];
    const tj = t[j];
    let result: boolean;
    if (!tj) {
      result = d.slice(i).every((token) => token.kind === 1);
    } else if (!di) {
      result = false;
    } else if (di.kind === 1) {
      result = visit(i + 1, j) || visit(i, j + 1);
    } else if (tj.kind === 1) {
      result = false;
    } else if (tj.kind === 2) {
      result = di.kind === 2 && visit(i + 1, j + 1);
    } else {
      result = (di.kind === 2 || di.ch === tj.ch) && visit(i + 1, j + 1);
    }
    memo.set(key, result);
    return result;
  };
  return visit(0, 0);
}

function splitArn(text: string): string[] | null {
  if (!text.startsWith("arn:")) return null;
  const parts: string[] = [];
  let start = 0;
  for (let k = 0; k < 5; k++) {
    const next = text.indexOf(":", start);
    if (next < 0) return null;
    parts.push(text.slice(start, next));
    start = next + 1;
  }
  parts.push(text.slice(start));
  return parts;
}

function bySegments(
  pattern: string,
  target: string,
  compare: (p: string, t: string) => boolean,
): boolean {
  const p = splitArn(pattern);
  const t = splitArn(target);
  if (!p || !t) return compare(pattern, target);
  for (let k = 0; k < 6; k++) if (!compare(p[k] as string, t[k] as string)) return false;
  return true;
}

// Answers for (pattern, target) pairs: the same few targets are checked against the same
// policy patterns over and over when many principals are analysed.
const MAX_CACHED_PAIRS = 200_000;
const intersectCache = new Map<string, boolean>();
const coverCache = new Map<string, boolean>();

function cachedPair(
  cache: Map<string, boolean>,
  pattern: string,
  target: string,
  compute: () => boolean,
): boolean {
  const key = `${pattern}\u0000${target}`;
  const known = cache.get(key);
  if (known !== undefined) return known;
  const value = compute();
  if (cache.size >= MAX_CACHED_PAIRS) cache.clear();
  cache.set(key, value);
  return value;
}

/** Resource pattern vs resource (literal ARN or wildcard target): is some resource in both? */
export function resourceIntersects(pattern: string, target: string): boolean {
  if (pattern === "*" || target === "*") return true;
  if (!hasWildcard(target)) return bySegments(pattern, target, (p, t) => globsIntersect(p, t));
  return cachedPair(intersectCache, pattern, target, () =>
    bySegments(pattern, target, (p, t) => globsIntersect(p, t)),
  );
}

/** Resource pattern vs resource (literal ARN or wildcard target): is every target resource in it? */
export function resourceCovers(pattern: string, target: string): boolean {
  if (pattern === "*") return true;
  if (!hasWildcard(target)) return bySegments(pattern, target, (p, t) => globCovers(p, t));
  return cachedPair(coverCache, pattern, target, () =>
    bySegments(pattern, target, (p, t) => globCovers(p, t)),
  );
}
