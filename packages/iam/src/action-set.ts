import { compileGlob } from "./glob.matcher";

// A statement's Action/NotAction list compiled for fast lookup: exact actions in a set per
// service, wildcard patterns grouped by service, so one check touches only the patterns of the
// requested service. Compiled once per (frozen, shared) list and memoised by identity.

interface TServicePatterns {
  exact: Set<string>;
  globs: RegExp[];
}

export interface TActionSet {
  matchesAll: boolean;
  byService: Map<string, TServicePatterns>;
  /** patterns whose service part has a wildcard ("*:Get*", "s3*:*") */
  crossService: RegExp[];
}

const compiled = new WeakMap<readonly string[], TActionSet>();

export function compileActionSet(patterns: readonly string[]): TActionSet {
  const cached = compiled.get(patterns);
  if (cached) return cached;
  const set: TActionSet = { matchesAll: false, byService: new Map(), crossService: [] };
  for (const raw of patterns) {
    const pattern = raw.toLowerCase();
    if (pattern === "*" || pattern === "*:*") {
      set.matchesAll = true;
      continue;
    }
    const colon = pattern.indexOf(":");
    const service = pattern.slice(0, colon);
    if (/[*?]/.test(service)) {
      set.crossService.push(compileGlob(pattern, true));
      continue;
    }
    let entry = set.byService.get(service);
    if (!entry) {
      entry = { exact: new Set(), globs: [] };
      set.byService.set(service, entry);
    }
    if (/[*?]/.test(pattern)) entry.globs.push(compileGlob(pattern, true));
    else entry.exact.add(pattern);
  }
  if (Object.isFrozen(patterns)) compiled.set(patterns, set);
  return set;
}

/** `actionLower` must be lower-cased ("s3:getobject"). */
export function actionSetMatches(set: TActionSet, actionLower: string): boolean {
  if (set.matchesAll) return true;
  const colon = actionLower.indexOf(":");
  const entry = set.byService.get(actionLower.slice(0, colon));
  if (entry) {
    if (entry.exact.has(actionLower)) return true;
    for (const glob of entry.globs) if (glob.test(actionLower)) return true;
  }
  for (const glob of set.crossService) if (glob.test(actionLower)) return true;
  return false;
}
