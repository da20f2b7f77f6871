import { matchAction, parsePolicyDocument, type TPolicy, type TPolicyStatement } from "@guardrail/iam";
import type { TCollectedResource } from "@guardrail/collectors";
import type { TRuleContext } from "../context";
import type { TOrganizationPolicy, TOrganizationPolicyType } from "../organization";
import { fail, notApplicable, pass, unable, type TRuleVerdict } from "../rule";
import { checkDataAvailable } from "./guard";
import { asString } from "./values";

export function parseOrganizationPolicy(policy: TOrganizationPolicy, ctx: TRuleContext): TPolicy | null {
  return ctx.memo(`org-policy:${policy.arn}`, () => {
    const parsed = parsePolicyDocument(policy.content);
    return parsed.ok ? parsed.policy : null;
  });
}

/** A Deny statement that applies to `action` (through Action, or by not excluding it in NotAction). */
export function statementDenies(statement: TPolicyStatement, action: string): boolean {
  if (statement.Effect !== "Deny") return false;
  if (statement.Action) return statement.Action.some((a) => matchAction(a, action));
  if (statement.NotAction) return !statement.NotAction.some((a) => matchAction(a, action));
  return false;
}

export function conditionKeysOf(statement: TPolicyStatement): string[] {
  return Object.values(statement.Condition ?? {}).flatMap((byKey) => Object.keys(byKey).map((k) => k.toLowerCase()));
}

export interface TGuardrailMatch {
  policy: string;
  attachedTo: string;
  sid: string | null;
}

/**
 * Shared evaluation of "this member account is covered by an organization policy whose statement
 * satisfies `matches`" (SCP guardrails, RCP perimeters).
 */
export function evaluateOrganizationGuardrail(
  resource: TCollectedResource,
  ctx: TRuleContext,
  opts: { type: TOrganizationPolicyType; label: string; matches: (statement: TPolicyStatement) => boolean },
): TRuleVerdict {
  const accountId = asString(resource.configuration.Id);
  const org = ctx.organization;
  if (!accountId || !org) return unable("The organization structure was not collected", { organization: null });
  const account = org.accounts.get(accountId);
  if (account?.isManagementAccount) {
    return notApplicable("Organization policies (SCPs and RCPs) do not apply to the management account", { accountId, IsManagementAccount: true });
  }
  const status = asString(resource.configuration.Status);
  if (status && status !== "ACTIVE") return notApplicable(`Account status is ${status}`, { accountId, Status: status });
  const effective = org.effectivePolicies(accountId, opts.type);
  const matches: TGuardrailMatch[] = [];
  const unreadable: string[] = [];
  for (const { policy, attachedTo } of effective) {
    const doc = parseOrganizationPolicy(policy, ctx);
    if (!doc) {
      unreadable.push(policy.name);
      continue;
    }
    for (const statement of doc.Statement) {
      if (opts.matches(statement)) matches.push({ policy: policy.name, attachedTo, sid: statement.Sid ?? null });
    }
  }
  const evidence = {
    accountId,
    parentChain: org.parentChain(accountId),
    effectivePolicies: effective.map((e) => ({ name: e.policy.name, attachedTo: e.attachedTo })),
    matchingStatements: matches,
  };
  if (matches.length > 0) return pass(`Account is covered by ${opts.label}`, evidence);
  if (unreadable.length > 0) return unable(`Organization policies could not be parsed: ${unreadable.join(", ")}`, { ...evidence, unreadable });
  const missing = checkDataAvailable(resource, ctx, { complete: [{ service: "organizations" }] });
  if (missing) return missing;
  return fail(`Account is not covered by ${opts.label}`, evidence);
}

export const ORG_REMEDIATION_CONSOLE = [
  "Sign in to the management account → AWS Organizations → Policies → Service control policies (enable the policy type if needed).",
  "Create the policy below and attach it to the root (or to every OU that holds workloads).",
];
