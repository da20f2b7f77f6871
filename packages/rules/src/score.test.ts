import { describe, expect, it } from "vitest";
import { computePostureScore, SEVERITY_WEIGHTS } from "./score";
import type { TRuleStatus, TSeverity } from "./rule";

const r = (status: TRuleStatus, severity: TSeverity) => ({ status, severity });

describe("computePostureScore", () => {
  it("weights passes and failures by severity", () => {
    // passed: HIGH(5) + LOW(1) = 6; failed: CRITICAL(10) + MEDIUM(3) = 13 → 100 × 6 / 19 = 31.6
    const s = computePostureScore({ results: [r("PASS", "HIGH"), r("PASS", "LOW"), r("FAIL", "CRITICAL"), r("FAIL", "MEDIUM")] });
    expect(s).toEqual({ score: 31.6, coverage: 1, passed: 2, failed: 2, unable: 0 });
  });
  it("excludes NOT_APPLICABLE and UNABLE from the score and reports coverage", () => {
    const s = computePostureScore({
      results: [r("PASS", "HIGH"), r("NOT_APPLICABLE", "CRITICAL"), r("UNABLE_TO_EVALUATE", "CRITICAL"), r("UNABLE_TO_EVALUATE", "LOW"), r("FAIL", "HIGH")],
    });
    expect(s.score).toBe(50);
    expect(s.coverage).toBe(0.5);
    expect(s.unable).toBe(2);
  });
  it("ignores INFO findings in the score (weight 0) but counts them", () => {
    const s = computePostureScore({ results: [r("PASS", "LOW"), r("FAIL", "INFO")] });
    expect(s).toMatchObject({ score: 100, failed: 1 });
  });
  it("is 100 with full coverage when there is nothing to evaluate", () => {
    expect(computePostureScore({ results: [] })).toEqual({ score: 100, coverage: 1, passed: 0, failed: 0, unable: 0 });
  });
  it("is 0 when everything weighted fails", () => {
    expect(computePostureScore({ results: [r("FAIL", "LOW"), r("FAIL", "CRITICAL")] }).score).toBe(0);
  });
  it("has coverage 0 when nothing could be evaluated", () => {
    expect(computePostureScore({ results: [r("UNABLE_TO_EVALUATE", "HIGH")] })).toMatchObject({ score: 100, coverage: 0 });
  });
  it("uses the documented weights", () => {
    expect(SEVERITY_WEIGHTS).toEqual({ CRITICAL: 10, HIGH: 5, MEDIUM: 3, LOW: 1, INFO: 0 });
  });
});
