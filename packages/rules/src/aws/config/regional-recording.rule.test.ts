import { describe, expect, it } from "vitest";
import { evaluate, makeResource, withErrors } from "../../../test/fixtures";
import { configRegionalRecordingRule as rule } from "./regional-recording.rule";

const settings = (recording: boolean) =>
  makeResource("AWS::Config::RegionalSettings", {
    ConfigurationRecorders: [{ name: "default", recordingGroup: { allSupported: true } }],
    ConfigurationRecordersStatus: [{ name: "default", recording, lastStatus: "SUCCESS" }],
  });

describe(rule.id, () => {
  it("passes when recording", () => expect(evaluate(rule, settings(true)).status).toBe("PASS"));
  it("fails when stopped", () => {
    expect(evaluate(rule, settings(false))).toMatchObject({ status: "FAIL", evidence: { recorders: [{ name: "default", recording: false }] } });
  });
  it("fails without a recorder", () => {
    const v = evaluate(rule, makeResource("AWS::Config::RegionalSettings", { ConfigurationRecorders: [], ConfigurationRecordersStatus: [] }));
    expect(v).toMatchObject({ status: "FAIL", evidence: { recorders: [] } });
  });
  it("is unable to evaluate when DescribeConfigurationRecorders was denied", () => {
    expect(evaluate(rule, withErrors(settings(false), { DescribeConfigurationRecorders: "AccessDeniedException" })).status).toBe("UNABLE_TO_EVALUATE");
  });
});
