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
  decideRequestForSomeResource,
  derivePrincipalContext,
  type TEvaluationResult,
} from "./request.evaluator";
import {
  preparePolicies,
  type TCompiledPolicy,
  type TPolicySource,
  type TPreparedPolicies,
  type TStatementRef,
} from "./policy-set.evaluator";

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

/**
 * Actions an administrator must be able to perform on any resource. Tampering with audit
 * services (cloudtrail:StopLogging…) is left out on purpose: organizations routinely deny it
 * by SCP (a "protect security services" guardrail), and a role with AdministratorAccess under
 * such an SCP still controls the account.
 */
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
];

/** A NotAction allow counts as "everything" when it leaves out at most this share of actions. */
const MAX_EXCLUDED_SHARE = 0.05;

interface TMemoEntry {
  result: TEvaluationResult;
  lines: readonly string[] | null;
}

/** Memo shared by the analyses of one analyzer (see createCapabilityAnalyzer). */
interface TAnalyzerMemo {
  /** policy-set key → check key → answer */
  checks: Map<string, Map<string, TMemoEntry>>;
  cachedChecks: number;
  maxChecks: number;
  statementIds: WeakMap<readonly TPolicyStatement[], number>;
  nextId: number;
  principalIndependent: WeakMap<readonly TPolicyStatement[], boolean>;
  grantsEverything: WeakMap<TPolicyStatement, boolean>;
  hits: number;
  misses: number;
}

interface TAnalysisState {
  prepared: TPreparedPolicies;
  memo: TAnalyzerMemo | null;
  /** answers for this principal's policy set, when they do not depend on who the principal is */
  memoChecks: Map<string, TMemoEntry> | null;
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
  passedToService?: string,
): TEvaluationResult {
  return checkDescribed(state, action, resource, mode, passedToService, false).result;
}

/** Runs one check (memoised when the policy set allows it), optionally with its description. */
function checkDescribed(
  state: TAnalysisState,
  action: string,
  resource: string,
  mode: "any" | "all",
  passedToService: string | undefined,
  describe: boolean,
): { result: TEvaluationResult; lines: readonly string[] } {
  const { memo, memoChecks } = state;
  const key = memoChecks ? `${passedToService ?? ""}|${mode}|${action}|${resource}` : null;
  let entry = key !== null ? memoChecks?.get(key) : undefined;
  if (entry && memo) memo.hits++;
  if (!entry) {
    const context = passedToService ? passContext(state, passedToService) : state.context;
    const result = decideRequestForSomeResource({
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
    entry = { result, lines: null };
    if (memo && memoChecks && key !== null) {
      memo.misses++;
      if (memo.cachedChecks >= memo.maxChecks) {
        memo.checks.clear();
        memo.cachedChecks = 0;
      }
      memoChecks.set(key, entry);
      memo.cachedChecks++;
    }
  }
  if (describe && entry.lines === null)
    entry.lines = describeResult(action, resource, entry.result);
  return { result: entry.result, lines: describe ? [...(entry.lines ?? [])] : [] };
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
  const decisions: TDecision[] = [];
  for (const permission of method.permissions) {
    let best: { result: TEvaluationResult; lines: readonly string[] } | null = null;
    for (const target of targetArns(state, permission.target, groups)) {
      const service = permission.target === "passable-roles" ? method.passedToService : undefined;
      const checked = checkDescribed(state, permission.action, target, "any", service, true);
      if (!best || RANK[checked.result.decision] > RANK[best.result.decision]) best = checked;
      if (checked.result.decision === "ALLOWED") break;
    }
    if (!best) continue;
    decisions.push(best.result.decision);
    finding.reasons.push(...best.lines);
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
      if (statement.Effect !== "Allow") return;
      let everything = state.memo?.grantsEverything.get(statement);
      if (everything === undefined) {
        everything = grantsEverything(statement, catalog);
        state.memo?.grantsEverything.set(statement, everything);
      }
      if (!everything) return;
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
    if (result.decision !== "ALLOWED") {
      reasons.push(...checkDescribed(state, action, "*", "any", undefined, true).lines);
    }
    if (result.decision === "DENIED") break;
  }
  return { decision: weakest(decisions), reasons };
}

function analyzeAll(state: TAnalysisState, checks: readonly [string, string][]): TCapability {
  const decisions: TDecision[] = [];
  const reasons: string[] = [];
  for (const [action, resource] of checks) {
    const { result, lines } = checkDescribed(state, action, resource, "all", undefined, true);
    decisions.push(result.decision);
    reasons.push(...lines);
    if (result.decision === "DENIED") break;
  }
  return { decision: weakest(decisions), reasons };
}

/** Prepares a principal's policies and base request context once (reused by every check). */
const PRINCIPAL_KEY_PREFIXES = ["aws:principal", "aws:username", "aws:userid"];

/** Do a policy's statements decide the same way whoever the principal is? */
function isPrincipalIndependent(statements: readonly TPolicyStatement[]): boolean {
  for (const statement of statements) {
    for (const list of [statement.Resource, statement.NotResource]) {
      if (list?.some((r) => r.includes("${"))) return false;
    }
    for (const block of Object.values(statement.Condition ?? {})) {
      for (const [key, values] of Object.entries(block)) {
        const lower = key.toLowerCase();
        if (PRINCIPAL_KEY_PREFIXES.some((prefix) => lower.startsWith(prefix))) return false;
        if (values.some((v) => v.includes("${"))) return false;
      }
    }
  }
  return true;
}

function computeMemoKey(memo: TAnalyzerMemo, prepared: TPreparedPolicies, accountId: string) {
  const idOf = (policy: TCompiledPolicy): string | null => {
    let independent = memo.principalIndependent.get(policy.statements);
    if (independent === undefined) {
      independent = isPrincipalIndependent(policy.statements);
      memo.principalIndependent.set(policy.statements, independent);
    }
    if (!independent) return null;
    let id = memo.statementIds.get(policy.statements);
    if (id === undefined) {
      id = memo.nextId++;
      memo.statementIds.set(policy.statements, id);
    }
    return `${id}~${policy.name ?? ""}~${policy.arn ?? ""}`;
  };
  const parts: string[] = [accountId];
  for (const policy of prepared.identity) parts.push(idOf(policy) ?? "\u0000");
  parts.push("b", prepared.boundary ? (idOf(prepared.boundary) ?? "\u0000") : "-");
  parts.push("s", prepared.scpLevels === null ? "-" : "");
  for (const level of prepared.scpLevels ?? []) {
    parts.push("/", ...level.map((policy) => idOf(policy) ?? "\u0000"));
  }
  return parts.includes("\u0000") ? null : parts.join(",");
}

function memoChecksFor(
  memo: TAnalyzerMemo,
  prepared: TPreparedPolicies,
  accountId: string,
): Map<string, TMemoEntry> | null {
  const key = computeMemoKey(memo, prepared, accountId);
  if (key === null) return null;
  let checks = memo.checks.get(key);
  if (!checks) {
    checks = new Map();
    memo.checks.set(key, checks);
  }
  return checks;
}

function prepareState(p: TPrincipalPolicies, memo: TAnalyzerMemo | null): TAnalysisState {
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
    memo,
    memoChecks: memo ? memoChecksFor(memo, prepared, p.accountId) : null,
    passContexts: new Map(),
    caller: { kind: "AWS", arn: p.principalArn, accountId: p.accountId },
    context,
    accountId: p.accountId,
    principalType: principalTypeOf(p.principalArn),
  };
}

/**
 * Administrator, escalation methods, lateral movement and S3-wide access of one principal.
 * For many principals use createCapabilityAnalyzer, which shares work between principals.
 */
export function analyzePrincipalCapabilities(
  p: TPrincipalPolicies,
  catalog?: TActionCatalog,
): TPrincipalCapabilities {
  return analyzeWithMemo(p, catalog, null);
}

export interface TCapabilityAnalyzer {
  analyze(p: TPrincipalPolicies): TPrincipalCapabilities;
  /** checks answered from the memo / computed (for benchmarks and logs) */
  stats(): { hits: number; misses: number; cachedChecks: number };
}

/**
 * An analyzer for many principals (graph builds): checks whose answer cannot depend on the
 * principal (no policy variables, no aws:Principal…/aws:username conditions) are computed once
 * per distinct policy set and reused. The memo lives in the returned object, bounded by
 * `maxCachedChecks`.
 */
export function createCapabilityAnalyzer(
  options: { catalog?: TActionCatalog; maxCachedChecks?: number } = {},
): TCapabilityAnalyzer {
  const memo: TAnalyzerMemo = {
    checks: new Map(),
    cachedChecks: 0,
    maxChecks: options.maxCachedChecks ?? 500_000,
    statementIds: new WeakMap(),
    nextId: 1,
    principalIndependent: new WeakMap(),
    grantsEverything: new WeakMap(),
    hits: 0,
    misses: 0,
  };
  return {
    analyze: (p) => analyzeWithMemo(p, options.catalog, memo),
    stats: () => ({ hits: memo.hits, misses: memo.misses, cachedChecks: memo.cachedChecks }),
  };
}

function analyzeWithMemo(
  p: TPrincipalPolicies,
  catalog: TActionCatalog | undefined,
  memo: TAnalyzerMemo | null,
): TPrincipalCapabilities {
  const state = prepareState(p, memo);
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
      const { result, lines } = checkDescribed(state, action, resource, "any", undefined, true);
      return { action, decision: result.decision, reasons: [...lines] };
    }),
    readAllS3: analyzeAll(state, [
      ["s3:ListBucket", "arn:aws:s3:::*"],
      ["s3:GetObject", "arn:aws:s3:::*/*"],
    ]),
    writeAllS3: analyzeAll(state, [["s3:PutObject", "arn:aws:s3:::*/*"]]),
  };
}
