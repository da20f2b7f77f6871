import type { TActionCatalog } from "./action-catalog";
import { and3, createConditionContext, not3, or3, type TContextValue } from "./condition.evaluator";
import {
  compileList,
  compilePolicy,
  evaluatePolicySet,
  listAllowRegions,
  preparePolicies,
  type TCompiledPolicy,
  type TPolicySource,
  type TPreparedPolicies,
  type TRequestShape,
  type TSetVerdict,
  type TStatementRef,
} from "./policy-set.evaluator";
import type { TDecision, TTruth } from "./policy.types";
import { accountIdOfArn, type TCaller } from "./principal.matcher";
import { hasWildcard } from "./glob.matcher";

export type {
  TCompiledPolicy,
  TPolicySource,
  TPolicyType,
  TPreparedPolicies,
  TRequestShape,
  TStatementRef,
} from "./policy-set.evaluator";

// Decides one request the way AWS does (policy evaluation logic, cross-account evaluation,
// SCPs, RCPs, permissions boundaries, session policies):
//   explicit deny anywhere → SCPs of the principal's account, every level (not for the
//   management account or service-linked roles) → RCPs of the resource's account → resource
//   policy (same-account vs cross-account; role trust and KMS key policies must allow
//   explicitly) → identity policies → permissions boundary → session policy.
// Conditions are three-valued: a statement whose condition cannot be decided makes the answer
// CONDITIONAL ("allowed under conditions"), never silently ALLOWED or dropped.

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

const DECISION_RANK: Record<TDecision, number> = { DENIED: 0, CONDITIONAL: 1, ALLOWED: 2 };

/**
 * decideRequest, refined for "some resource of a wildcard set": the whole set is decided, then
 * each narrower set an Allow grants inside it, and the most permissive answer wins (a Deny covering
 * every granted part denies; one covering only some part does not).
 */
export function decideRequestForSomeResource(input: TDecisionInput): TEvaluationResult {
  const { request } = input;
  const whole = decideRequest(input);
  if (request.resourceMatch !== "any" || !hasWildcard(request.resource)) return whole;
  const { inside, reachesWhole } = listAllowRegions(input.prepared.identity, request);
  if (inside.length === 0) return whole;
  let best: TEvaluationResult | null = reachesWhole ? whole : null;
  for (const region of inside) {
    if (best?.decision === "ALLOWED") break;
    const answer = decideRequest({ ...input, request: { ...request, resource: region } });
    if (!best || DECISION_RANK[answer.decision] > DECISION_RANK[best.decision]) best = answer;
  }
  return best ?? whole;
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
      return decideRequestForSomeResource({
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
