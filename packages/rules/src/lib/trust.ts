import { analyzeTrustPolicy, type TTrustAnalysis } from "@guardrail/iam";
import type { TCollectedResource } from "@guardrail/collectors";
import type { TRuleContext } from "../context";

/** Trust analysis of a role, cached per context; organization accounts count as internal. */
export function analyzeRoleTrust(role: TCollectedResource, ctx: TRuleContext): TTrustAnalysis {
  return ctx.memoFor("role-trust", role, () => {
    const doc = role.configuration.AssumeRolePolicyDocument;
    const organizationAccountIds = ctx.organization ? new Set(ctx.organization.accounts.keys()) : undefined;
    return analyzeTrustPolicy((doc ?? "") as string, {
      accountId: role.accountId,
      ...(organizationAccountIds ? { organizationAccountIds } : {}),
    });
  });
}

/** External (third-party) accounts trusted by statements with no sts:ExternalId condition. */
export function listTrustWithoutExternalId(trust: TTrustAnalysis): { accountId: string; principal: string; sid: string | null }[] {
  const external = new Set(trust.trustedAccountsOutsideOrganization);
  const out: { accountId: string; principal: string; sid: string | null }[] = [];
  for (const statement of trust.statements) {
    if (statement.hasExternalIdCondition) continue;
    for (const p of statement.principals) {
      if (p.kind === "AWS" && p.accountId && external.has(p.accountId)) {
        out.push({ accountId: p.accountId, principal: p.value, sid: statement.sid ?? null });
      }
    }
  }
  return out;
}
