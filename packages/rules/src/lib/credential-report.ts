import type { TCollectedResource } from "@guardrail/collectors";
import type { TRuleContext } from "../context";
import { unable, type TRuleVerdict } from "../rule";
import { checkDataAvailable } from "./guard";
import { asRecord, daysBetween, isTrueCell, parseAwsDate, type TRecord } from "./values";

const CREDENTIAL_REPORT_NEEDS = { operations: ["GenerateCredentialReport", "GetCredentialReport"] } as const;

export interface TAccessKeyState {
  slot: 1 | 2;
  active: boolean;
  lastRotated: string | null;
  lastUsed: string | null;
  ageDays: number | null;
  unusedDays: number | null;
}

/** The user's credential report row, or an UNABLE verdict when it was not collected. */
export function readCredentialReport(
  user: TCollectedResource,
  ctx: TRuleContext,
): TRecord | TRuleVerdict {
  const missing = checkDataAvailable(user, ctx, CREDENTIAL_REPORT_NEEDS);
  if (missing) return missing;
  const report = asRecord(user.configuration.CredentialReport);
  if (!report) return unable("The credential report row of this user was not collected", { CredentialReport: null });
  return report;
}

export function isReportVerdict(value: TRecord | TRuleVerdict): value is TRuleVerdict {
  return typeof value.status === "string" && typeof value.message === "string" && "evidence" in value;
}

/** Both access keys of a credential report row (cached per row: several rules read them). */
export function readAccessKeys(report: TRecord, ctx: TRuleContext): readonly TAccessKeyState[] {
  return ctx.memoFor("access-keys", report, () => parseAccessKeys(report, ctx.now));
}

function parseAccessKeys(report: TRecord, now: Date): TAccessKeyState[] {
  return ([1, 2] as const).map((slot) => {
    const active = isTrueCell(report[`access_key_${slot}_active`]);
    const rotatedRaw = report[`access_key_${slot}_last_rotated`];
    const usedRaw = report[`access_key_${slot}_last_used_date`];
    const rotated = parseAwsDate(rotatedRaw);
    const used = parseAwsDate(usedRaw);
    const reference = used ?? rotated;
    return {
      slot,
      active,
      lastRotated: typeof rotatedRaw === "string" ? rotatedRaw : null,
      lastUsed: typeof usedRaw === "string" ? usedRaw : null,
      ageDays: rotated ? daysBetween(rotated, now) : null,
      unusedDays: reference ? daysBetween(reference, now) : null,
    };
  });
}

/** Days since the console password was last used (or set, or the user created when never used). */
export function passwordUnusedDays(report: TRecord, now: Date): number | null {
  const reference =
    parseAwsDate(report.password_last_used) ??
    parseAwsDate(report.password_last_changed) ??
    parseAwsDate(report.user_creation_time);
  return reference ? daysBetween(reference, now) : null;
}

const EVIDENCE_KEYS = new Map<string, string>();

export function credentialEvidence(report: TRecord, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    let key = EVIDENCE_KEYS.get(f);
    if (!key) EVIDENCE_KEYS.set(f, (key = `CredentialReport.${f}`));
    out[key] = report[f] ?? null;
  }
  return out;
}
