import { actionSetMatches, compileActionSet } from "./action-set";
import {
  and3,
  evaluateCondition,
  not3,
  or3,
  substituteVariables,
  type TConditionContext,
} from "./condition.evaluator";
import { resourceCovers, resourceIntersects } from "./glob.matcher";
import { parsePolicyDocument } from "./policy.parser";
import type {
  TEffect,
  TNamedPolicy,
  TPolicy,
  TPolicyInput,
  TPolicyStatement,
  TPrincipalBlock,
  TTruth,
} from "./policy.types";
import { matchPrincipal, type TCaller } from "./principal.matcher";

// Policies compiled for evaluation and the verdict of one policy set on one request: which
// statements allow or deny it (definitely, or only under undecided conditions), and for
// resource-based policies whether the caller is named directly or through its account.

export type TPolicySource = TPolicyInput | TNamedPolicy;

export type TPolicyType = "identity" | "resource" | "boundary" | "session" | "scp" | "rcp";

export interface TStatementRef {
  policyType: TPolicyType;
  policyName?: string;
  policyArn?: string;
  /** SCP/RCP level: 0 = root, then OUs, last = account */
  level?: number;
  sid?: string;
  statementIndex: number;
  effect: TEffect;
  /** the statement applies only under conditions the engine could not decide */
  conditional: boolean;
}

// ---- compiled policies ---------------------------------------------------------------------

export interface TCompiledPolicy {
  type: TPolicyType;
  name?: string;
  arn?: string;
  level?: number;
  statements: readonly TPolicyStatement[];
}

function isNamedPolicy(source: TPolicySource): source is TNamedPolicy {
  return (
    typeof source === "object" &&
    source !== null &&
    "document" in source &&
    !("Statement" in source)
  );
}

/** Parses (memoised) and labels a policy; returns an error text for an unreadable one. */
export function compilePolicy(
  source: TPolicySource,
  type: TPolicyType,
  level?: number,
): TCompiledPolicy | string {
  const named = isNamedPolicy(source) ? source : null;
  const parsed = parsePolicyDocument(named ? named.document : (source as TPolicyInput));
  const label = named?.name ?? `${type} policy`;
  if (!parsed.ok) return `${label}: ${parsed.error}`;
  const policy: TPolicy = parsed.policy;
  const compiled: TCompiledPolicy = { type, statements: policy.Statement };
  if (named) compiled.name = named.name;
  if (named?.arn) compiled.arn = named.arn;
  if (level !== undefined) compiled.level = level;
  return compiled;
}

export interface TPreparedPolicies {
  identity: TCompiledPolicy[];
  boundary: TCompiledPolicy | null;
  session: TCompiledPolicy | null;
  /** null = SCPs do not apply (none given, management account, service-linked role) */
  scpLevels: TCompiledPolicy[][] | null;
  rcpLevels: TCompiledPolicy[][] | null;
  warnings: string[];
}

export function compileList(
  list: readonly TPolicySource[],
  type: TPolicyType,
  warnings: string[],
  level?: number,
) {
  const out: TCompiledPolicy[] = [];
  for (const source of list) {
    const compiled = compilePolicy(source, type, level);
    if (typeof compiled === "string") warnings.push(compiled);
    else out.push(compiled);
  }
  return out;
}

function compileSingle(
  source: TPolicySource | null | undefined,
  type: TPolicyType,
  warnings: string[],
): TCompiledPolicy | null {
  if (source === null || source === undefined) return null;
  const compiled = compilePolicy(source, type);
  if (typeof compiled !== "string") return compiled;
  // an unreadable boundary/session policy cannot grant anything: keep it as an empty policy
  warnings.push(compiled);
  return { type, statements: [] };
}

export function preparePolicies(input: {
  identityPolicies?: readonly TPolicySource[];
  permissionsBoundary?: TPolicySource | null;
  sessionPolicy?: TPolicySource | null;
  scps?: readonly (readonly TPolicySource[])[];
  rcps?: readonly (readonly TPolicySource[])[];
  scpsApply: boolean;
}): TPreparedPolicies {
  const warnings: string[] = [];
  return {
    identity: compileList(input.identityPolicies ?? [], "identity", warnings),
    boundary: compileSingle(input.permissionsBoundary, "boundary", warnings),
    session: compileSingle(input.sessionPolicy, "session", warnings),
    scpLevels:
      input.scpsApply && input.scps && input.scps.length > 0
        ? input.scps.map((level, i) => compileList(level, "scp", warnings, i))
        : null,
    rcpLevels:
      input.rcps && input.rcps.length > 0
        ? input.rcps.map((level, i) => compileList(level, "rcp", warnings, i))
        : null,
    warnings,
  };
}

// ---- statement matching --------------------------------------------------------------------

export interface TRequestShape {
  action: string;
  /** lower-cased action (actions compare case-insensitively) */
  actionLower: string;
  resource: string;
  resourceMatch: "any" | "all";
  caller: TCaller;
  context: TConditionContext;
}

interface TStatementMatch {
  truth: TTruth;
  unresolved: string[];
  principalMatch: "direct" | "account" | null;
  ref: TStatementRef;
}

export function matchesActions(statement: TPolicyStatement, actionLower: string): boolean {
  if (statement.Action) return actionSetMatches(compileActionSet(statement.Action), actionLower);
  if (statement.NotAction) {
    return !actionSetMatches(compileActionSet(statement.NotAction), actionLower);
  }
  return false;
}

function resolvePattern(
  pattern: string,
  context: TConditionContext,
): string | "absent" | { unknown: string } {
  if (!pattern.includes("${")) return pattern;
  const sub = substituteVariables(pattern, context, true);
  if (sub.kind === "value") return sub.text;
  if (sub.kind === "absent") return "absent";
  return { unknown: sub.key };
}

/**
 * Does a list of resource patterns "reach" the target? For an Allow in "any" mode: intersects;
 * for a Deny in "any" mode: covers (a deny removes the set only when it covers it). "all" mode
 * is the mirror image.
 */
function reachesResource(
  patterns: readonly string[],
  target: string,
  wantCover: boolean,
  context: TConditionContext,
  unresolved: string[],
): TTruth {
  let result: TTruth = false;
  for (const raw of patterns) {
    const pattern = resolvePattern(raw, context);
    if (pattern === "absent") continue;
    if (typeof pattern !== "string") {
      unresolved.push(pattern.unknown);
      result = or3(result, "unknown");
      continue;
    }
    if (wantCover ? resourceCovers(pattern, target) : resourceIntersects(pattern, target))
      return true;
  }
  return result;
}

function matchesResource(
  statement: TPolicyStatement,
  request: TRequestShape,
  unresolved: string[],
  statementOwnerImpliesResource: boolean,
): TTruth {
  const isDeny = statement.Effect === "Deny";
  // Allow+any / Deny+all: some overlap is enough. Deny+any / Allow+all: must cover.
  const wantCover = isDeny === (request.resourceMatch === "any");
  if (statement.Resource) {
    return reachesResource(
      statement.Resource,
      request.resource,
      wantCover,
      request.context,
      unresolved,
    );
  }
  if (statement.NotResource) {
    // the statement reaches the part of the target outside the NotResource patterns
    const excluded = reachesResource(
      statement.NotResource,
      request.resource,
      !wantCover,
      request.context,
      unresolved,
    );
    return not3(excluded);
  }
  // resource-based policies may omit Resource (the resource is implied); AWS rejects identity
  // policies without one, so such a statement grants nothing there
  return statementOwnerImpliesResource;
}

function matchesPrincipalElement(
  statement: TPolicyStatement,
  caller: TCaller,
): "direct" | "account" | null {
  if (statement.Principal !== undefined) return matchPrincipal(statement.Principal, caller);
  if (statement.NotPrincipal !== undefined) {
    return matchPrincipal(statement.NotPrincipal as TPrincipalBlock | "*", caller) === null
      ? "direct"
      : null;
  }
  return "direct";
}

function matchStatement(
  policy: TCompiledPolicy,
  statement: TPolicyStatement,
  index: number,
  request: TRequestShape,
): TStatementMatch | null {
  if (!matchesActions(statement, request.actionLower)) return null;
  let principalMatch: "direct" | "account" | null = "direct";
  if (policy.type === "resource" || policy.type === "rcp") {
    principalMatch = matchesPrincipalElement(statement, request.caller);
    if (principalMatch === null) return null;
  }
  const unresolved: string[] = [];
  const impliesResource =
    policy.type === "resource" || policy.type === "rcp" || policy.type === "scp";
  let truth = matchesResource(statement, request, unresolved, impliesResource);
  if (truth === false) return null;
  const condition = evaluateCondition(statement.Condition, request.context);
  truth = and3(truth, condition.truth);
  if (truth === false) return null;
  unresolved.push(...condition.unresolved);
  const ref: TStatementRef = {
    policyType: policy.type,
    statementIndex: index,
    effect: statement.Effect,
    conditional: truth === "unknown",
  };
  if (policy.name !== undefined) ref.policyName = policy.name;
  if (policy.arn !== undefined) ref.policyArn = policy.arn;
  if (policy.level !== undefined) ref.level = policy.level;
  if (statement.Sid !== undefined) ref.sid = statement.Sid;
  return { truth, unresolved, principalMatch, ref };
}

export interface TSetVerdict {
  allow: TTruth;
  deny: TTruth;
  /** resource policies: allow through a statement naming the caller directly / its account */
  allowDirect: TTruth;
  allowAccount: TTruth;
  /** resource policies: allow naming the caller's own ARN (user or session), not "*" or the role */
  allowNamed: boolean;
  allowRefs: TStatementRef[];
  denyRefs: TStatementRef[];
  unresolved: string[];
}

export function evaluatePolicySet(
  policies: readonly TCompiledPolicy[],
  request: TRequestShape,
): TSetVerdict {
  const verdict: TSetVerdict = {
    allow: false,
    deny: false,
    allowDirect: false,
    allowAccount: false,
    allowNamed: false,
    allowRefs: [],
    denyRefs: [],
    unresolved: [],
  };
  for (const policy of policies) {
    const statements = policy.statements;
    for (let i = 0; i < statements.length; i++) {
      const statement = statements[i] as TPolicyStatement;
      const match = matchStatement(policy, statement, i, request);
      if (!match) continue;
      if (match.truth === "unknown") verdict.unresolved.push(...match.unresolved);
      if (statement.Effect === "Deny") {
        verdict.deny = or3(verdict.deny, match.truth);
        verdict.denyRefs.push(match.ref);
        continue;
      }
      verdict.allow = or3(verdict.allow, match.truth);
      verdict.allowRefs.push(match.ref);
      if (match.principalMatch === "account")
        verdict.allowAccount = or3(verdict.allowAccount, match.truth);
      else verdict.allowDirect = or3(verdict.allowDirect, match.truth);
      if (
        match.truth === true &&
        statement.Principal !== undefined &&
        statement.Principal !== "*"
      ) {
        const named = statement.Principal.AWS ?? [];
        const { caller } = request;
        if (
          (caller.arn.includes(":user/") && named.includes(caller.arn)) ||
          (caller.sessionArn && named.includes(caller.sessionArn))
        ) {
          verdict.allowNamed = true;
        }
      }
    }
  }
  return verdict;
}

/**
 * Where the Allow statements for the action reach inside a wildcard target: the patterns lying
 * strictly inside it (`inside`), and whether some Allow reaches it beyond those (`reachesWhole`).
 * When the question is "some resource of the set", a Deny covering every narrower part but not
 * the whole target must still deny (Allow user/admin-*, Deny user/admin-* → no user).
 */
export function listAllowRegions(
  policies: readonly TCompiledPolicy[],
  request: TRequestShape,
): { inside: string[]; reachesWhole: boolean } {
  const inside = new Set<string>();
  let reachesWhole = false;
  for (const policy of policies) {
    for (const statement of policy.statements) {
      if (statement.Effect !== "Allow") continue;
      if (!matchesActions(statement, request.actionLower)) continue;
      if (!statement.Resource) {
        reachesWhole = true;
        continue;
      }
      for (const raw of statement.Resource) {
        const pattern = resolvePattern(raw, request.context);
        if (typeof pattern !== "string") {
          reachesWhole = true;
        } else if (pattern === "absent") {
          continue;
        } else if (pattern !== request.resource && resourceCovers(request.resource, pattern)) {
          inside.add(pattern);
        } else if (resourceIntersects(pattern, request.resource)) {
          reachesWhole = true;
        }
      }
    }
  }
  return { inside: [...inside], reachesWhole };
}
