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
  matchesActions,
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
  /** the description but its "action on target" (describeVerdict, describeTail), made once */
  verdict: string | null;
  tail: readonly string[] | null;
}

interface TSharedAnalysis {
  capabilities: TPrincipalCapabilities;
  /** checks it answers for a principal that reuses it (all but those on the principal's ARN) */
  sharedChecks: number;
}

/** The answers of one principal-independent policy set (of one account). */
interface TPolicySetMemo {
  /** check key → answer */
  entries: Map<string, TMemoEntry>;
  /** action → does the set decide it alike on every single resource (see decidesAlikeOnAnyResource) */
  anyResource: Map<string, boolean>;
}

/** Memo shared by the analyses of one analyzer (see createCapabilityAnalyzer). */
interface TAnalyzerMemo {
  /** policy-set key → its answers */
  checks: Map<string, TPolicySetMemo>;
  cachedChecks: number;
  maxChecks: number;
  statementIds: WeakMap<readonly TPolicyStatement[], number>;
  nextId: number;
  principalIndependent: WeakMap<readonly TPolicyStatement[], boolean>;
  grantsEverything: WeakMap<TPolicyStatement, boolean>;
  /** analysis key (see analysisKeyOf) → a whole analysis, read-only, shared by principals */
  analyses: Map<string, TSharedAnalysis>;
  hits: number;
  misses: number;
  analysisHits: number;
}

interface TAnalysisState {
  prepared: TPreparedPolicies;
  memo: TAnalyzerMemo | null;
  /** the policy set's key in the memo, null when its answers depend on who the principal is */
  memoKey: string | null;
  /** answers for this principal's policy set, when they do not depend on who the principal is */
  memoChecks: TPolicySetMemo | null;
  /** request contexts with iam:PassedToService set, per service */
  passContexts: Map<string, TConditionContext>;
  caller: TCaller;
  /** the base request context, built on first use (see contextOf) */
  context: TConditionContext | null;
  principal: TPrincipalPolicies;
  accountId: string;
  principalType: "user" | "role" | "other";
  /** checks asked so far, and how many of them on the principal's own ARN */
  checks: number;
  checksOnSelf: number;
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

/** The first line of a check's description (the only one naming the target) after the target. */
function describeVerdict(result: TEvaluationResult): string {
  return result.decision === "DENIED"
    ? `: denied (${result.reason.toLowerCase().replace(/_/g, " ")})`
    : `: ${result.decision === "ALLOWED" ? "allowed" : "allowed under conditions"}`;
}

/** The other lines: the deciding statements, an SCP level without an Allow, open conditions. */
function describeTail(result: TEvaluationResult): string[] {
  const refs = [...new Set(result.explanations.map(describeRef))];
  const scpGap =
    result.scpLevelWithoutAllow !== undefined
      ? [`no SCP at level ${result.scpLevelWithoutAllow} (0 = root) allows it`]
      : [];
  const unresolved =
    result.unresolvedConditions.length > 0
      ? [`depends on ${result.unresolvedConditions.join(", ")}`]
      : [];
  return [...refs, ...scpGap, ...unresolved].map((line) => `  ${line}`);
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

/** The resource a check is memoised under when the policy set decides it alike on any resource. */
const ANY_RESOURCE = "\u0000";

/**
 * Does the policy set decide `action` the same way on any resource (a single one or a wildcard
 * set)? So it does when each statement naming the action applies to "*" or names no resource:
 * matching never looks at the resource then (no Allow lies strictly inside a wildcard target),
 * and the policies are principal-independent (no variables).
 */
function decidesAlikeOnAnyResource(prepared: TPreparedPolicies, actionLower: string): boolean {
  const sets = [prepared.identity, ...(prepared.scpLevels ?? [])];
  if (prepared.boundary) sets.push([prepared.boundary]);
  if (prepared.session) sets.push([prepared.session]);
  for (const set of sets) {
    for (const policy of set) {
      for (const statement of policy.statements) {
        if (!matchesActions(statement, actionLower)) continue;
        if (statement.NotResource) return false;
        if (statement.Resource && !statement.Resource.includes("*")) return false;
      }
    }
  }
  return true;
}

/** The memo key of a check, or null when the policy set's answers are not memoised. */
function checkKeyOf(
  state: TAnalysisState,
  action: string,
  resource: string,
  mode: "any" | "all",
  passedToService: string | undefined,
): string | null {
  const sets = state.memoChecks;
  if (!sets) return null;
  let alike = sets.anyResource.get(action);
  if (alike === undefined) {
    alike = decidesAlikeOnAnyResource(state.prepared, action.toLowerCase());
    sets.anyResource.set(action, alike);
  }
  return `${passedToService ?? ""}|${mode}|${action}|${alike ? ANY_RESOURCE : resource}`;
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
  state.checks++;
  const key = checkKeyOf(state, action, resource, mode, passedToService);
  let entry = key !== null ? memoChecks?.entries.get(key) : undefined;
  if (entry && memo) memo.hits++;
  if (!entry) {
    const context = passedToService ? passContext(state, passedToService) : contextOf(state);
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
    entry = { result, verdict: null, tail: null };
    if (memo && memoChecks && key !== null) {
      memo.misses++;
      if (memo.cachedChecks >= memo.maxChecks) clearMemo(memo);
      memoChecks.entries.set(key, entry);
      memo.cachedChecks++;
    }
  }
  if (!describe) return { result: entry.result, lines: [] };
  // the answer may be shared by other targets: only the first line names this one
  entry.verdict ??= describeVerdict(entry.result);
  entry.tail ??= describeTail(entry.result);
  return {
    result: entry.result,
    lines: [`${action} on ${resource}${entry.verdict}`, ...entry.tail],
  };
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
      parent: contextOf(state),
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
      const truth = evaluateCondition(statement.Condition, contextOf(state)).truth;
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

/**
 * The memo key of a policy set, null when its answers depend on who the principal is. It leaves
 * the account out: a check's key holds its target, which names the account where it matters,
 * so principals of many accounts with the same policies (AWS-managed ones) share answers.
 */
function computeMemoKey(memo: TAnalyzerMemo, prepared: TPreparedPolicies) {
  const parts: string[] = [];
  for (const policy of prepared.identity) parts.push(policyMemoId(memo, policy) ?? "\u0000");
  parts.push("b", prepared.boundary ? (policyMemoId(memo, prepared.boundary) ?? "\u0000") : "-");
  parts.push("s", prepared.scpLevels === null ? "-" : "");
  for (const level of prepared.scpLevels ?? []) {
    parts.push("/");
    for (const policy of level) parts.push(policyMemoId(memo, policy) ?? "\u0000");
  }
  return parts.includes("\u0000") ? null : parts.join(",");
}

/** A policy's part of a memo key, null when its answers depend on who the principal is. */
function policyMemoId(memo: TAnalyzerMemo, policy: TCompiledPolicy): string | null {
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
}

function memoChecksFor(memo: TAnalyzerMemo, key: string | null): TPolicySetMemo | null {
  if (key === null) return null;
  let checks = memo.checks.get(key);
  if (!checks) {
    checks = { entries: new Map(), anyResource: new Map() };
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
  const memoKey = memo ? computeMemoKey(memo, prepared) : null;
  return {
    prepared,
    memo,
    memoKey,
    memoChecks: memo ? memoChecksFor(memo, memoKey) : null,
    passContexts: new Map(),
    caller: { kind: "AWS", arn: p.principalArn, accountId: p.accountId },
    context: null,
    principal: p,
    accountId: p.accountId,
    principalType: principalTypeOf(p.principalArn),
    checks: 0,
    checksOnSelf: 0,
  };
}

/** The principal's base request context (built once, and only when a check needs it). */
function contextOf(state: TAnalysisState): TConditionContext {
  if (state.context) return state.context;
  const p = state.principal;
  const principal: Parameters<typeof derivePrincipalContext>[0] = { arn: p.principalArn };
  if (p.tags) principal.tags = p.tags;
  if (p.organizationId) principal.organizationId = p.organizationId;
  const values = {
    ...derivePrincipalContext(principal, p.accountId, new Date()),
    // the attacker chooses how to call: over TLS, and not as an AWS service
    "aws:SecureTransport": "true",
    "aws:ViaAWSService": "false",
  };
  state.context = createConditionContext({
    values,
    completePrefixes: p.tags ? ["aws:PrincipalTag/"] : [],
  });
  return state.context;
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
  /**
   * checks answered from the memo / computed (for benchmarks and logs); a shared analysis
   * answers its checks from the memo (analysisHits: analyses shared whole)
   */
  stats(): { hits: number; misses: number; cachedChecks: number; analysisHits: number };
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
    analyses: new Map(),
    hits: 0,
    misses: 0,
    analysisHits: 0,
  };
  return {
    analyze: (p) => analyzeWithMemo(p, options.catalog, memo),
    stats: () => ({
      hits: memo.hits,
      misses: memo.misses,
      cachedChecks: memo.cachedChecks,
      analysisHits: memo.analysisHits,
    }),
  };
}

/** Empties the memo once it holds `maxChecks` (an analysis counts as ANALYSIS_WEIGHT checks). */
function clearMemo(memo: TAnalyzerMemo): void {
  memo.checks.clear();
  memo.analyses.clear();
  memo.cachedChecks = 0;
}

/** What a whole analysis holds, in checks (≈ 15 administrator probes, 35 method checks, 8 more). */
const ANALYSIS_WEIGHT = 50;

/** Escalation methods asked on the principal's own ARN: answered per principal, never shared. */
const ON_SELF = ESCALATION_METHODS.map((m) => m.permissions.some((perm) => perm.target === "self"));

/**
 * A whole analysis can be shared by the principals whose checks would all be answered from the
 * same memo entries (a principal-independent policy set, see computeMemoKey) and whose targets
 * are the same: one account (targets name it), the same principal type and groups. Warnings of
 * unreadable policies are part of the answer. Only the methods asked on the principal's own ARN
 * are answered per principal.
 */
function analysisKeyOf(state: TAnalysisState, memoKey: string): string {
  const groups = state.principal.groupArns;
  return [
    memoKey,
    state.accountId,
    state.principalType,
    groups ? groups.join("\u0001") : "\u0002",
    state.prepared.warnings.join("\u0001"),
  ].join("\u0000");
}

function analyzeWithMemo(
  p: TPrincipalPolicies,
  catalog: TActionCatalog | undefined,
  memo: TAnalyzerMemo | null,
): TPrincipalCapabilities {
  const state = prepareState(p, memo);
  const key = memo && state.memoKey !== null ? analysisKeyOf(state, state.memoKey) : null;
  const shared = key !== null ? memo?.analyses.get(key) : undefined;
  if (memo && shared) {
    memo.analysisHits++;
    memo.hits += shared.sharedChecks;
    const { capabilities } = shared;
    return {
      ...capabilities,
      privilegeEscalation: capabilities.privilegeEscalation.map((finding, i) =>
        ON_SELF[i]
          ? analyzeMethod(state, ESCALATION_METHODS[i] as TEscalationMethod, p.groupArns)
          : finding,
      ),
    };
  }
  const capabilities = analyzeFully(state, p, catalog);
  if (memo && key !== null) {
    if (memo.cachedChecks + ANALYSIS_WEIGHT > memo.maxChecks) clearMemo(memo);
    memo.analyses.set(key, {
      capabilities: deepFreeze(capabilities),
      sharedChecks: state.checks - state.checksOnSelf,
    });
    memo.cachedChecks += ANALYSIS_WEIGHT;
  }
  return capabilities;
}

/** Shared analyses are read-only: a caller that writes into one would change another's. */
function deepFreeze<T>(value: T): T {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return value;
  for (const inner of Object.values(value)) deepFreeze(inner);
  return Object.freeze(value);
}

function analyzeFully(
  state: TAnalysisState,
  p: TPrincipalPolicies,
  catalog: TActionCatalog | undefined,
): TPrincipalCapabilities {
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
    privilegeEscalation: ESCALATION_METHODS.map((method, i) => {
      const before = state.checks;
      const finding = analyzeMethod(state, method, p.groupArns);
      if (ON_SELF[i]) state.checksOnSelf += state.checks - before;
      return finding;
    }),
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
