import { describe, expect, it } from "vitest";
import { evaluate, failed, makeResource, withErrors } from "../../../test/fixtures";
import { guarddutyRegionalEnabledRule as rule } from "./regional-enabled.rule";

const settings = (detectors: unknown[]) => makeResource("AWS::GuardDuty::RegionalSettings", { Detectors: detectors });

describe(rule.id, () => {
  it("passes with an enabled detector", () => expect(evaluate(rule, settings([{ DetectorId: "d", Status: "ENABLED" }])).status).toBe("PASS"));
  it("fails without detectors", () => expect(evaluate(rule, settings([]))).toMatchObject({ status: "FAIL", evidence: { Detectors: [] } }));
  it("fails with a suspended detector", () => {
    expect(evaluate(rule, settings([{ DetectorId: "d", Status: "DISABLED" }]))).toMatchObject({ status: "FAIL", evidence: { Detectors: [{ DetectorId: "d", Status: "DISABLED" }] } });
  });
  it("is unable to evaluate when ListDetectors was denied", () => {
    expect(evaluate(rule, withErrors(settings([]), { ListDetectors: "AccessDeniedException" })).status).toBe("UNABLE_TO_EVALUATE");
  });
  it("is unable to evaluate when the guardduty collection failed", () => {
    expect(evaluate(rule, settings([]), [], { statuses: [failed("guardduty")] }).status).toBe("UNABLE_TO_EVALUATE");
  });
});
