import { parsePolicyDocument, type TPolicy } from "@guardrail/iam";
import type { TCollectedResource } from "@guardrail/collectors";
import type { TRuleContext } from "../context";
import { asRecords } from "./values";

/** The default version's document of an `AWS::IAM::Policy` (ManagedPolicyDetail), parsed and cached. */
export function readDefaultPolicyVersion(
  policy: TCollectedResource,
  ctx: TRuleContext,
): { ok: true; policy: TPolicy; versionId: string | null } | { ok: false; error: string } {
  return ctx.memoFor("policy-default-version", policy, () => {
    const versions = asRecords(policy.configuration.PolicyVersionList);
    const version =
      versions.find((v) => v.IsDefaultVersion === true) ??
      versions.find((v) => v.VersionId === policy.configuration.DefaultVersionId);
    if (!version) return { ok: false as const, error: "The default policy version was not collected" };
    const parsed = parsePolicyDocument(version.Document as string | Record<string, unknown>);
    if (!parsed.ok) return parsed;
    return { ok: true as const, policy: parsed.policy, versionId: (version.VersionId as string | undefined) ?? null };
  });
}
