import type { TActionCatalog } from "../action-catalog";
import { ESCALATION_METHODS } from "../escalation-methods";
import { matchAction, resourceIntersects } from "../glob.matcher";
import { parsePolicyDocument } from "../policy.parser";
import type { TPolicyInput } from "../policy.types";
import {
  createCapabilityAnalyzer,
  type TCapabilityAnalyzer,
  type TPrincipalCapabilities,
  type TPrincipalPolicies,
} from "../principal-capabilities.analyzer";
import { accountIdOfArn } from "../principal.matcher";
import {
  createPrincipalEvaluator,
  type TEvaluationResult,
  type TPrincipalEvaluator,
  type TStatementRef,
} from "../request.evaluator";
import { analyzeResourcePolicyExposure } from "../resource-exposure.analyzer";
import { analyzeTrustPolicy, type TTrustAnalysis } from "../trust-policy.analyzer";
import type {
  TAccessGraph,
  TGraphEdge,
  TGraphEdgeKind,
  TGraphNode,
  TGraphNodeKind,
  TGraphResource,
  TPrincipalClassification,
} from "./access-graph.types";
import {
  asRecord,
  asRecords,
  asString,
  readDefaultPolicyDocument,
  readOrganization,
  readPrincipalPolicies,
} from "./graph-inventory";

// Builds the access graph of an organization from its collected inventory. Every permission
// edge is decided by the request evaluator (identity policies, boundary, SCPs of the caller's
// account, RCPs and resource policy of the target's account, trust policies), so an edge exists
// only when AWS would allow the call, or allow it under conditions the data cannot decide.

export const INTENDED_ADMIN_TAG = "guardrail:intended-admin";
export const INTERNET_NODE_ID = "internet";
export const ANYONE_NODE_ID = "anyone";

export interface TBuildAccessGraphInput {
  resources: Iterable<TGraphResource>;
  catalog?: TActionCatalog | null;
  /** share an analyzer (and its memo) with other callers, e.g. the rule context */
  analyzer?: TCapabilityAnalyzer | null;
  now?: Date;
  /**
   * Which edges to compute (all by default). Attack-path rules need neither the host-by-host
   * lateral-movement edges nor data edges of principals nobody outside can assume.
   */
  edges?: {
    lateralMovement?: boolean;
    /** "all" principals, or only roles assumable from outside the organization / by anyone */
    dataAccess?: "all" | "externally-assumable";
  };
}

interface TDataStoreSpec {
  kind: TGraphNodeKind;
  read: string | null;
  write: string | null;
  /** the ARN the data actions are asked on */
  dataArn(r: TGraphResource): string;
  policy(r: TGraphResource): string | null;
  policyKind: "generic" | "kms-key";
  /** wildcard ARN: does the identity side grant the action on some store of this type? */
  probe: string;
  /** every store of this type in an account (asked with resourceMatch "all") */
  accountWide(accountId: string): string;
}

const DATA_STORES: Record<string, TDataStoreSpec> = {
  "AWS::S3::Bucket": {
    kind: "s3-bucket",
    read: "s3:GetObject",
    write: "s3:PutObject",
    dataArn: (r) => `${r.resourceId}/*`,
    policy: (r) => asString(r.configuration.Policy),
    policyKind: "generic",
    probe: "arn:aws:s3:::*/*",
    accountWide: () => "arn:aws:s3:::*/*",
  },
  "AWS::RDS::DBInstance": {
    kind: "rds-instance",
    // a snapshot copies the data out; ModifyDBInstance can reset the master password
    read: "rds:CreateDBSnapshot",
    write: "rds:ModifyDBInstance",
    dataArn: (r) => r.resourceId,
    policy: () => null,
    policyKind: "generic",
    probe: "arn:aws:rds:*:*:db:*",
    accountWide: (a) => `arn:aws:rds:*:${a}:db:*`,
  },
  "AWS::KMS::Key": {
    kind: "kms-key",
    read: "kms:Decrypt",
    write: null,
    dataArn: (r) => r.resourceId,
    policy: (r) => asString(r.configuration.Policy),
    policyKind: "kms-key",
    probe: "arn:aws:kms:*:*:key/*",
    accountWide: (a) => `arn:aws:kms:*:${a}:key/*`,
  },
  "AWS::SQS::Queue": {
    kind: "sqs-queue",
    read: "sqs:ReceiveMessage",
    write: "sqs:SendMessage",
    dataArn: (r) => r.resourceId,
    policy: (r) => asString(asRecord(r.configuration.Attributes)?.Policy),
    policyKind: "generic",
    probe: "arn:aws:sqs:*:*:*",
    accountWide: (a) => `arn:aws:sqs:*:${a}:*`,
  },
  "AWS::SNS::Topic": {
    kind: "sns-topic",
    read: "sns:Subscribe",
    write: "sns:Publish",
    dataArn: (r) => r.resourceId,
    policy: (r) => asString(asRecord(r.configuration.Attributes)?.Policy),
    policyKind: "generic",
    probe: "arn:aws:sns:*:*:*",
    accountWide: (a) => `arn:aws:sns:*:${a}:*`,
  },
};

const RESOURCE_EXPOSURE_PROBES: [string, string][] = [
  ["s3:PutBucketPolicy", "arn:aws:s3:::*"],
  ["kms:PutKeyPolicy", "arn:aws:kms:*:*:key/*"],
  ["lambda:AddPermission", "arn:aws:lambda:*:*:function:*"],
  ["sqs:SetQueueAttributes", "arn:aws:sqs:*:*:*"],
  ["sns:SetTopicAttributes", "arn:aws:sns:*:*:*"],
];
const LATERAL_HOST_ACTIONS = new Set(["ssm:StartSession", "ssm:SendCommand", "ec2-instance-connect:SendSSHPublicKey"]);
const METHOD_CATEGORY = new Map(ESCALATION_METHODS.map((m) => [m.id, m.category]));

function describeRef(ref: TStatementRef): string {
  const where = ref.policyName ?? ref.policyArn ?? `${ref.policyType} policy`;
  const statement = ref.sid !== undefined ? `statement "${ref.sid}"` : `statement #${ref.statementIndex}`;
  const level = ref.level !== undefined ? ` (level ${ref.level})` : "";
  return `${ref.policyType} ${where}${level} ${statement}: ${ref.effect}${ref.conditional ? " under conditions" : ""}`;
}

function reasonsOf(action: string, target: string, result: TEvaluationResult): string[] {
  const head = `${action} on ${target}: ${result.decision === "ALLOWED" ? "allowed" : "allowed under conditions"}`;
  return [head, ...new Set(result.explanations.filter((e) => e.effect === "Allow").map(describeRef))];
}

function lastSegment(arn: string): string {
  const tail = arn.slice(arn.lastIndexOf(":") + 1);
  return tail.slice(tail.lastIndexOf("/") + 1) || arn;
}

interface TPrincipalEntry {
  resource: TGraphResource;
  arn: string;
  evaluator: TPrincipalEvaluator;
  capabilities: TPrincipalCapabilities;
  isAdmin: boolean;
  /** identity side grants sts:AssumeRole on some role */
  mayAssume: boolean;
  identityPolicies: readonly { document: TPolicyInput }[];
  /** action → resource patterns of the identity Allow statements that name it ("*" when unsure) */
  allowPatterns: Map<string, readonly string[]>;
}

/**
 * Resource patterns of the identity-side Allow statements that can grant `action`. Boundaries,
 * SCPs and denies only take away, so a target no pattern intersects cannot be allowed by the
 * identity side (a resource policy still may: callers evaluate those targets regardless).
 */
function identityAllowPatterns(entry: TPrincipalEntry, action: string): readonly string[] {
  const cached = entry.allowPatterns.get(action);
  if (cached) return cached;
  const out: string[] = [];
  for (const p of entry.identityPolicies) {
    const parsed = parsePolicyDocument(p.document);
    if (!parsed.ok) continue;
    for (const st of parsed.policy.Statement) {
      if (st.Effect !== "Allow") continue;
      const grants = st.Action ? st.Action.some((a) => matchAction(a, action)) : st.NotAction ? !st.NotAction.some((a) => matchAction(a, action)) : false;
      if (!grants) continue;
      if (!st.Resource || st.NotResource) out.push("*");
      else for (const r of st.Resource) out.push(r.includes("${") ? "*" : r);
    }
  }
  entry.allowPatterns.set(action, out);
  return out;
}

/** Builds the graph in one go (rules, tests). */
export function buildAccessGraph(input: TBuildAccessGraphInput): TAccessGraph {
  const steps = runBuild(input);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same build, giving the event loop a turn every `yieldEvery` principals or stores, so a
 * long build (a large organization) never starves a worker's job-lock renewal or its I/O.
 */
export async function buildAccessGraphAsync(
  input: TBuildAccessGraphInput,
  opts: { yieldEvery?: number } = {},
): Promise<TAccessGraph> {
  const every = opts.yieldEvery ?? 100;
  const steps = runBuild(input);
  for (let n = 1; ; n++) {
    const step = steps.next();
    if (step.done) return step.value;
    if (n % every === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

function* runBuild(input: TBuildAccessGraphInput): Generator<void, TAccessGraph, void> {
  const started = Date.now();
  const now = input.now ?? new Date();
  const resources = [...input.resources];
  const catalog = input.catalog ?? undefined;
  const analyzer = input.analyzer ?? createCapabilityAnalyzer(catalog ? { catalog } : {});
  const org = readOrganization(resources);
  const nodes = new Map<string, TGraphNode>();
  const edges: TGraphEdge[] = [];
  const edgeKeys = new Set<string>();
  let evaluations = 0;

  const addNode = (node: TGraphNode): TGraphNode => {
    const existing = nodes.get(node.id);
    if (existing) return existing;
    nodes.set(node.id, node);
    return node;
  };
  const NO_CONDITIONS: string[] = [];
  /** `unique`: the caller knows the edge cannot repeat (bulk kinds), so no key is built */
  const addEdge = (edge: Omit<TGraphEdge, "methodId" | "action" | "conditions"> & Partial<TGraphEdge>, unique = false) => {
    const full: TGraphEdge = { methodId: null, action: null, conditions: NO_CONDITIONS, ...edge };
    if (!unique) {
      const key = `${full.source}\u0000${full.target}\u0000${full.kind}\u0000${full.methodId ?? ""}`;
      if (edgeKeys.has(key)) return;
      edgeKeys.add(key);
    }
    edges.push(full);
  };
  const accountNode = (accountId: string): string => {
    const id = `arn:aws:iam::${accountId}:root`;
    const inOrg = knownAccountIds.has(accountId);
    addNode({
      id,
      kind: inOrg ? "account-root" : "external-account",
      accountId,
      region: null,
      name: inOrg ? `${org.accountNames.get(accountId) ?? accountId} (account root)` : `External account ${accountId}`,
      properties: inOrg ? { isManagementAccount: org.managementAccountId === accountId } : {},
    });
    return id;
  };
  const internet = () =>
    addNode({ id: INTERNET_NODE_ID, kind: "internet", accountId: null, region: null, name: "The internet", properties: {} }).id;
  const anyone = () =>
    addNode({ id: ANYONE_NODE_ID, kind: "anyone", accountId: null, region: null, name: "Anyone (any AWS principal)", properties: {} }).id;

  // ---- indexes ----------------------------------------------------------------------------
  const policies = new Map<string, TGraphResource>();
  const groupsByName = new Map<string, TGraphResource>();
  const roles: TGraphResource[] = [];
  const users: TGraphResource[] = [];
  const instanceProfiles = new Map<string, TGraphResource>();
  const securityGroups = new Map<string, TGraphResource>();
  const clusters = new Map<string, TGraphResource>();
  const accountPab = new Map<string, Record<string, unknown> | null>();
  const byType = new Map<string, TGraphResource[]>();
  for (const r of resources) {
    const list = byType.get(r.resourceType);
    if (list) list.push(r);
    else byType.set(r.resourceType, [r]);
    switch (r.resourceType) {
      case "AWS::IAM::Policy":
        policies.set(asString(r.configuration.Arn) ?? r.resourceId, r);
        break;
      case "AWS::IAM::Group":
        groupsByName.set(`${r.accountId}|${asString(r.configuration.GroupName) ?? r.name ?? ""}`, r);
        break;
      case "AWS::IAM::Role":
        roles.push(r);
        for (const p of asRecords(r.configuration.InstanceProfileList)) {
          const arn = asString(p.Arn);
          if (arn) instanceProfiles.set(arn, r);
        }
        break;
      case "AWS::IAM::User":
        users.push(r);
        break;
      case "AWS::EC2::SecurityGroup":
        securityGroups.set(`${r.accountId}|${r.region}|${asString(r.configuration.GroupId) ?? ""}`, r);
        break;
      case "AWS::EKS::Cluster":
        clusters.set(`${r.accountId}|${r.region}|${asString(r.configuration.name) ?? r.name ?? ""}`, r);
        break;
      case "AWS::S3::AccountPublicAccessBlock":
        accountPab.set(r.accountId, asRecord(r.configuration.PublicAccessBlockConfiguration));
        break;
      default:
        break;
    }
  }
  const policyDocs = new Map<string, TPolicyInput | null>();
  const lookupPolicy = (arn: string): TPolicyInput | null => {
    if (policyDocs.has(arn)) return policyDocs.get(arn) ?? null;
    const r = policies.get(arn);
    const doc = r ? readDefaultPolicyDocument(r) : null;
    policyDocs.set(arn, doc);
    return doc;
  };
  const groupsOf = (accountId: string, name: string) => groupsByName.get(`${accountId}|${name}`);
  // accounts of the organization, and accounts whose inventory was collected (no org data)
  const knownAccountIds = new Set<string>([...org.accountIds, ...resources.map((r) => r.accountId)]);
  const organizationAccountIds = knownAccountIds;

  // ---- principals -------------------------------------------------------------------------
  const principals = new Map<string, TPrincipalEntry>();
  const principalsByAccount = new Map<string, TPrincipalEntry[]>();
  const adminRolesByAccount = new Map<string, string[]>();
  const trusts = new Map<string, TTrustAnalysis>();

  for (const group of byType.get("AWS::IAM::Group") ?? []) {
    addNode({
      id: asString(group.configuration.Arn) ?? group.resourceId,
      kind: "iam-group",
      accountId: group.accountId,
      region: null,
      name: asString(group.configuration.GroupName) ?? group.name ?? lastSegment(group.resourceId),
      properties: {},
    });
  }

  for (const r of [...users, ...roles]) {
    yield;
    const isRole = r.resourceType === "AWS::IAM::Role";
    const arn = asString(r.configuration.Arn) ?? r.resourceId;
    const set = readPrincipalPolicies(r, lookupPolicy, groupsOf);
    const isServiceLinkedRole = isRole && (asString(r.configuration.Path) ?? "").startsWith("/aws-service-role/");
    const isManagementAccount = org.managementAccountId === r.accountId;
    const scps = org.scpLevels(r.accountId);
    const tags = r.tags ?? {};
    const p: TPrincipalPolicies = {
      principalArn: arn,
      accountId: r.accountId,
      identityPolicies: set.identityPolicies,
      permissionsBoundary: set.permissionsBoundary,
      isManagementAccount,
      isServiceLinkedRole,
      tags,
    };
    if (scps) p.scps = scps;
    if (org.organizationId) p.organizationId = org.organizationId;
    if (!isRole) p.groupArns = set.groupArns;
    const capabilities = analyzer.analyze(p);
    const evaluator = createPrincipalEvaluator({
      principal: {
        arn,
        accountId: r.accountId,
        kind: "AWS",
        tags,
        isServiceLinkedRole,
        ...(org.organizationId ? { organizationId: org.organizationId } : {}),
      },
      identityPolicies: set.identityPolicies,
      permissionsBoundary: set.permissionsBoundary,
      ...(scps ? { scps } : {}),
      isManagementAccount,
      ...(catalog ? { catalog } : {}),
      now,
    });
    const probe = (action: string, resource: string) => {
      evaluations++;
      return evaluator.evaluate({ action, resource: { arn: resource } });
    };
    const isAdmin = capabilities.administrator.decision !== "DENIED";
    const classification: TPrincipalClassification[] = [];
    if (isAdmin) {
      classification.push({ kind: "administrator", decision: capabilities.administrator.decision as "ALLOWED", reasons: capabilities.administrator.reasons.slice(0, 8) });
    }
    const escalation = isAdmin ? [] : capabilities.privilegeEscalation.filter((m) => m.decision !== "DENIED");
    if (escalation.length > 0) {
      classification.push({
        kind: "escalation-to-administrator",
        decision: escalation.some((m) => m.decision === "ALLOWED") ? "ALLOWED" : "CONDITIONAL",
        reasons: escalation.slice(0, 8).map((m) => `${m.methodId} ${m.name}: ${m.reasons[0] ?? m.decision.toLowerCase()}`),
        methodIds: escalation.map((m) => m.methodId),
      });
    }
    const lateral = capabilities.lateralMovement.filter((l) => l.decision !== "DENIED" && l.action !== "sts:AssumeRole");
    if (lateral.length > 0) {
      classification.push({
        kind: "lateral-movement",
        decision: lateral.some((l) => l.decision === "ALLOWED") ? "ALLOWED" : "CONDITIONAL",
        reasons: lateral.map((l) => l.reasons[0] ?? l.action),
      });
    }
    const broad = [capabilities.readAllS3, capabilities.writeAllS3].filter((c) => c.decision !== "DENIED");
    if (broad.length > 0) {
      classification.push({
        kind: "broad-data-access",
        decision: broad.some((c) => c.decision === "ALLOWED") ? "ALLOWED" : "CONDITIONAL",
        reasons: broad.flatMap((c) => c.reasons.slice(0, 4)),
      });
    }
    const credentialReasons: string[] = [];
    let credentialDecision: "ALLOWED" | "CONDITIONAL" = "CONDITIONAL";
    for (const m of escalation) {
      if (METHOD_CATEGORY.get(m.methodId) !== "principal-access" || m.methodId === "iam-012") continue;
      credentialReasons.push(`${m.methodId} ${m.name}: credentials of other principals`);
      if (m.decision === "ALLOWED") credentialDecision = "ALLOWED";
    }
    const report = asRecord(r.configuration.CredentialReport);
    const activeKeys = ["access_key_1_active", "access_key_2_active"].filter((k) => asString(report?.[k]) === "true").length;
    if (activeKeys > 0) {
      credentialReasons.push(`${activeKeys} active long-lived access key(s)`);
      credentialDecision = "ALLOWED";
    }
    if (!isAdmin) {
      const secrets = probe("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:*:*:secret:*");
      if (secrets.decision !== "DENIED") {
        credentialReasons.push(...reasonsOf("secretsmanager:GetSecretValue", "secrets", secrets).slice(0, 3));
        if (secrets.decision === "ALLOWED") credentialDecision = "ALLOWED";
      }
    }
    if (credentialReasons.length > 0) {
      classification.push({ kind: "credentials-exposure", decision: credentialDecision, reasons: credentialReasons });
    }
    if (!isAdmin) {
      const exposure: string[] = [];
      let exposureDecision: "ALLOWED" | "CONDITIONAL" = "CONDITIONAL";
      for (const [action, target] of RESOURCE_EXPOSURE_PROBES) {
        const res = probe(action, target);
        if (res.decision === "DENIED") continue;
        exposure.push(reasonsOf(action, target, res)[0] as string);
        if (res.decision === "ALLOWED") exposureDecision = "ALLOWED";
      }
      if (exposure.length > 0) classification.push({ kind: "resource-exposure", decision: exposureDecision, reasons: exposure });
    }

    const mayAssume = isAdmin || probe("sts:AssumeRole", "arn:aws:iam::*:role/*").decision !== "DENIED";
    const entry: TPrincipalEntry = { resource: r, arn, evaluator, capabilities, isAdmin, mayAssume, identityPolicies: set.identityPolicies, allowPatterns: new Map() };
    principals.set(arn, entry);
    const list = principalsByAccount.get(r.accountId);
    if (list) list.push(entry);
    else principalsByAccount.set(r.accountId, [entry]);
    if (isRole && isAdmin) {
      const admins = adminRolesByAccount.get(r.accountId);
      if (admins) admins.push(arn);
      else adminRolesByAccount.set(r.accountId, [arn]);
    }
    const properties: Record<string, unknown> = {
      intendedAdmin: tags[INTENDED_ADMIN_TAG]?.toLowerCase() === "true",
      classification,
    };
    if (set.missingPolicies.length > 0) properties.missingPolicies = set.missingPolicies;
    if (isRole) {
      properties.path = asString(r.configuration.Path);
      properties.isServiceLinkedRole = isServiceLinkedRole;
      const trust = analyzeTrustPolicy((r.configuration.AssumeRolePolicyDocument ?? "") as TPolicyInput, {
        accountId: r.accountId,
        organizationAccountIds,
      });
      trusts.set(arn, trust);
      properties.trust = {
        trustsAnyone: trust.trustsAnyone,
        trustedAccountsOutsideOrganization: trust.trustedAccountsOutsideOrganization,
        trustedServices: trust.trustedServices,
        externalIdRequired: trust.statements.some((s) => s.hasExternalIdCondition),
        parseError: trust.parseError,
      };
    } else {
      properties.activeAccessKeys = activeKeys;
    }
    addNode({
      id: arn,
      kind: isRole ? "iam-role" : "iam-user",
      accountId: r.accountId,
      region: null,
      name: asString(r.configuration[isRole ? "RoleName" : "UserName"]) ?? r.name ?? lastSegment(arn),
      properties,
    });
    for (const groupArn of set.groupArns) {
      addEdge({ source: arn, target: groupArn, kind: "member-of", decision: "ALLOWED", reasons: ["IAM group membership"] });
    }
  }

  // ---- escalation -------------------------------------------------------------------------
  for (const entry of principals.values()) {
    yield;
    if (entry.isAdmin) continue;
    const accountId = entry.resource.accountId;
    for (const m of entry.capabilities.privilegeEscalation) {
      if (m.decision === "DENIED") continue;
      const decision = m.decision;
      if (m.methodId === "iam-012") {
        // a role that can rewrite an administrator role's trust policy
        for (const adminArn of adminRolesByAccount.get(accountId) ?? []) {
          if (adminArn === entry.arn) continue;
          evaluations++;
          const res = entry.evaluator.evaluate({ action: "iam:UpdateAssumeRolePolicy", resource: { arn: adminArn, accountId } });
          if (res.decision === "DENIED") continue;
          addEdge({
            source: entry.arn,
            target: adminArn,
            kind: "can-escalate",
            decision: res.decision,
            methodId: m.methodId,
            action: "iam:UpdateAssumeRolePolicy",
            conditions: res.unresolvedConditions,
            reasons: [`${m.methodId} ${m.name}: rewrite the trust policy of administrator role ${lastSegment(adminArn)}, then assume it`, ...reasonsOf("iam:UpdateAssumeRolePolicy", adminArn, res).slice(1)],
          });
        }
      }
      addEdge({
        source: entry.arn,
        target: accountNode(accountId),
        kind: "can-escalate",
        decision,
        methodId: m.methodId,
        action: m.name,
        reasons: [`${m.methodId} ${m.name}: ${ESCALATION_METHODS.find((x) => x.id === m.methodId)?.gives ?? "administrator"}`, ...m.reasons.slice(0, 6)],
      });
    }
  }

  // ---- trust: who can assume each role ----------------------------------------------------
  for (const role of roles) {
    yield;
    const roleArn = asString(role.configuration.Arn) ?? role.resourceId;
    const trust = trusts.get(roleArn);
    if (!trust || trust.parseError) continue;
    const trustDoc = (role.configuration.AssumeRolePolicyDocument ?? "") as TPolicyInput;
    const rcps = org.rcpLevels(role.accountId);
    const candidates = new Map<string, TPrincipalEntry>();
    for (const statement of trust.statements) {
      if (!statement.actions.some((a) => matchAction(a, "sts:AssumeRole"))) continue;
      const conditional = statement.conditionKeys.length > 0;
      for (const ref of statement.principals) {
        if (ref.kind === "Service") {
          const id = `service:${ref.value}`;
          addNode({ id, kind: "service", accountId: null, region: null, name: ref.value, properties: {} });
          addEdge({ source: id, target: roleArn, kind: "can-assume", decision: conditional ? "CONDITIONAL" : "ALLOWED", action: "sts:AssumeRole", conditions: statement.conditionKeys, reasons: [`trust policy ${statement.sid ? `statement "${statement.sid}"` : ""} trusts ${ref.value}`.replace("  ", " ")] });
          continue;
        }
        if (ref.kind === "Anyone" || (ref.kind === "Federated" && trust.federatedWithoutSubjectCondition.includes(ref.value))) {
          if (!trust.trustsAnyone && ref.kind === "Anyone") continue;
          addEdge({ source: anyone(), target: roleArn, kind: "can-assume", decision: conditional ? "CONDITIONAL" : "ALLOWED", action: ref.kind === "Federated" ? "sts:AssumeRoleWithWebIdentity" : "sts:AssumeRole", conditions: statement.conditionKeys, reasons: [ref.kind === "Federated" ? `trust policy trusts ${ref.value} without pinning the subject: anyone with a token from it` : "trust policy trusts any AWS principal (\"*\")"] });
          continue;
        }
        if (ref.kind !== "AWS" || !ref.accountId) continue;
        if (!organizationAccountIds.has(ref.accountId) && ref.accountId !== role.accountId) {
          addEdge({
            source: accountNode(ref.accountId),
            target: roleArn,
            kind: "can-assume",
            decision: conditional ? "CONDITIONAL" : "ALLOWED",
            action: "sts:AssumeRole",
            conditions: statement.conditionKeys,
            reasons: [`trust policy trusts ${ref.value} outside the organization${statement.hasExternalIdCondition ? " (sts:ExternalId required)" : " without sts:ExternalId"}`],
          });
          continue;
        }
        const named = principals.get(ref.value);
        if (named) candidates.set(named.arn, named);
        else if (/^\d{12}$/.test(ref.value) || ref.value.endsWith(":root")) {
          for (const p of principalsByAccount.get(ref.accountId) ?? []) if (p.mayAssume) candidates.set(p.arn, p);
        }
      }
    }
    for (const p of candidates.values()) {
      if (p.arn === roleArn) continue;
      evaluations++;
      const res = p.evaluator.evaluate({
        action: "sts:AssumeRole",
        resource: { arn: roleArn, accountId: role.accountId, policy: { name: "trust policy", document: trustDoc }, kind: "role-trust", tags: role.tags ?? {} },
        ...(rcps ? { rcps } : {}),
        resourceAccountIsManagement: org.managementAccountId === role.accountId,
      });
      if (res.decision === "DENIED") continue;
      addEdge({ source: p.arn, target: roleArn, kind: "can-assume", decision: res.decision, action: "sts:AssumeRole", conditions: res.unresolvedConditions, reasons: reasonsOf("sts:AssumeRole", lastSegment(roleArn), res) });
    }
  }

  // ---- workloads --------------------------------------------------------------------------
  const instancesByAccount = new Map<string, string[]>();
  for (const r of byType.get("AWS::EC2::Instance") ?? []) {
    const cfg = r.configuration;
    const state = asString(asRecord(cfg.State)?.Name);
    if (state === "terminated" || state === "shutting-down") continue;
    const metadata = asRecord(cfg.MetadataOptions);
    const imdsV1 = asString(metadata?.HttpEndpoint) !== "disabled" && asString(metadata?.HttpTokens) !== "required";
    const publicIp = asString(cfg.PublicIpAddress) ?? asString(cfg.Ipv6Address);
    const openIngress: { groupId: string; protocol: string; fromPort: number | null; toPort: number | null; cidr: string }[] = [];
    for (const ref of asRecords(cfg.SecurityGroups)) {
      const sg = securityGroups.get(`${r.accountId}|${r.region}|${asString(ref.GroupId) ?? ""}`);
      if (!sg) continue;
      for (const perm of asRecords(sg.configuration.IpPermissions)) {
        const base = { groupId: asString(sg.configuration.GroupId) ?? sg.resourceId, protocol: asString(perm.IpProtocol) ?? "-1", fromPort: typeof perm.FromPort === "number" ? perm.FromPort : null, toPort: typeof perm.ToPort === "number" ? perm.ToPort : null };
        for (const range of asRecords(perm.IpRanges)) if (range.CidrIp === "0.0.0.0/0") openIngress.push({ ...base, cidr: "0.0.0.0/0" });
        for (const range of asRecords(perm.Ipv6Ranges)) if (range.CidrIpv6 === "::/0") openIngress.push({ ...base, cidr: "::/0" });
      }
    }
    const role = instanceProfiles.get(asString(asRecord(cfg.IamInstanceProfile)?.Arn) ?? "");
    const roleArn = role ? asString(role.configuration.Arn) ?? role.resourceId : null;
    addNode({
      id: r.resourceId,
      kind: "ec2-instance",
      accountId: r.accountId,
      region: r.region,
      name: r.name ?? asString(cfg.InstanceId) ?? lastSegment(r.resourceId),
      properties: { instanceId: asString(cfg.InstanceId), state, publicIp, imdsV1, httpTokens: asString(metadata?.HttpTokens), openIngress, roleArn, instanceProfileArn: asString(asRecord(cfg.IamInstanceProfile)?.Arn) },
    });
    const list = instancesByAccount.get(r.accountId);
    if (list) list.push(r.resourceId);
    else instancesByAccount.set(r.accountId, [r.resourceId]);
    if (publicIp && openIngress.length > 0) {
      addEdge({ source: internet(), target: r.resourceId, kind: "exposed-to-internet", decision: "ALLOWED", reasons: [`public IP ${publicIp}`, ...openIngress.slice(0, 4).map((o) => `${o.groupId} allows ${o.protocol === "-1" ? "all traffic" : `${o.protocol} ${o.fromPort ?? 0}-${o.toPort ?? 65535}`} from ${o.cidr}`)] });
    }
    if (roleArn) addEdge({ source: r.resourceId, target: roleArn, kind: "runs-as", decision: "ALLOWED", reasons: [`instance profile ${asString(asRecord(cfg.IamInstanceProfile)?.Arn) ?? ""}`, imdsV1 ? "IMDSv1 enabled: the role's credentials are one SSRF away" : "IMDSv2 required"] });
  }
  for (const r of byType.get("AWS::Lambda::Function") ?? []) {
    const cfg = r.configuration;
    const roleArn = asString(cfg.Role);
    const policy = asString(cfg.Policy);
    const exposure = policy ? analyzeResourcePolicyExposure(policy, { accountId: r.accountId, ...(org.organizationId ? { organizationId: org.organizationId } : {}) }) : null;
    const isPublic = exposure?.isPublic === true;
    addNode({ id: r.resourceId, kind: "lambda-function", accountId: r.accountId, region: r.region, name: asString(cfg.FunctionName) ?? r.name ?? lastSegment(r.resourceId), properties: { roleArn, public: isPublic, runtime: asString(cfg.Runtime) } });
    if (isPublic) addEdge({ source: internet(), target: r.resourceId, kind: "exposed-to-internet", decision: "ALLOWED", action: "lambda:InvokeFunction", reasons: ["function policy allows any principal (\"*\") without a restricting condition", ...(exposure?.publicStatements ?? []).map((s) => `statement ${s.sid ?? ""} allows ${s.actions.join(", ")}`)] });
    if (roleArn && principals.has(roleArn)) addEdge({ source: r.resourceId, target: roleArn, kind: "runs-as", decision: "ALLOWED", reasons: ["execution role"] });
  }
  for (const r of byType.get("AWS::EKS::Nodegroup") ?? []) {
    const cfg = r.configuration;
    const roleArn = asString(cfg.nodeRole);
    const clusterName = asString(cfg.clusterName);
    const cluster = clusters.get(`${r.accountId}|${r.region}|${clusterName ?? ""}`);
    const vpc = asRecord(cluster?.configuration.resourcesVpcConfig);
    const cidrs = Array.isArray(vpc?.publicAccessCidrs) ? (vpc.publicAccessCidrs as unknown[]).filter((c): c is string => typeof c === "string") : [];
    const publicEndpoint = vpc?.endpointPublicAccess === true && (cidrs.length === 0 || cidrs.includes("0.0.0.0/0"));
    addNode({ id: r.resourceId, kind: "eks-nodegroup", accountId: r.accountId, region: r.region, name: asString(cfg.nodegroupName) ?? r.name ?? lastSegment(r.resourceId), properties: { roleArn, clusterName, clusterArn: cluster?.resourceId ?? null, publicEndpoint } });
    if (publicEndpoint) addEdge({ source: internet(), target: r.resourceId, kind: "exposed-to-internet", decision: "ALLOWED", reasons: [`cluster ${clusterName ?? ""} has a public API endpoint open to ${cidrs.length === 0 ? "0.0.0.0/0 (default)" : cidrs.join(", ")}`] });
    if (roleArn && principals.has(roleArn)) addEdge({ source: r.resourceId, target: roleArn, kind: "runs-as", decision: "ALLOWED", reasons: ["node role"] });
  }

  // ---- lateral movement onto hosts --------------------------------------------------------
  for (const entry of input.edges?.lateralMovement === false ? [] : principals.values()) {
    yield;
    const allowed = entry.capabilities.lateralMovement.filter((l) => l.decision !== "DENIED" && LATERAL_HOST_ACTIONS.has(l.action));
    if (allowed.length === 0) continue;
    const best = allowed.find((l) => l.decision === "ALLOWED") ?? allowed[0];
    if (!best) continue;
    const reasons = allowed.map((l) => l.reasons[0] ?? l.action);
    for (const instance of instancesByAccount.get(entry.resource.accountId) ?? []) {
      addEdge({ source: entry.arn, target: instance, kind: "can-move-laterally", decision: best.decision as "ALLOWED", action: best.action, reasons }, true);
    }
  }

  // ---- data stores ------------------------------------------------------------------------
  const probeCache = new Map<string, boolean>();
  const identityGrants = (entry: TPrincipalEntry, action: string, probeArn: string): boolean => {
    if (entry.isAdmin) return true;
    const key = `${entry.arn}|${action}`;
    const cached = probeCache.get(key);
    if (cached !== undefined) return cached;
    evaluations++;
    const ok = entry.evaluator.evaluate({ action, resource: { arn: probeArn } }).decision !== "DENIED";
    probeCache.set(key, ok);
    return ok;
  };
  const onlyExternal = input.edges?.dataAccess === "externally-assumable";
  const externallyAssumable = new Set<string>();
  if (onlyExternal) {
    for (const e of edges) {
      if (e.kind === "can-assume" && (e.source === ANYONE_NODE_ID || nodes.get(e.source)?.kind === "external-account")) externallyAssumable.add(e.target);
    }
  }
  const wideCache = new Map<string, string[] | null>();
  const accountWideGrant = (
    p: TPrincipalEntry,
    spec: TDataStoreSpec,
    action: string,
    accountId: string,
    rcps: TPolicyInput[][] | undefined,
    resourceAccountIsManagement: boolean,
  ): string[] | null => {
    const key = `${p.arn}|${action}|${accountId}`;
    const cached = wideCache.get(key);
    if (cached !== undefined) return cached;
    evaluations++;
    const target = spec.accountWide(accountId);
    const res = p.evaluator.evaluate({ action, resource: { arn: target, accountId }, resourceMatch: "all", ...(rcps ? { rcps } : {}), resourceAccountIsManagement });
    const out = res.decision === "ALLOWED" ? reasonsOf(action, `every ${spec.kind} of ${accountId}`, res) : null;
    wideCache.set(key, out);
    return out;
  };
  for (const [type, spec] of Object.entries(DATA_STORES)) {
    for (const r of byType.get(type) ?? []) {
      yield;
      const policy = spec.policy(r);
      const exposure = policy ? analyzeResourcePolicyExposure(policy, { accountId: r.accountId, ...(org.organizationId ? { organizationId: org.organizationId } : {}) }) : null;
      let isPublic = exposure?.isPublic === true;
      if (type === "AWS::S3::Bucket") {
        const blocked = asRecord(r.configuration.PublicAccessBlockConfiguration)?.RestrictPublicBuckets === true || accountPab.get(r.accountId)?.RestrictPublicBuckets === true;
        isPublic = (isPublic || asRecord(r.configuration.PolicyStatus)?.IsPublic === true) && !blocked;
      }
      if (type === "AWS::RDS::DBInstance") isPublic = r.configuration.PubliclyAccessible === true;
      addNode({ id: r.resourceId, kind: spec.kind, accountId: r.accountId, region: r.region, name: r.name ?? lastSegment(r.resourceId), properties: { public: isPublic } });
      if (isPublic) {
        addEdge({ source: internet(), target: r.resourceId, kind: "exposed-to-internet", decision: "ALLOWED", reasons: [type === "AWS::RDS::DBInstance" ? "PubliclyAccessible = true" : "resource policy allows any principal (\"*\") without a restricting condition"] });
      }
      // candidates: principals of the store's account, and of accounts its policy names
      const named = new Set<string>();
      const accounts = new Set<string>([r.accountId]);
      for (const principal of exposure?.crossAccountPrincipals ?? []) {
        const account = /^\d{12}$/.test(principal) ? principal : accountIdOfArn(principal);
        if (account && organizationAccountIds.has(account)) {
          if (principals.has(principal)) named.add(principal);
          else accounts.add(account);
        }
      }
      if (policy) for (const p of principalsByAccount.get(r.accountId) ?? []) if (policy.includes(p.arn)) named.add(p.arn);
      const rcps = org.rcpLevels(r.accountId);
      const resourceAccountIsManagement = org.managementAccountId === r.accountId;
      const dataArn = spec.dataArn(r);
      for (const [edgeKind, action] of [["can-read", spec.read], ["can-write", spec.write]] as [TGraphEdgeKind, string | null][]) {
        if (!action) continue;
        const candidates: TPrincipalEntry[] = [];
        for (const account of accounts) {
          for (const p of principalsByAccount.get(account) ?? []) {
            if (named.has(p.arn) || identityGrants(p, action, spec.probe)) candidates.push(p);
          }
        }
        for (const arn of named) {
          const p = principals.get(arn);
          if (p && !accounts.has(p.resource.accountId)) candidates.push(p);
        }
        for (const p of candidates) {
          if (onlyExternal && !externallyAssumable.has(p.arn)) continue;
          if (!policy && p.resource.accountId === r.accountId) {
            // Same account, no resource policy: when the identity side allows the action on every
            // store of this type (resourceMatch "all", tags unknown), each store is allowed alike.
            const wide = accountWideGrant(p, spec, action, r.accountId, rcps, resourceAccountIsManagement);
            if (wide) {
              addEdge({ source: p.arn, target: r.resourceId, kind: edgeKind, decision: "ALLOWED", action, reasons: wide }, true);
              continue;
            }
          }
          if (!policy && !p.isAdmin && !identityAllowPatterns(p, action).some((pattern) => pattern === "*" || resourceIntersects(pattern, dataArn))) continue;
          evaluations++;
          const res = p.evaluator.evaluate({
            action,
            resource: { arn: dataArn, accountId: r.accountId, policy: policy ? { name: "resource policy", document: policy } : null, kind: spec.policyKind, tags: r.tags ?? {} },
            ...(rcps ? { rcps } : {}),
            resourceAccountIsManagement,
          });
          if (res.decision === "DENIED") continue;
          addEdge({ source: p.arn, target: r.resourceId, kind: edgeKind, decision: res.decision, action, conditions: res.unresolvedConditions, reasons: reasonsOf(action, r.name ?? lastSegment(r.resourceId), res) }, true);
        }
      }
    }
  }

  const byEdgeKind: Record<string, number> = {};
  for (const e of edges) byEdgeKind[e.kind] = (byEdgeKind[e.kind] ?? 0) + 1;
  return {
    nodes,
    edges,
    stats: { principals: principals.size, evaluations, durationMs: Date.now() - started, byEdgeKind },
  };
}
