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
const regexCache = new Map<string, RegExp>();

export function hasWildcard(text: string): boolean {
  return text.includes("*") || text.includes("?");
}

function compileGlob(pattern: string, ignoreCase: boolean): RegExp {
  const key = (ignoreCase ? "i:" : "s:") + pattern;
  const cached = regexCache.get(key);
  if (cached) return cached;
  let source = "^";
  for (const ch of pattern) {
    if (ch === "*") source += ".*";
    else if (ch === "?") source += ".";
    else source += ch.replace(/[.+^${}()|[\]\\/-]/g, "\\$&");
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
    return ignoreCase ? pattern.toLowerCase() === text.toLowerCase() : pattern === text;
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
  if (!hasWildcard(b)) return matchGlob(a, b, ignoreCase);
  if (!hasWildcard(a)) return matchGlob(b, a, ignoreCase);
  const p = ignoreCase ? a.toLowerCase() : a;
  const q = ignoreCase ? b.toLowerCase() : b;
  const memo = new Map<number, boolean>();
  const width = q.length + 1;
  const visit = (i: number, j: number): boolean => {
    const key = i * width + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (i === p.length && j === q.length) result = true;
    else if (p[i] === "*") result = visit(i + 1, j) || (j < q.length && visit(i, j + 1));
    else if (q[j] === "*") result = visit(i, j + 1) || (i < p.length && visit(i + 1, j));
    else if (i === p.length || j === q.length) result = false;
    else result = (p[i] === "?" || q[j] === "?" || p[i] === q[j]) && visit(i + 1, j + 1);
    memo.set(key, result);
    return result;
  };
  return visit(0, 0);
}

/** Does every string matched by glob `target` also match glob `pattern`? */
export function globCovers(pattern: string, target: string, ignoreCase = false): boolean {
  if (pattern === "*") return true;
  if (!hasWildcard(target)) return matchGlob(pattern, target, ignoreCase);
  const d = ignoreCase ? pattern.toLowerCase() : pattern;
  const t = ignoreCase ? target.toLowerCase() : target;
  const memo = new Map<number, boolean>();
  const width = t.length + 1;
  const visit = (i: number, j: number): boolean => {
    const key = i * width + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (j === t.length) {
      result = true;
      for (let k = i; k < d.length; k++) if (d[k] !== "*") result = false;
    } else if (i === d.length) {
      result = false;
    } else if (d[i] === "*") {
      result = visit(i + 1, j) || visit(i, j + 1);
    } else if (t[j] === "*") {
      result = false;
    } else if (t[j] === "?") {
      result = d[i] === "?" && visit(i + 1, j + 1);
    } else {
      result = (d[i] === "?" || d[i] === t[j]) && visit(i + 1, j + 1);
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

/** Resource pattern vs resource (literal ARN or wildcard target): is some resource in both? */
export function resourceIntersects(pattern: string, target: string): boolean {
  if (pattern === "*" || target === "*") return true;
  return bySegments(pattern, target, (p, t) => globsIntersect(p, t));
}

/** Resource pattern vs resource (literal ARN or wildcard target): is every target resource in it? */
export function resourceCovers(pattern: string, target: string): boolean {
  if (pattern === "*") return true;
  return bySegments(pattern, target, (p, t) => globCovers(p, t));
}
