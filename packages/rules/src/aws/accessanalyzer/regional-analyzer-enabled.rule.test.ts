import { describe, expect, it } from "vitest";
import { evaluate, failed, makeResource } from "../../../test/fixtures";
import { accessanalyzerRegionalAnalyzerEnabledRule as rule } from "./regional-analyzer-enabled.rule";

const settings = (analyzers: unknown[]) => makeResource("AWS::AccessAnalyzer::RegionalSettings", { Analyzers: analyzers });

describe(rule.id, () => {
  it("passes with an active account analyzer", () => {
    expect(evaluate(rule, settings([{ name: "a", type: "ACCOUNT", status: "ACTIVE" }])).status).toBe("PASS");
  });
  it("fails with only an unused-access analyzer", () => {
    const v = evaluate(rule, settings([{ name: "u", type: "ACCOUNT_UNUSED_ACCESS", status: "ACTIVE" }]));
    expect(v).toMatchObject({ status: "FAIL", evidence: { Analyzers: [{ name: "u", type: "ACCOUNT_UNUSED_ACCESS", status: "ACTIVE" }] } });
  });
  it("is unable to evaluate when the collection failed", () => {
    expect(evaluate(rule, settings([]), [], { statuses: [failed("accessanalyzer")] }).status).toBe("UNABLE_TO_EVALUATE");
  });
});
