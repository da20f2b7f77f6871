import { describe, expect, it } from "vitest";
import {
  ALL_BLOCKED,
  accountPublicAccessBlock,
  evaluate,
  policyJson,
  s3Bucket,
  withErrors,
} from "../../../test/fixtures";
import { s3AccountPublicAccessBlockRule } from "./account-public-access-block.rule";
import { s3BucketNotPublicReadRule } from "./bucket-not-public-read.rule";
import { s3BucketNotPublicWriteRule } from "./bucket-not-public-write.rule";
import { s3BucketPublicAccessBlockRule } from "./bucket-public-access-block.rule";

const publicRead = policyJson([{ Sid: "Public", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }]);
const publicWriteAcl = { Owner: { ID: "o" }, Grants: [{ Grantee: { Type: "Group", URI: "http://acs.amazonaws.com/groups/global/AllUsers" }, Permission: "WRITE" }] };
const noAccountBlock = accountPublicAccessBlock(null);

describe(s3AccountPublicAccessBlockRule.id, () => {
  const rule = s3AccountPublicAccessBlockRule;
  it("passes when all flags are on", () => expect(evaluate(rule, accountPublicAccessBlock(ALL_BLOCKED)).status).toBe("PASS"));
  it("fails when not configured", () => {
    expect(evaluate(rule, noAccountBlock)).toMatchObject({ status: "FAIL", evidence: { PublicAccessBlockConfiguration: null } });
  });
  it("is unable to evaluate when GetPublicAccessBlock was denied", () => {
    expect(evaluate(rule, withErrors(noAccountBlock, { GetPublicAccessBlock: "AccessDenied" })).status).toBe("UNABLE_TO_EVALUATE");
  });
});

describe(s3BucketPublicAccessBlockRule.id, () => {
  const rule = s3BucketPublicAccessBlockRule;
  it("passes when all flags are on", () => {
    expect(evaluate(rule, s3Bucket("b", { PublicAccessBlockConfiguration: ALL_BLOCKED })).status).toBe("PASS");
  });
  it("fails when partial", () => {
    const cfg = { ...ALL_BLOCKED, RestrictPublicBuckets: false };
    expect(evaluate(rule, s3Bucket("b", { PublicAccessBlockConfiguration: cfg }))).toMatchObject({ status: "FAIL", evidence: { PublicAccessBlockConfiguration: cfg } });
  });
  it("is unable to evaluate when GetPublicAccessBlock was denied", () => {
    expect(evaluate(rule, withErrors(s3Bucket("b"), { GetPublicAccessBlock: "AccessDenied" })).status).toBe("UNABLE_TO_EVALUATE");
  });
});

describe(s3BucketNotPublicReadRule.id, () => {
  const rule = s3BucketNotPublicReadRule;
  it("fails for a public-read policy with no block", () => {
    const v = evaluate(rule, s3Bucket("b", { Policy: publicRead }), [noAccountBlock]);
    expect(v.status).toBe("FAIL");
    expect(v.evidence.publicReadGrants).toEqual([{ via: "policy", detail: { Sid: "Public", actions: ["s3:GetObject"] } }]);
  });
  it("passes when the account block restricts public buckets", () => {
    const v = evaluate(rule, s3Bucket("b", { Policy: publicRead }), [accountPublicAccessBlock(ALL_BLOCKED)]);
    expect(v).toMatchObject({ status: "PASS", evidence: { publicReadGrants: [] } });
  });
  it("passes when the statement is restricted to the organization", () => {
    const policy = policyJson([{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-1" } } }]);
    expect(evaluate(rule, s3Bucket("b", { Policy: policy }), [noAccountBlock]).status).toBe("PASS");
  });
  it("fails for a public READ ACL grant", () => {
    const acl = { Grants: [{ Grantee: { URI: "http://acs.amazonaws.com/groups/global/AuthenticatedUsers" }, Permission: "READ" }] };
    const v = evaluate(rule, s3Bucket("b", { Acl: acl }), [noAccountBlock]);
    expect(v.evidence.publicReadGrants).toEqual([{ via: "acl", detail: { Grantee: "http://acs.amazonaws.com/groups/global/AuthenticatedUsers", Permission: "READ" } }]);
  });
  it("is unable to evaluate when GetBucketPolicy was denied", () => {
    expect(evaluate(rule, withErrors(s3Bucket("b"), { GetBucketPolicy: "AccessDenied" }), [noAccountBlock]).status).toBe("UNABLE_TO_EVALUATE");
  });
  it("is unable to evaluate when the account block was not collected", () => {
    expect(evaluate(rule, s3Bucket("b")).status).toBe("UNABLE_TO_EVALUATE");
  });
});

describe(s3BucketNotPublicWriteRule.id, () => {
  const rule = s3BucketNotPublicWriteRule;
  it("fails for an AllUsers WRITE grant", () => {
    const v = evaluate(rule, s3Bucket("b", { Acl: publicWriteAcl }), [noAccountBlock]);
    expect(v.status).toBe("FAIL");
    expect(v.evidence.publicWriteGrants).toEqual([{ via: "acl", detail: { Grantee: "http://acs.amazonaws.com/groups/global/AllUsers", Permission: "WRITE" } }]);
  });
  it("passes when IgnorePublicAcls is on at the bucket", () => {
    const v = evaluate(rule, s3Bucket("b", { Acl: publicWriteAcl, PublicAccessBlockConfiguration: { IgnorePublicAcls: true } }), [noAccountBlock]);
    expect(v.status).toBe("PASS");
  });
  it("passes for a public read-only policy", () => {
    expect(evaluate(rule, s3Bucket("b", { Policy: publicRead }), [noAccountBlock]).status).toBe("PASS");
  });
  it("is unable to evaluate when GetBucketAcl was denied", () => {
    expect(evaluate(rule, withErrors(s3Bucket("b"), { GetBucketAcl: "AccessDenied" }), [noAccountBlock]).status).toBe("UNABLE_TO_EVALUATE");
  });
});
