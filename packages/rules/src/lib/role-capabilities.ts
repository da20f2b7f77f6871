import {
  createCapabilityAnalyzer,
  type TCapabilityAnalyzer,
  type TPrincipalCapabilities,
  type TPrincipalPolicies,
} from "@guardrail/iam";
import type { TCollectedResource } from "@guardrail/collectors";
import type { TRuleContext } from "../context";
import { unable, type TRuleVerdict } from "../rule";
import { collectionErrorsOf } from "./guard";
import { readDefaultPolicyVersion } from "./iam-policies";
import { asRecord, asRecords, asString } from "./values";

function getAnalyzer(ctx: TRuleContext): TCapabilityAnalyzer {
  return (
    ctx.iamCapabilityAnalyzer ??
    ctx.memo("iam-capability-analyzer", () =>
      createCapabilityAnalyzer(ctx.iamActionCatalog ? { catalog: ctx.iamActionCatalog } : {}),
    )
  );
}

/**
 * The inventory row of a managed policy as `accountId` uses it. An AWS-managed policy is one row
 * per account, `<arn>#<accountId>` (docs/resource-model.md); an inventory written before that
 * holds one shared row under the bare ARN, which is the fallback.
 */
export function findManagedPolicy(ctx: TRuleContext, arn: string, accountId: string): TCollectedResource | undefined {
  if (arn.startsWith("arn:aws:iam::aws:policy/")) return ctx.get(`${arn}#${accountId}`) ?? ctx.get(arn);
  return ctx.get(arn);
}

/** SCP documents per level (root first) effective on an account; undefined when not fully known. */
function readScpLevels(ctx: TRuleContext, accountId: string): string[][] | undefined {
  const org = ctx.organization;
  if (!org || !org.accounts.has(accountId)) return undefined;
  const chain = org.parentChain(accountId);
  const levels = chain.map((node) =>
    org.policies.filter((p) => p.type === "SERVICE_CONTROL_POLICY" && p.targets.includes(node)).map((p) => p.content),
  );
  // Every node carries at least one SCP in a real organization; a gap means missing data, and
  // guessing "deny all" there would hide findings.
  return levels.every((l) => l.length > 0) ? levels : undefined;
}

/**
 * What a role can do (administrator, privilege escalation, lateral movement, all-S3 access) with
 * its inline, attached and boundary policies and the SCPs of its account. Cached per role.
 */
export function analyzeRoleCapabilities(role: TCollectedResource, ctx: TRuleContext): TPrincipalCapabilities | TRuleVerdict {
  return ctx.memoFor("role-capabilities", role, () => {
    const errors = collectionErrorsOf(role);
    if (Object.keys(errors).length > 0) {
      return unable("The role's policies were not fully collected", { role: role.resourceId, CollectionErrors: errors });
    }
    const identityPolicies: TPrincipalPolicies["identityPolicies"] = [];
    for (const inline of asRecords(role.configuration.RolePolicyList)) {
      const name = asString(inline.PolicyName) ?? "inline";
      identityPolicies.push({ name, document: inline.PolicyDocument as string });
    }
    const missingPolicies: string[] = [];
    for (const attached of asRecords(role.configuration.AttachedManagedPolicies)) {
      const arn = asString(attached.PolicyArn);
      if (!arn) continue;
      const policy = findManagedPolicy(ctx, arn, role.accountId);
      const doc = policy ? readDefaultPolicyVersion(policy, ctx) : null;
      if (!doc || !doc.ok) {
        missingPolicies.push(arn);
        continue;
      }
      identityPolicies.push({ name: asString(attached.PolicyName) ?? arn, arn, document: doc.policy as unknown as Record<string, unknown> });
    }
    const boundaryArn = asString(asRecord(role.configuration.PermissionsBoundary)?.PermissionsBoundaryArn);
    let permissionsBoundary: Record<string, unknown> | null = null;
    if (boundaryArn) {
      const policy = findManagedPolicy(ctx, boundaryArn, role.accountId);
      const doc = policy ? readDefaultPolicyVersion(policy, ctx) : null;
      if (!doc || !doc.ok) missingPolicies.push(boundaryArn);
      else permissionsBoundary = doc.policy as unknown as Record<string, unknown>;
    }
    if (missingPolicies.length > 0) {
      return unable("Managed policies of the role were not found in the inventory", { role: role.resourceId, missingPolicies });
    }
    const input: TPrincipalPolicies = {
      principalArn: asString(role.configuration.Arn) ?? role.resourceId,
      accountId: role.accountId,
      identityPolicies,
      permissionsBoundary,
      isServiceLinkedRole: (asString(role.configuration.Path) ?? "").startsWith("/aws-service-role/"),
      isManagementAccount: ctx.organization?.managementAccountId === role.accountId,
    };
    const scps = readScpLevels(ctx, role.accountId);
    if (scps) input.scps = scps;
    if (ctx.organization?.organizationId) input.organizationId = ctx.organization.organizationId;
    return getAnalyzer(ctx).analyze(input);
  });
}
