import { describe, expect, it } from "vitest";
import { evaluate, failed, policyJson, s3Bucket, withErrors } from "../../../test/fixtures";
import { s3BucketAccessLoggingRule } from "./bucket-access-logging.rule";
import { s3BucketDefaultEncryptionRule } from "./bucket-default-encryption.rule";
import { s3BucketDenyInsecureTransportRule } from "./bucket-deny-insecure-transport.rule";
import { s3BucketKmsEncryptionRule } from "./bucket-kms-encryption.rule";
import { s3BucketLifecycleConfiguredRule } from "./bucket-lifecycle-configured.rule";
import { s3BucketPolicyPerimeterConditionRule } from "./bucket-policy-perimeter-condition.rule";
import { s3BucketVersioningRule } from "./bucket-versioning.rule";

const tlsDeny = { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], Condition: { Bool: { "aws:SecureTransport": "false" } } };
const sse = (alg: string) => ({ Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: alg, ...(alg === "aws:kms" ? { KMSMasterKeyID: "arn:aws:kms:us-east-1:111122223333:key/k" } : {}) } }] });
const s3Failed = { statuses: [failed("s3")] };

describe(s3BucketDenyInsecureTransportRule.id, () => {
  const rule = s3BucketDenyInsecureTransportRule;
  it("passes with a SecureTransport deny", () => {
    expect(evaluate(rule, s3Bucket("b", { Policy: policyJson([tlsDeny]) }))).toMatchObject({ status: "PASS", evidence: { deniesInsecureTransport: true } });
  });
  it("fails without a policy", () => {
    expect(evaluate(rule, s3Bucket("b"))).toMatchObject({ status: "FAIL", evidence: { Policy: null } });
  });
  it("is unable to evaluate when GetBucketPolicy was denied", () => {
    expect(evaluate(rule, withErrors(s3Bucket("b"), { GetBucketPolicy: "AccessDenied" })).status).toBe("UNABLE_TO_EVALUATE");
  });
});

describe(s3BucketDefaultEncryptionRule.id, () => {
  const rule = s3BucketDefaultEncryptionRule;
  it("passes with SSE-S3", () => {
    expect(evaluate(rule, s3Bucket("b", { ServerSideEncryptionConfiguration: sse("AES256") }))).toMatchObject({
      status: "PASS",
      evidence: { "ServerSideEncryptionConfiguration.Rules[].SSEAlgorithm": ["AES256"] },
    });
  });
  it("fails without configuration", () => expect(evaluate(rule, s3Bucket("b")).status).toBe("FAIL"));
  it("is unable to evaluate when GetBucketEncryption was denied", () => {
    expect(evaluate(rule, withErrors(s3Bucket("b"), { GetBucketEncryption: "AccessDenied" })).status).toBe("UNABLE_TO_EVALUATE");
  });
});

describe(s3BucketKmsEncryptionRule.id, () => {
  const rule = s3BucketKmsEncryptionRule;
  const tagged = (cfg: Record<string, unknown>) => {
    const b = s3Bucket("b", cfg);
    return { ...b, tags: { DataClassification: "Confidential" } };
  };
  it("fails for a confidential bucket with SSE-S3", () => {
    const v = evaluate(rule, tagged({ ServerSideEncryptionConfiguration: sse("AES256") }));
    expect(v).toMatchObject({ status: "FAIL", evidence: { classificationTag: { DataClassification: "Confidential" } } });
  });
  it("passes with SSE-KMS", () => {
    expect(evaluate(rule, tagged({ ServerSideEncryptionConfiguration: sse("aws:kms") })).status).toBe("PASS");
  });
  it("is not applicable to untagged buckets", () => expect(evaluate(rule, s3Bucket("b")).status).toBe("NOT_APPLICABLE"));
  it("is unable to evaluate when GetBucketEncryption was denied", () => {
    expect(evaluate(rule, withErrors(tagged({}), { GetBucketEncryption: "AccessDenied" })).status).toBe("UNABLE_TO_EVALUATE");
  });
});

describe(s3BucketVersioningRule.id, () => {
  const rule = s3BucketVersioningRule;
  it("passes when Enabled", () => expect(evaluate(rule, s3Bucket("b", { Versioning: { Status: "Enabled" } })).status).toBe("PASS"));
  it("fails when Suspended", () => {
    expect(evaluate(rule, s3Bucket("b", { Versioning: { Status: "Suspended" } }))).toMatchObject({ status: "FAIL", evidence: { "Versioning.Status": "Suspended" } });
  });
  it("is unable to evaluate when the s3 collection failed", () => expect(evaluate(rule, s3Bucket("b"), [], s3Failed).status).toBe("UNABLE_TO_EVALUATE"));
});

describe(s3BucketAccessLoggingRule.id, () => {
  const rule = s3BucketAccessLoggingRule;
  it("passes with logging", () => {
    expect(evaluate(rule, s3Bucket("b", { LoggingEnabled: { TargetBucket: "logs", TargetPrefix: "b/" } }))).toMatchObject({
      status: "PASS",
      evidence: { "LoggingEnabled.TargetBucket": "logs" },
    });
  });
  it("fails without", () => expect(evaluate(rule, s3Bucket("b")).status).toBe("FAIL"));
  it("is unable to evaluate when GetBucketLogging was denied", () => {
    expect(evaluate(rule, withErrors(s3Bucket("b"), { GetBucketLogging: "AccessDenied" })).status).toBe("UNABLE_TO_EVALUATE");
  });
});

describe(s3BucketLifecycleConfiguredRule.id, () => {
  const rule = s3BucketLifecycleConfiguredRule;
  it("passes with an enabled rule", () => {
    expect(evaluate(rule, s3Bucket("b", { LifecycleRules: [{ ID: "r", Status: "Enabled" }] }))).toMatchObject({ status: "PASS", evidence: { enabledRuleIds: ["r"] } });
  });
  it("fails with only disabled rules", () => {
    expect(evaluate(rule, s3Bucket("b", { LifecycleRules: [{ ID: "r", Status: "Disabled" }] })).status).toBe("FAIL");
  });
  it("is unable to evaluate when the s3 collection failed", () => expect(evaluate(rule, s3Bucket("b"), [], s3Failed).status).toBe("UNABLE_TO_EVALUATE"));
});

describe(s3BucketPolicyPerimeterConditionRule.id, () => {
  const rule = s3BucketPolicyPerimeterConditionRule;
  it("passes with an aws:PrincipalOrgID condition", () => {
    const p = policyJson([{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*", Condition: { StringNotEqualsIfExists: { "aws:PrincipalOrgID": "o-1" } } }]);
    expect(evaluate(rule, s3Bucket("b", { Policy: p }))).toMatchObject({ status: "PASS", evidence: { hasOrganizationOrAccountCondition: true } });
  });
  it("fails for a policy without one", () => {
    expect(evaluate(rule, s3Bucket("b", { Policy: policyJson([tlsDeny]) }))).toMatchObject({ status: "FAIL", evidence: { hasOrganizationOrAccountCondition: false } });
  });
  it("is unable to evaluate when GetBucketPolicy was denied", () => {
    expect(evaluate(rule, withErrors(s3Bucket("b"), { GetBucketPolicy: "AccessDenied" })).status).toBe("UNABLE_TO_EVALUATE");
  });
});

describe("global s3 collection", () => {
  it("a FAILED global s3 collection makes bucket rules unable to evaluate", () => {
    const v = evaluate(s3BucketVersioningRule, s3Bucket("b", { Versioning: { Status: "Enabled" } }), [], { statuses: [failed("s3", "global")] });
    expect(v).toMatchObject({ status: "UNABLE_TO_EVALUATE", evidence: { collection: { service: "s3", region: "global", status: "FAILED" } } });
  });
});
