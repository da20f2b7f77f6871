import type { TActionCatalog } from "./action-catalog";
import {
  and3,
  createConditionContext,
  evaluateCondition,
  not3,
  or3,
  substituteVariables,
  type TConditionContext,
  type TContextValue,
} from "./condition.evaluator";
import { actionSetMatches, compileActionSet } from "./action-set";
import { resourceCovers, resourceIntersects } from "./glob.matcher";
import { parsePolicyDocument } from "./policy.parser";
import type {
  TDecision,
  TEffect,
  TNamedPolicy,
  TPolicy,
  TPolicyInput,
  TPolicyStatement,
  TPrincipalBlock,
  TTruth,
} from "./policy.types";
import { accountIdOfArn, matchPrincipal, type TCaller } from "./principal.matcher";

// Decides one request the way AWS does (policy evaluation logic, cross-account evaluation,
// SCPs, RCPs, permissions boundaries, session policies):
//   explicit deny anywhere → SCPs of the principal's account, every level (not for the
//   management account or service-linked roles) → RCPs of the resource's account → resource
//   policy (same-account vs cross-account; role trust and KMS key policies must allow
//   explicitly) → identity policies → permissions boundary → session policy.
// Conditions are three-valued: a statement whose condition cannot be decided makes the answer
// CONDITIONAL ("allowed under conditions"), never silently ALLOWED or dropped.

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

export type TEvaluationReason =
  | "ALLOWED"
  | "EXPLICIT_DENY"
  | "SCP_DENY"
  | "RCP_DENY"
  | "RESOURCE_POLICY"
  | "IMPLICIT_DENY"
  | "BOUNDARY"
  | "SESSION_POLICY";

export interface TEvaluationResult {
  decision: TDecision;
  reason: TEvaluationReason;
  explanations: TStatementRef[];
  unresolvedConditions: string[];
  /** policies that could not be parsed and were ignored */
  warnings: string[];
  /** SCP_DENY without an explicit deny: the first SCP level (0 = root) with no matching Allow */
  scpLevelWithoutAllow?: number;
}

export interface TEvaluationPrincipal {
  /** IAM user or role ARN, account root ARN, or a service principal ("ec2.amazonaws.com") */
  arn: string;
  accountId?: string | null;
  kind?: TCaller["kind"];
  sessionArn?: string;
  tags?: Readonly<Record<string, string>>;
  organizationId?: string;
  isServiceLinkedRole?: boolean;
}

export interface TEvaluationResource {
  /** ARN; with wildcards it stands for a set of resources (see `resourceMatch`) */
  arn: string;
  /** account owning the resource; derived from the ARN, else the principal's account */
  accountId?: string | null;
  policy?: TPolicySource | null;
  /** role trust policies and KMS key policies must allow explicitly */
  kind?: "generic" | "role-trust" | "kms-key";
  tags?: Readonly<Record<string, string>>;
}

export interface TEvaluationInput {
  principal: TEvaluationPrincipal;
  action: string;
  resource: TEvaluationResource;
  /** request context keys; keys not given are unknown unless `contextIsComplete` */
  context?: Readonly<Record<string, TContextValue | null | undefined>>;
  contextIsComplete?: boolean;
  /** wildcard resource: "any" = some matching resource, "all" = every matching resource */
  resourceMatch?: "any" | "all";
  identityPolicies?: readonly TPolicySource[];
  permissionsBoundary?: TPolicySource | null;
  sessionPolicy?: TPolicySource | null;
  /** one array per level, root first */
  scps?: readonly (readonly TPolicySource[])[];
  isManagementAccount?: boolean;
  /** resource control policies of the resource's account, one array per level */
  rcps?: readonly (readonly TPolicySource[])[];
  resourceAccountIsManagement?: boolean;
  catalog?: TActionCatalog;
  now?: Date;
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

function compileList(
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

export function preparePolicies(input: {
  identityPolicies?: readonly TPolicySource[];
  permissionsBoundary?: TPolicySource | null;
  sessionPolicy?: TPolicySource | null;
  scps?: readonly (readonly TPolicySource[])[];
  rcps?: readonly (readonly TPolicySource[])[];
  scpsApply: boolean;
}): TPreparedPolicies {
  const warnings: string[] = [];
  const single = (
    source: TPolicySource | null | undefined,
    type: TPolicyType,
  ): TCompiledPolicy | null => {
    if (source === null || source === undefined) return null;
    const compiled = compilePolicy(source, type);
    if (typeof compiled !== "string") return compiled;
    // an unreadable boundary/session policy cannot grant anything: keep it as an empty policy
    warnings.push(compiled);
    return { type, statements: [] };
  };
  return {
    identity: compileList(input.identityPolicies ?? [], "identity", warnings),
    boundary: single(input.permissionsBoundary, "boundary"),
    session: single(input.sessionPolicy, "session"),
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

function matchesActions(statement: TPolicyStatement, actionLower: string): boolean {
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

// ---- the decision --------------------------------------------------------------------------

const DEFAULT_RCP_SERVICES = new Set([
  "s3",
  "sts",
  "sqs",
  "secretsmanager",
  "kms",
  "dynamodb",
  "ecr",
  "logs",
  "cognito-identity",
  "aoss",
]);

export interface TDecisionInput {
  prepared: TPreparedPolicies;
  request: TRequestShape;
  resourcePolicy: TCompiledPolicy | null;
  resourceKind: "generic" | "role-trust" | "kms-key";
  sameAccount: boolean;
  rcpsApply: boolean;
}

function pickRefs(refs: TStatementRef[], definiteOnly: boolean): TStatementRef[] {
  return definiteOnly ? refs.filter((r) => !r.conditional) : refs;
}

function result(
  decision: TDecision,
  reason: TEvaluationReason,
  explanations: TStatementRef[],
  unresolved: string[],
  warnings: string[],
): TEvaluationResult {
  return {
    decision,
    reason,
    explanations,
    unresolvedConditions: [...new Set(unresolved)],
    warnings,
  };
}

/** Decides a request from prepared policies (the fast path used by capability analysis). */
export function decideRequest(input: TDecisionInput): TEvaluationResult {
  const { prepared, request, resourcePolicy, resourceKind, sameAccount } = input;
  const warnings = prepared.warnings;
  const identity = evaluatePolicySet(prepared.identity, request);
  const resource = resourcePolicy ? evaluatePolicySet([resourcePolicy], request) : null;
  const boundary = prepared.boundary ? evaluatePolicySet([prepared.boundary], request) : null;
  const session = prepared.session ? evaluatePolicySet([prepared.session], request) : null;
  const scps = prepared.scpLevels?.map((level) => evaluatePolicySet(level, request)) ?? [];
  const rcps = input.rcpsApply
    ? (prepared.rcpLevels?.map((level) => evaluatePolicySet(level, request)) ?? [])
    : [];

  // 1. explicit deny anywhere
  const denySets: { set: TSetVerdict; reason: TEvaluationReason }[] = [
    { set: identity, reason: "EXPLICIT_DENY" },
    ...(resource ? [{ set: resource, reason: "EXPLICIT_DENY" as const }] : []),
    ...(boundary ? [{ set: boundary, reason: "EXPLICIT_DENY" as const }] : []),
    ...(session ? [{ set: session, reason: "EXPLICIT_DENY" as const }] : []),
    ...scps.map((set) => ({ set, reason: "SCP_DENY" as const })),
    ...rcps.map((set) => ({ set, reason: "RCP_DENY" as const })),
  ];
  let possibleDeny: TTruth = false;
  const conditionalDenies: TStatementRef[] = [];
  const unresolved: string[] = [];
  for (const { set, reason } of denySets) {
    if (set.deny === true) {
      return result("DENIED", reason, pickRefs(set.denyRefs, true), [], warnings);
    }
    if (set.deny === "unknown") {
      possibleDeny = "unknown";
      conditionalDenies.push(...set.denyRefs);
    }
  }
  for (const { set } of denySets) unresolved.push(...set.unresolved);

  // 2. SCPs: every level must allow
  let scpAllow: TTruth = true;
  const scpRefs: TStatementRef[] = [];
  for (const [level, set] of scps.entries()) {
    if (set.allow === false) {
      return {
        ...result("DENIED", "SCP_DENY", [], unresolved, warnings),
        scpLevelWithoutAllow: level,
      };
    }
    scpAllow = and3(scpAllow, set.allow);
    scpRefs.push(...set.allowRefs);
  }

  // 3. RCPs: only their denies matter (RCPFullAWSAccess is always attached) — handled above.

  // 4. resource policy and identity policies
  const idAllow = identity.allow;
  const rpDirect = resource?.allowDirect ?? false;
  const rpAccount = resource?.allowAccount ?? false;
  let base: TTruth;
  let baseReason: TEvaluationReason;
  if (request.caller.kind !== "AWS") {
    // services and federated users have no identity policies: the resource policy decides
    base = or3(rpDirect, rpAccount);
    baseReason = "RESOURCE_POLICY";
  } else if (!sameAccount) {
    base = and3(idAllow, or3(rpDirect, rpAccount));
    baseReason = idAllow === false ? "IMPLICIT_DENY" : "RESOURCE_POLICY";
  } else if (resourceKind === "generic") {
    base = or3(idAllow, rpDirect);
    baseReason = "IMPLICIT_DENY";
  } else {
    base = or3(rpDirect, and3(rpAccount, idAllow));
    baseReason = rpDirect === false && rpAccount === false ? "RESOURCE_POLICY" : "IMPLICIT_DENY";
  }
  if (base === false) {
    const partial = [...identity.allowRefs, ...(resource?.allowRefs ?? [])];
    return result("DENIED", baseReason, partial, unresolved, warnings);
  }
  const baseRefs = [
    ...(idAllow === false ? [] : identity.allowRefs),
    ...(resource?.allowRefs ?? []),
  ];

  // 5. permissions boundary (not limiting a same-account resource policy naming the user/session)
  const bypass = sameAccount && resourceKind === "generic" && resource?.allowNamed === true;
  let boundaryAllow: TTruth = true;
  if (boundary && !bypass) {
    boundaryAllow = boundary.allow;
    if (boundaryAllow === false)
      return result("DENIED", "BOUNDARY", baseRefs, unresolved, warnings);
  }
  // 6. session policy
  let sessionAllow: TTruth = true;
  if (session && !bypass) {
    sessionAllow = session.allow;
    if (sessionAllow === false)
      return result("DENIED", "SESSION_POLICY", baseRefs, unresolved, warnings);
  }

  const allowed = and3(
    and3(and3(base, boundaryAllow), and3(sessionAllow, scpAllow)),
    not3(possibleDeny),
  );
  const explanations = [
    ...baseRefs,
    ...(boundary && !bypass ? boundary.allowRefs : []),
    ...(session && !bypass ? session.allowRefs : []),
    ...scpRefs,
    ...conditionalDenies,
  ];
  if (allowed === true) return result("ALLOWED", "ALLOWED", explanations, [], warnings);
  return result("CONDITIONAL", "ALLOWED", explanations, unresolved, warnings);
}

/** Account id of a resource: explicit, else from its ARN, else the fallback (S3 ARNs have none). */
export function resolveResourceAccount(
  resource: TEvaluationResource,
  fallback: string | null,
): string | null {
  if (resource.accountId !== undefined && resource.accountId !== null) return resource.accountId;
  return accountIdOfArn(resource.arn) ?? fallback;
}

export function doRcpsApply(
  action: string,
  catalog: TActionCatalog | undefined,
  options: {
    resourceAccountIsManagement?: boolean;
    isServiceLinkedRole?: boolean;
    callerKind: TCaller["kind"];
  },
): boolean {
  if (
    options.resourceAccountIsManagement ||
    options.isServiceLinkedRole ||
    options.callerKind === "Service"
  )
    return false;
  const service = action.split(":")[0]?.toLowerCase() ?? "";
  return (catalog?.rcpServices ?? DEFAULT_RCP_SERVICES).has(service);
}

/** Principal-derived context keys AWS puts in every request. */
export function derivePrincipalContext(
  principal: TEvaluationPrincipal,
  accountId: string | null,
  now: Date,
): Record<string, TContextValue> {
  const values: Record<string, TContextValue> = {
    "aws:CurrentTime": now.toISOString(),
    "aws:EpochTime": String(Math.floor(now.getTime() / 1000)),
  };
  const kind = principal.kind ?? "AWS";
  if (kind === "Service") {
    values["aws:PrincipalIsAWSService"] = "true";
    values["aws:PrincipalServiceName"] = principal.arn;
    return values;
  }
  values["aws:PrincipalIsAWSService"] = "false";
  if (kind !== "AWS") return values;
  values["aws:PrincipalArn"] = principal.arn;
  if (accountId) values["aws:PrincipalAccount"] = accountId;
  if (principal.organizationId) values["aws:PrincipalOrgID"] = principal.organizationId;
  const user = /^arn:[^:]+:iam::\d{12}:user\/(?:.*\/)?([^/]+)$/.exec(principal.arn);
  if (user) {
    values["aws:username"] = user[1] as string;
    values["aws:PrincipalType"] = "User";
  } else if (/:role\//.test(principal.arn) || principal.sessionArn) {
    values["aws:PrincipalType"] = "AssumedRole";
  } else if (/:root$/.test(principal.arn)) {
    values["aws:PrincipalType"] = "Account";
  }
  for (const [tag, value] of Object.entries(principal.tags ?? {}))
    values[`aws:PrincipalTag/${tag}`] = value;
  return values;
}

/** The principal side of evaluations: everything but the action, resource and RCPs. */
export type TPrincipalEvaluatorInput = Omit<
  TEvaluationInput,
  "action" | "resource" | "resourceMatch" | "rcps" | "resourceAccountIsManagement"
>;

/** One request against a prepared principal. */
export interface TPrincipalRequest {
  action: string;
  resource: TEvaluationResource;
  resourceMatch?: "any" | "all";
  /** extra context keys for this request (override the principal's) */
  context?: Readonly<Record<string, TContextValue | null | undefined>>;
  /** resource control policies of the resource's account, one array per level */
  rcps?: readonly (readonly TPolicySource[])[];
  resourceAccountIsManagement?: boolean;
}

export interface TPrincipalEvaluator {
  evaluate(request: TPrincipalRequest): TEvaluationResult;
}

/**
 * Prepares a principal once (policies parsed and labelled, principal context derived) for
 * many requests — e.g. a graph builder asking "can this role read that bucket / assume that
 * role" for every data store and role of an organization.
 */
export function createPrincipalEvaluator(input: TPrincipalEvaluatorInput): TPrincipalEvaluator {
  const { principal } = input;
  const callerKind = principal.kind ?? "AWS";
  const principalAccount = principal.accountId ?? accountIdOfArn(principal.arn);
  const scpsApply =
    !input.isManagementAccount && !principal.isServiceLinkedRole && callerKind === "AWS";
  const prepared = preparePolicies({ ...input, scpsApply });
  const principalContext = createConditionContext({
    values: {
      ...derivePrincipalContext(principal, principalAccount, input.now ?? new Date()),
      ...(input.context ?? {}),
    },
    isComplete: input.contextIsComplete ?? false,
    completePrefixes: principal.tags ? ["aws:PrincipalTag/"] : [],
  });
  const caller: TCaller = { kind: callerKind, arn: principal.arn, accountId: principalAccount };
  if (principal.sessionArn !== undefined) caller.sessionArn = principal.sessionArn;

  return {
    evaluate(request) {
      const resourceAccount = resolveResourceAccount(request.resource, principalAccount);
      const warnings = [...prepared.warnings];
      let resourcePolicy: TCompiledPolicy | null = null;
      if (request.resource.policy !== undefined && request.resource.policy !== null) {
        const compiled = compilePolicy(request.resource.policy, "resource");
        if (typeof compiled === "string") {
          warnings.push(compiled);
          resourcePolicy = { type: "resource", statements: [] };
        } else resourcePolicy = compiled;
      }
      const rcpLevels =
        request.rcps && request.rcps.length > 0
          ? request.rcps.map((level, i) => compileList(level, "rcp", warnings, i))
          : null;
      const values: Record<string, TContextValue | null | undefined> = {};
      if (resourceAccount) values["aws:ResourceAccount"] = resourceAccount;
      for (const [tag, value] of Object.entries(request.resource.tags ?? {})) {
        values[`aws:ResourceTag/${tag}`] = value;
      }
      Object.assign(values, request.context ?? {});
      const context = createConditionContext({
        values,
        parent: principalContext,
        completePrefixes: request.resource.tags ? ["aws:ResourceTag/"] : [],
      });
      return decideRequest({
        prepared: { ...prepared, rcpLevels, warnings },
        request: {
          action: request.action,
          actionLower: request.action.toLowerCase(),
          resource: request.resource.arn,
          resourceMatch: request.resourceMatch ?? "any",
          caller,
          context,
        },
        resourcePolicy,
        resourceKind: request.resource.kind ?? "generic",
        sameAccount: resourceAccount === null || resourceAccount === principalAccount,
        rcpsApply: doRcpsApply(request.action, input.catalog, {
          resourceAccountIsManagement: request.resourceAccountIsManagement,
          isServiceLinkedRole: principal.isServiceLinkedRole,
          callerKind,
        }),
      });
    },
  };
}

/** Evaluates one request: `{ principal, action, resource, context }` against all its policies. */
export function evaluateRequest(input: TEvaluationInput): TEvaluationResult {
  const request: TPrincipalRequest = { action: input.action, resource: input.resource };
  if (input.resourceMatch) request.resourceMatch = input.resourceMatch;
  if (input.rcps) request.rcps = input.rcps;
  if (input.resourceAccountIsManagement) request.resourceAccountIsManagement = true;
  return createPrincipalEvaluator(input).evaluate(request);
}
