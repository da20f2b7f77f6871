import type { TRuleStatus, TSeverity } from "./rule";

/** Severity weights of the posture score: see SCORING.md. */
export const SEVERITY_WEIGHTS: Readonly<Record<TSeverity, number>> = {
  CRITICAL: 10,
  HIGH: 5,
  MEDIUM: 3,
  LOW: 1,
  INFO: 0,
};

export interface TPostureScore {
  /** 0–100, one decimal. 100 when nothing weighted was evaluated. */
  score: number;
  /** 0–1: evaluated ÷ (evaluated + unable); 1 when there was nothing to evaluate. */
  coverage: number;
  passed: number;
  failed: number;
  unable: number;
}

export function computePostureScore(input: {
  results: Iterable<{ status: TRuleStatus; severity: TSeverity }>;
}): TPostureScore {
  let passed = 0;
  let failed = 0;
  let unable = 0;
  let passedWeight = 0;
  let failedWeight = 0;
  for (const { status, severity } of input.results) {
    const weight = SEVERITY_WEIGHTS[severity];
    if (status === "PASS") {
      passed += 1;
      passedWeight += weight;
    } else if (status === "FAIL") {
      failed += 1;
      failedWeight += weight;
    } else if (status === "UNABLE_TO_EVALUATE") {
      unable += 1;
    }
  }
  const totalWeight = passedWeight + failedWeight;
  const score = totalWeight === 0 ? 100 : Math.round((1000 * passedWeight) / totalWeight) / 10;
  const evaluated = passed + failed;
  const coverage = evaluated + unable === 0 ? 1 : evaluated / (evaluated + unable);
  return { score, coverage, passed, failed, unable };
}
