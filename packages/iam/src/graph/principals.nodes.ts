import { ESCALATION_METHODS } from "../escalation-methods";
import type { TPolicyInput } from "../policy.types";
import type { TPrincipalPolicies } from "../principal-capabilities.analyzer";
import { createPrincipalEvaluator, type TEvaluationResult, type TPrincipalEvaluator, type TPrincipalEvaluatorInput, type TPrincipalRequest } from "../request.evaluator";
import { analyzeTrustPolicy } from "../trust-policy.analyzer";
import type { TPrincipalClassification } from "./access-graph.types";
import { addEdge, addNode, lastSegment, lookupPolicy, pushTo, reasonsOf, type TBuildState, type TPrincipalEntry } from "./build-state";
import { asRecord, asString, readPrincipalPolicies } from "./graph-inventory";
import { identityAllowPatterns, patternsReach } from "./identity-patterns";

// Principals: groups, users and roles as nodes, each with its evaluator, its capabilities
// (administrator, escalation methods, lateral movement, data reach) and their classification,
// and the member-of edges of users.

export const INTENDED_ADMIN_TAG = "guardrail:intended-admin";

const RESOURCE_EXPOSURE_PROBES: [string, string][] = [
  ["s3:PutBucketPolicy", "arn:aws:s3:::*"],
  ["kms:PutKeyPolicy", "arn:aws:kms:*:*:key/*"],
  ["lambda:AddPermission", "arn:aws:lambda:*:*:function:*"],
  ["sqs:SetQueueAttributes", "arn:aws:sqs:*:*:*"],
  ["sns:SetTopicAttributes", "arn:aws:sns:*:*:*"],
];
const METHOD_CATEGORY = new Map(ESCALATION_METHODS.map((m) => [m.id, m.category]));
/** a probe no identity Allow statement can grant (the evaluation would deny) */
const NOT_GRANTED = { decision: "DENIED" } as const;

/**
 * A principal evaluator that prepares the principal's policies and context on its first request.
 * (A class, not a closure per principal: tsx's keepNames wraps each closure it creates.)
 */
class LazyPrincipalEvaluator implements TPrincipalEvaluator {
  private evaluator: TPrincipalEvaluator | null = null;
  constructor(private readonly input: TPrincipalEvaluatorInput) {}
  evaluate(request: TPrincipalRequest): TEvaluationResult {
    this.evaluator ??= createPrincipalEvaluator(this.input);
    return this.evaluator.evaluate(request);
  }
}

type TProbed = Pick<TPrincipalEntry, "evaluator" | "identityPolicies" | "allowPatterns">;

/** The identity side of a principal on a wildcard resource; skipped when no Allow statement can reach it. */
function probeIdentity(state: TBuildState, principal: TProbed, action: string, resource: string): TEvaluationResult | typeof NOT_GRANTED {
  let patterns = principal.allowPatterns.get(action);
  if (!patterns) principal.allowPatterns.set(action, (patterns = identityAllowPatterns(principal.identityPolicies, action)));
  if (!patternsReach(patterns, resource)) return NOT_GRANTED;
  state.evaluations++;
  return principal.evaluator.evaluate({ action, resource: { arn: resource } });
}

export function* addPrincipals(state: TBuildState): Generator<void, void, void> {
  const { org, analyzer, catalog, now } = state;
  const groupsOf = (accountId: string, name: string) => state.groupsByName.get(`${accountId}|${name}`);
  const policyOf = (arn: string) => lookupPolicy(state, arn);

  for (const group of state.byType.get("AWS::IAM::Group") ?? []) {
    addNode(state, {
      id: asString(group.configuration.Arn) ?? group.resourceId,
      kind: "iam-group",
      accountId: group.accountId,
      region: null,
      name: asString(group.configuration.GroupName) ?? group.name ?? lastSegment(group.resourceId),
      properties: {},
    });
  }

  for (const r of [...state.users, ...state.roles]) {
    yield;
    const isRole = r.resourceType === "AWS::IAM::Role";
    const arn = asString(r.configuration.Arn) ?? r.resourceId;
    const set = readPrincipalPolicies(r, policyOf, groupsOf);
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
    // built on the first request (principals whose Allow statements reach no probe never need one)
    const evaluator = new LazyPrincipalEvaluator({
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
    const allowPatterns = new Map<string, readonly string[]>();
    const probed: TProbed = { evaluator, identityPolicies: set.identityPolicies, allowPatterns };
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
      const secrets = probeIdentity(state, probed, "secretsmanager:GetSecretValue", "arn:aws:secretsmanager:*:*:secret:*");
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
        const res = probeIdentity(state, probed, action, target);
        if (res.decision === "DENIED") continue;
        exposure.push(reasonsOf(action, target, res)[0] as string);
        if (res.decision === "ALLOWED") exposureDecision = "ALLOWED";
      }
      if (exposure.length > 0) classification.push({ kind: "resource-exposure", decision: exposureDecision, reasons: exposure });
    }

    const mayAssume = isAdmin || probeIdentity(state, probed, "sts:AssumeRole", "arn:aws:iam::*:role/*").decision !== "DENIED";
    const entry: TPrincipalEntry = {
      resource: r,
      arn,
      evaluator,
      escalation,
      lateralMovement: capabilities.lateralMovement.filter((l) => l.decision !== "DENIED"),
      isAdmin,
      mayAssume,
      identityPolicies: set.identityPolicies,
      allowPatterns,
      identityGrants: new Map(),
    };
    state.principals.set(arn, entry);
    pushTo(state.principalsByAccount, r.accountId, entry);
    if (isRole && isAdmin) pushTo(state.adminRolesByAccount, r.accountId, arn);
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
        organizationAccountIds: state.organizationAccountIds,
      });
      state.trusts.set(arn, trust);
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
    addNode(state, {
      id: arn,
      kind: isRole ? "iam-role" : "iam-user",
      accountId: r.accountId,
      region: null,
      name: asString(r.configuration[isRole ? "RoleName" : "UserName"]) ?? r.name ?? lastSegment(arn),
      properties,
    });
    for (const groupArn of set.groupArns) {
      addEdge(state, arn, groupArn, "member-of", "ALLOWED", { reasons: ["IAM group membership"] });
    }
  }
}
