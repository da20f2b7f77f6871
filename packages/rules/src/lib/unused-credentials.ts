import type { TCollectedResource } from "@guardrail/collectors";
import type { TRuleContext } from "../context";
import { fail, pass, type TRuleVerdict } from "../rule";
import {
  credentialEvidence,
  isReportVerdict,
  passwordUnusedDays,
  readAccessKeys,
  readCredentialReport,
} from "./credential-report";
import { isTrueCell } from "./values";

/** Shared evaluation of "credentials unused for N days" (password and active access keys). */
export function evaluateUnusedCredentials(
  user: TCollectedResource,
  ctx: TRuleContext,
  maxDays: number,
): TRuleVerdict {
  const report = readCredentialReport(user, ctx);
  if (isReportVerdict(report)) return report;
  const stale: { credential: string; unusedDays: number }[] = [];
  if (isTrueCell(report.password_enabled)) {
    const days = passwordUnusedDays(report, ctx.now);
    if (days !== null && days > maxDays) stale.push({ credential: "password", unusedDays: days });
  }
  for (const key of readAccessKeys(report, ctx)) {
    if (key.active && key.unusedDays !== null && key.unusedDays > maxDays) {
      stale.push({ credential: `access_key_${key.slot}`, unusedDays: key.unusedDays });
    }
  }
  const evidence = {
    ...credentialEvidence(report, [
      "password_enabled",
      "password_last_used",
      "access_key_1_active",
      "access_key_1_last_used_date",
      "access_key_2_active",
      "access_key_2_last_used_date",
    ]),
    staleCredentials: stale,
  };
  return stale.length > 0
    ? fail(`Credentials unused for more than ${maxDays} days are still enabled`, evidence)
    : pass(`No enabled credential has been unused for more than ${maxDays} days`, evidence);
}
