import {
  computePostureScore,
  type TPostureScore,
  type TRuleStatus,
  type TSeverity,
} from "@guardrail/rules";
import type { TEvaluationCount } from "../findings/apply-evaluation.service";

/**
 * The documented posture score of `@guardrail/rules` (SCORING.md: severity-weighted, 0–100,
 * NOT_APPLICABLE and UNABLE excluded, coverage = evaluated ÷ (evaluated + unable)) over the
 * per-rule counts of an evaluation.
 */
export function scoreEvaluationCounts(counts: Iterable<TEvaluationCount>): TPostureScore {
  return computePostureScore({ results: expandCounts(counts) });
}

function* expandCounts(
  counts: Iterable<TEvaluationCount>,
): Generator<{ status: TRuleStatus; severity: TSeverity }> {
  for (const c of counts) {
    for (let i = 0; i < c.pass; i++) yield { status: "PASS", severity: c.severity };
    for (let i = 0; i < c.fail; i++) yield { status: "FAIL", severity: c.severity };
    for (let i = 0; i < c.unable; i++) yield { status: "UNABLE_TO_EVALUATE", severity: c.severity };
  }
}

/**
 * A score over several scopes (accounts of an OU, a business unit, the tenant) from their own
 * scores: the mean weighted by evaluated (PASS + FAIL) results; coverage likewise over all
 * results. Exact severity weights per scope would need per-rule counts per account, which no
 * table stores yet (see the RuleEvaluationCount schema request).
 */
export function combineScores(
  parts: Iterable<{ score: number; passCount: number; failCount: number; unableCount: number }>,
): { score: number; coverage: number } {
  let weighted = 0;
  let evaluated = 0;
  let unable = 0;
  for (const p of parts) {
    const n = p.passCount + p.failCount;
    weighted += p.score * n;
    evaluated += n;
    unable += p.unableCount;
  }
  const score = evaluated === 0 ? 100 : Math.round((10 * weighted) / evaluated) / 10;
  const coverage = evaluated + unable === 0 ? 1 : evaluated / (evaluated + unable);
  return { score, coverage };
}
