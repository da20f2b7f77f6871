import { expandActionPattern, type TActionCatalog } from "./action-catalog";
import {
  createConditionContext,
  evaluateCondition,
  type TConditionContext,
} from "./condition.evaluator";
import {
  ESCALATION_METHODS,
  type TEscalationMethod,
  type TEscalationTarget,
} from "./escalation-methods";
import type { TDecision, TPolicyInput, TPolicyStatement } from "./policy.types";
import type { TCaller } from "./principal.matcher";
import {
  decideRequest,
  derivePrincipalContext,
  preparePolicies,
  type TEvaluationResult,
  type TPolicySource,
  type TPreparedPolicies,
  type TStatementRef,
} from "./request.evaluator";

// What a principal can do with its own identity-side policies (after denies, its permissions
// boundary and the SCPs of its account): administrator, each privilege-escalation method,
// lateral movement, read/write all of S3. Used by rules and by the blast-radius graph builder,
// so it prepares the policies once per principal and runs every check against the compiled
// form (parsing is memoised by document text across principals).

export interface TPrincipalPolicies {
  principalArn: string;
  accountId: string;
  identityPolicies: { name: string; arn?: string; document: TPolicyInput }[];
  permissionsBoundary?: TPolicyInput | null;
  /** one array per level, root first */
  scps?: TPolicyInput[][];
  isManagementAccount?: boolean;
  isServiceLinkedRole?: boolean;
  /** for condition keys such as aws:PrincipalTag/* and aws:PrincipalOrgID */
  tags?: Record<string, string>;
  organizationId?: string;
  /** groups an IAM user belongs to (targets of iam-010/iam-011); any group when omitted */
  groupArns?: string[];
}

export interface TCapability {
  decision: TDecision;
  /** human-readable: which policy/statement grants (or blocks) it */
  reasons: string[];
}

export interface TEscalationFinding {
  methodId: string;
  name: string;
  decision: TDecision;
  reasons: string[];
}

export interface TPrincipalCapabilities {
  administrator: TCapability;
  privilegeEscalation: TEscalationFinding[];
  lateralMovement: { action: string; decision: TDecision; reasons: string[] }[];
  readAllS3: TCapability;
  writeAllS3: TCapability;
}

const RANK: Record<TDecision, number> = { DENIED: 0, CONDITIONAL: 1, ALLOWED: 2 };

function weakest(decisions: readonly TDecision[]): TDecision {
  let out: TDecision = "ALLOWED";
  for (const d of decisions) if (RANK[d] < RANK[out]) out = d;
  return out;
}

/** Actions an administrator must be able to perform on any resource. */
const ADMIN_PROBES = [
  "iam:CreateUser",
  "iam:AttachRolePolicy",
  "iam:PutRolePolicy",
  "iam:CreatePolicyVersion",
  "iam:PassRole",
  "iam:UpdateAssumeRolePolicy",
  "sts:AssumeRole",
  "organizations:DescribeOrganization",
  "s3:GetObject",
  "s3:PutBucketPolicy",
  "ec2:RunInstances",
  "kms:Decrypt",
  "lambda:CreateFunction",
  "secretsmanager:GetSecretValue",
  "dynamodb:Scan",
  "cloudtrail:StopLogging",
];

/** A NotAction allow counts as "everything" when it leaves out at most this share of actions. */
const MAX_EXCLUDED_SHARE = 0.05;

interface TAnalysisState {
  prepared: TPreparedPolicies;
  /** request contexts with iam:PassedToService set, per service */
  passContexts: Map<string, TConditionContext>;
  caller: TCaller;
  context: TConditionContext;
  accountId: string;
  principalType: "user" | "role" | "other";
}

function principalTypeOf(arn: string): "user" | "role" | "other" {
  if (/^arn:[^:]+:iam::\d{12}:user\//.test(arn)) return "user";
  if (/^arn:[^:]+:iam::\d{12}:role\//.test(arn) || /:assumed-role\//.test(arn)) return "role";
  return "other";
}

function describeRef(ref: TStatementRef): string {
  const where = ref.policyName ?? ref.policyArn ?? `${ref.policyType} policy`;
  const statement =
    ref.sid !== undefined ? `statement "${ref.sid}"` : `statement #${ref.statementIndex}`;
  const level = ref.level !== undefined ? ` (SCP level ${ref.level})` : "";
  const conditional = ref.conditional ? " under conditions" : "";
  return `${where}${level} ${statement}: ${ref.effect}${conditional}`;
}

function describeResult(action: string, target: string, result: TEvaluationResult): string[] {
  const refs = [...new Set(result.explanations.map(describeRef))];
  const head =
    result.decision === "DENIED"
      ? `${action} on ${target}: denied (${result.reason.toLowerCase().replace(/_/g, " ")})`
      : `${action} on ${target}: ${result.decision === "ALLOWED" ? "allowed" : "allowed under conditions"}`;
  const scpGap =
    result.scpLevelWithoutAllow !== undefined
      ? [`no SCP at level ${result.scpLevelWithoutAllow} (0 = root) allows it`]
      : [];
  const unresolved =
    result.unresolvedConditions.length > 0
      ? [`depends on ${result.unresolvedConditions.join(", ")}`]
      : [];
  return [head, ...[...refs, ...scpGap, ...unresolved].map((line) => `  ${line}`)];
}

function check(
  state: TAnalysisState,
  action: string,
  resource: string,
  mode: "any" | "all",
  context: TConditionContext = state.context,
): TEvaluationResult {
  return decideRequest({
    prepared: state.prepared,
    request: {
      action,
      actionLower: action.toLowerCase(),
      resource,
      resourceMatch: mode,
      caller: state.caller,
      context,
    },
    resourcePolicy: null,
    resourceKind: "generic",
    sameAccount: true,
    rcpsApply: false,
  });
}

function targetArns(
  state: TAnalysisState,
  target: TEscalationTarget,
  groups: readonly string[] | undefined,
): string[] {
  const iam = `arn:aws:iam::${state.accountId}`;
  switch (target) {
    case "self":
      return [state.caller.arn];
    case "own-groups":
      return groups && groups.length > 0 ? [...groups] : [`${iam}:group/*`];
    case "users":
      return [`${iam}:user/*`];
    case "roles":
    case "passable-roles":
      return [`${iam}:role/*`];
    case "groups":
      return [`${iam}:group/*`];
    case "customer-policies":
      return [`${iam}:policy/*`];
    case "any":
      return ["*"];
  }
}

function passContext(state: TAnalysisState, service: string): TConditionContext {
  let context = state.passContexts.get(service);
  if (!context) {
    context = createConditionContext({
      values: { "iam:PassedToService": service },
      parent: state.context,
    });
    state.passContexts.set(service, context);
  }
  return context;
}

function analyzeMethod(
  state: TAnalysisState,
  method: TEscalationMethod,
  groups: readonly string[] | undefined,
): TEscalationFinding {
  const finding: TEscalationFinding = {
    methodId: method.id,
    name: method.name,
    decision: "DENIED",
    reasons: [],
  };
  const type = state.principalType === "other" ? null : state.principalType;
  if (type === null || !method.appliesTo.includes(type)) {
    finding.reasons.push(`not applicable to this principal type (${state.principalType})`);
    return finding;
  }
  const context = method.passedToService
    ? passContext(state, method.passedToService)
    : state.context;
  const decisions: TDecision[] = [];
  for (const permission of method.permissions) {
    let best: { result: TEvaluationResult; target: string } | null = null;
    for (const target of targetArns(state, permission.target, groups)) {
      const result = check(state, permission.action, target, "any", context);
      if (!best || RANK[result.decision] > RANK[best.result.decision]) best = { result, target };
      if (result.decision === "ALLOWED") break;
    }
    if (!best) continue;
    decisions.push(best.result.decision);
    finding.reasons.push(...describeResult(permission.action, best.target, best.result));
    if (best.result.decision === "DENIED") break; // every permission is needed
  }
  finding.decision = decisions.length === method.permissions.length ? weakest(decisions) : "DENIED";
  return finding;
}

function grantsEverything(
  statement: TPolicyStatement,
  catalog: TActionCatalog | undefined,
): boolean {
  const resourceAll =
    (statement.Resource?.includes("*") ?? false) ||
    (statement.NotResource !== undefined && statement.Resource === undefined);
  if (!resourceAll) return false;
  if (statement.Action) return statement.Action.some((a) => a === "*" || a === "*:*");
  if (!statement.NotAction) return false;
  if (!catalog) return true;
  const excluded = new Set<string>();
  for (const pattern of statement.NotAction) {
    for (const info of expandActionPattern(catalog, pattern)) excluded.add(info.action);
  }
  return excluded.size <= catalog.actions.size * MAX_EXCLUDED_SHARE;
}

function analyzeAdministrator(
  state: TAnalysisState,
  catalog: TActionCatalog | undefined,
): TCapability {
  const broad: string[] = [];
  let broadConditional = true;
  for (const policy of state.prepared.identity) {
    policy.statements.forEach((statement, index) => {
      if (statement.Effect !== "Allow" || !grantsEverything(statement, catalog)) return;
      const truth = evaluateCondition(statement.Condition, state.context).truth;
      if (truth === false) return;
      if (truth === true) broadConditional = false;
      const sid = statement.Sid !== undefined ? `"${statement.Sid}"` : `#${index}`;
      broad.push(
        `${policy.name ?? "identity policy"} statement ${sid} allows all actions on all resources`,
      );
    });
  }
  if (broad.length === 0) {
    return {
      decision: "DENIED",
      reasons: ["no identity statement allows all actions on all resources"],
    };
  }
  const reasons = [...broad];
  const decisions: TDecision[] = [broadConditional ? "CONDITIONAL" : "ALLOWED"];
  for (const action of ADMIN_PROBES) {
    const result = check(state, action, "*", "any");
    decisions.push(result.decision);
    if (result.decision !== "ALLOWED") reasons.push(...describeResult(action, "*", result));
    if (result.decision === "DENIED") break;
  }
  return { decision: weakest(decisions), reasons };
}

function analyzeAll(state: TAnalysisState, checks: readonly [string, string][]): TCapability {
  const decisions: TDecision[] = [];
  const reasons: string[] = [];
  for (const [action, resource] of checks) {
    const result = check(state, action, resource, "all");
    decisions.push(result.decision);
    reasons.push(...describeResult(action, resource, result));
    if (result.decision === "DENIED") break;
  }
  return { decision: weakest(decisions), reasons };
}

/** Prepares a principal's policies and base request context once (reused by every check). */
function prepareState(p: TPrincipalPolicies): TAnalysisState {
  const scpsApply = !p.isManagementAccount && !p.isServiceLinkedRole;
  const prepared = preparePolicies({
    identityPolicies: p.identityPolicies as TPolicySource[],
    permissionsBoundary: p.permissionsBoundary ?? null,
    scps: p.scps ?? [],
    scpsApply,
  });
  const principal: Parameters<typeof derivePrincipalContext>[0] = { arn: p.principalArn };
  if (p.tags) principal.tags = p.tags;
  if (p.organizationId) principal.organizationId = p.organizationId;
  const values = {
    ...derivePrincipalContext(principal, p.accountId, new Date()),
    // the attacker chooses how to call: over TLS, and not as an AWS service
    "aws:SecureTransport": "true",
    "aws:ViaAWSService": "false",
  };
  const context = createConditionContext({
    values,
    completePrefixes: p.tags ? ["aws:PrincipalTag/"] : [],
  });
  return {
    prepared,
    passContexts: new Map(),
    caller: { kind: "AWS", arn: p.principalArn, accountId: p.accountId },
    context,
    accountId: p.accountId,
    principalType: principalTypeOf(p.principalArn),
  };
}

/** Administrator, escalation methods, lateral movement and S3-wide access of one principal. */
export function analyzePrincipalCapabilities(
  p: TPrincipalPolicies,
  catalog?: TActionCatalog,
): TPrincipalCapabilities {
  const state = prepareState(p);
  const warnings = state.prepared.warnings.map((w) => `ignored unreadable policy: ${w}`);
  const administrator = analyzeAdministrator(state, catalog);
  administrator.reasons.push(...warnings);
  const instances = `arn:aws:ec2:*:${p.accountId}:instance/*`;
  const lateralChecks: [string, string][] = [
    ["ssm:StartSession", instances],
    ["ssm:SendCommand", instances],
    ["ec2-instance-connect:SendSSHPublicKey", instances],
    ["ecs:ExecuteCommand", `arn:aws:ecs:*:${p.accountId}:task/*`],
    ["sts:AssumeRole", "arn:aws:iam::*:role/*"],
  ];
  return {
    administrator,
    privilegeEscalation: ESCALATION_METHODS.map((method) =>
      analyzeMethod(state, method, p.groupArns),
    ),
    lateralMovement: lateralChecks.map(([action, resource]) => {
      const result = check(state, action, resource, "any");
      return {
        action,
        decision: result.decision,
        reasons: describeResult(action, resource, result),
      };
    }),
    readAllS3: analyzeAll(state, [
      ["s3:ListBucket", "arn:aws:s3:::*"],
      ["s3:GetObject", "arn:aws:s3:::*/*"],
    ]),
    writeAllS3: analyzeAll(state, [["s3:PutObject", "arn:aws:s3:::*/*"]]),
  };
}
