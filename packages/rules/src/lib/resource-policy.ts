import { analyzeResourcePolicyExposure } from "@guardrail/iam";
import type { TCollectedResource } from "@guardrail/collectors";
import type { TRuleContext } from "../context";
import { fail, pass, unable, type TRuleVerdict } from "../rule";
import { checkDataAvailable } from "./guard";

/** Shared evaluation of "resource policy allows '*' without a restricting condition". */
export function evaluatePublicResourcePolicy(
  resource: TCollectedResource,
  ctx: TRuleContext,
  opts: { policy: unknown; operation: string; field: string; noun: string },
): TRuleVerdict {
  const missing = checkDataAvailable(resource, ctx, { operations: [opts.operation] });
  if (missing) return missing;
  if (typeof opts.policy !== "string" || opts.policy.trim() === "") {
    return pass(`${opts.noun} has no resource policy`, { [opts.field]: null, isPublic: false });
  }
  const exposure = analyzeResourcePolicyExposure(opts.policy, { accountId: resource.accountId });
  if (exposure.parseError) {
    return unable(`${opts.noun} policy unreadable: ${exposure.parseError}`, { [opts.field]: "unparseable" });
  }
  const evidence = {
    [opts.field]: "present",
    isPublic: exposure.isPublic,
    publicStatements: exposure.publicStatements,
  };
  return exposure.isPublic
    ? fail(`${opts.noun} policy allows '*' without a restricting condition`, evidence)
    : pass(`${opts.noun} policy is not public`, evidence);
}
