import { describe, expect, it } from "vitest";
import { ACCOUNT, accountSettings, evaluate, failed, makeResource, withErrors } from "../../../test/fixtures";
import { cloudtrailAccountMultiRegionTrailRule } from "./account-multi-region-trail.rule";
import { cloudtrailTrailKmsEncryptedRule } from "./trail-kms-encrypted.rule";
import { cloudtrailTrailLogFileValidationRule } from "./trail-log-file-validation.rule";
import { cloudtrailTrailLoggingRule } from "./trail-logging.rule";

const trail = (over: Record<string, unknown> = {}) =>
  makeResource(
    "AWS::CloudTrail::Trail",
    { Name: "main", IsMultiRegionTrail: true, LogFileValidationEnabled: true, KmsKeyId: "arn:aws:kms:us-east-1:111122223333:key/k", HomeRegion: "us-east-1", Status: { IsLogging: true }, ...over },
    { resourceId: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/main` },
  );

describe(cloudtrailAccountMultiRegionTrailRule.id, () => {
  const rule = cloudtrailAccountMultiRegionTrailRule;
  it("passes with a logging multi-region trail", () => {
    const v = evaluate(rule, accountSettings(), [trail()]);
    expect(v).toMatchObject({ status: "PASS", evidence: { multiRegionTrails: [{ IsLogging: true, HomeRegion: "us-east-1" }] } });
  });
  it("fails with only a single-region trail", () => {
    const v = evaluate(rule, accountSettings(), [trail({ IsMultiRegionTrail: false })]);
    expect(v).toMatchObject({ status: "FAIL", evidence: { multiRegionTrails: [] } });
  });
  it("is unable to evaluate when a region's cloudtrail collection failed", () => {
    const v = evaluate(rule, accountSettings(), [trail({ IsMultiRegionTrail: false })], { statuses: [failed("cloudtrail", "eu-west-1")] });
    expect(v.status).toBe("UNABLE_TO_EVALUATE");
  });
  it("is unable to evaluate when cloudtrail was never collected", () => {
    expect(evaluate(rule, accountSettings()).status).toBe("UNABLE_TO_EVALUATE");
  });
});

describe.each([
  { rule: cloudtrailTrailLogFileValidationRule, bad: { LogFileValidationEnabled: false } },
  { rule: cloudtrailTrailKmsEncryptedRule, bad: { KmsKeyId: undefined } },
])("$rule.id", ({ rule, bad }) => {
  it("passes on a good trail", () => expect(evaluate(rule, trail()).status).toBe("PASS"));
  it("fails on a bad trail", () => {
    const v = evaluate(rule, trail(bad));
    expect(v.status).toBe("FAIL");
    expect(v.evidence.TrailARN).toBe(`arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/main`);
  });
  it("is unable to evaluate when the collection failed", () => {
    expect(evaluate(rule, trail(bad), [], { statuses: [failed("cloudtrail")] }).status).toBe("UNABLE_TO_EVALUATE");
  });
});

describe(cloudtrailTrailLoggingRule.id, () => {
  const rule = cloudtrailTrailLoggingRule;
  it("passes when logging", () => expect(evaluate(rule, trail()).status).toBe("PASS"));
  it("fails when stopped", () => {
    expect(evaluate(rule, trail({ Status: { IsLogging: false } }))).toMatchObject({ status: "FAIL", evidence: { "Status.IsLogging": false } });
  });
  it("is unable to evaluate when GetTrailStatus was denied", () => {
    expect(evaluate(rule, withErrors(trail({ Status: null }), { GetTrailStatus: "AccessDeniedException" })).status).toBe("UNABLE_TO_EVALUATE");
  });
});
