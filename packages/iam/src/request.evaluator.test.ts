import { describe, expect, it } from "vitest";
import {
  createPrincipalEvaluator,
  evaluateRequest,
  type TEvaluationInput,
} from "./request.evaluator";

const A = "111111111111";
const B = "222222222222";
const alice = { arn: `arn:aws:iam::${A}:user/alice`, accountId: A };
const bucket = { arn: "arn:aws:s3:::data-bucket/report.csv", accountId: A };

function doc(...statements: Record<string, unknown>[]) {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}
const allowAll = doc({ Effect: "Allow", Action: "*", Resource: "*" });
const allowS3 = {
  name: "S3Read",
  arn: `arn:aws:iam::${A}:policy/S3Read`,
  document: doc({
    Sid: "Read",
    Effect: "Allow",
    Action: "s3:GetObject",
    Resource: "arn:aws:s3:::data-bucket/*",
  }),
};

function evaluate(partial: Partial<TEvaluationInput>) {
  return evaluateRequest({
    principal: alice,
    action: "s3:GetObject",
    resource: bucket,
    ...partial,
  });
}

describe("evaluateRequest: identity policies", () => {
  it("allows with a matching identity statement and explains it", () => {
    const result = evaluate({ identityPolicies: [allowS3] });
    expect(result.decision).toBe("ALLOWED");
    expect(result.explanations).toEqual([
      {
        policyType: "identity",
        policyName: "S3Read",
        policyArn: allowS3.arn,
        sid: "Read",
        statementIndex: 0,
        effect: "Allow",
        conditional: false,
      },
    ]);
  });

  it("denies implicitly without a matching statement", () => {
    expect(evaluate({ identityPolicies: [allowS3], action: "s3:PutObject" })).toMatchObject({
      decision: "DENIED",
      reason: "IMPLICIT_DENY",
    });
    expect(evaluate({})).toMatchObject({ decision: "DENIED", reason: "IMPLICIT_DENY" });
  });

  it("matches actions case-insensitively and resources case-sensitively", () => {
    expect(evaluate({ identityPolicies: [allowS3], action: "S3:getobject" }).decision).toBe(
      "ALLOWED",
    );
    expect(
      evaluate({
        identityPolicies: [allowS3],
        resource: { arn: "arn:aws:s3:::DATA-bucket/x", accountId: A },
      }).decision,
    ).toBe("DENIED");
  });

  it("lets an explicit deny win, in the same or another policy, including NotAction denies", () => {
    const sameDoc = doc(
      { Effect: "Allow", Action: "s3:*", Resource: "*" },
      { Sid: "No", Effect: "Deny", Action: "s3:GetObject", Resource: "*" },
    );
    const same = evaluate({ identityPolicies: [{ name: "p", document: sameDoc }] });
    expect(same).toMatchObject({ decision: "DENIED", reason: "EXPLICIT_DENY" });
    expect(same.explanations[0]).toMatchObject({ policyName: "p", sid: "No", effect: "Deny" });
    const notAction = doc({ Effect: "Deny", NotAction: "ec2:*", Resource: "*" });
    expect(evaluate({ identityPolicies: [allowAll, notAction] }).decision).toBe("DENIED");
    expect(
      evaluate({
        identityPolicies: [allowAll, notAction],
        action: "ec2:RunInstances",
        resource: { arn: "*" },
      }).decision,
    ).toBe("ALLOWED");
  });

  it("handles NotResource and policy variables in resources", () => {
    const notResource = doc({
      Effect: "Allow",
      Action: "s3:GetObject",
      NotResource: "arn:aws:s3:::secret/*",
    });
    expect(evaluate({ identityPolicies: [notResource] }).decision).toBe("ALLOWED");
    expect(
      evaluate({
        identityPolicies: [notResource],
        resource: { arn: "arn:aws:s3:::secret/k", accountId: A },
      }).decision,
    ).toBe("DENIED");
    const home = doc({
      Effect: "Allow",
      Action: "s3:GetObject",
      Resource: "arn:aws:s3:::home/${aws:username}/*",
    });
    expect(
      evaluate({
        identityPolicies: [home],
        resource: { arn: "arn:aws:s3:::home/alice/a", accountId: A },
      }).decision,
    ).toBe("ALLOWED");
    expect(
      evaluate({
        identityPolicies: [home],
        resource: { arn: "arn:aws:s3:::home/bob/a", accountId: A },
      }).decision,
    ).toBe("DENIED");
  });

  it("treats ${*} in a resource as a literal asterisk", () => {
    const literal = doc({
      Effect: "Allow",
      Action: "s3:GetObject",
      Resource: "arn:aws:s3:::b/${*}",
    });
    expect(
      evaluate({
        identityPolicies: [literal],
        resource: { arn: "arn:aws:s3:::b/*", accountId: A },
        resourceMatch: "all",
      }).decision,
    ).toBe("DENIED");
    expect(
      evaluate({ identityPolicies: [literal], resource: { arn: "arn:aws:s3:::b/x", accountId: A } })
        .decision,
    ).toBe("DENIED");
  });

  it("reads wildcard resources as 'some resource' (any) or 'every resource' (all)", () => {
    const target = { arn: "arn:aws:s3:::*/*", accountId: A };
    expect(evaluate({ identityPolicies: [allowS3], resource: target }).decision).toBe("ALLOWED");
    expect(
      evaluate({ identityPolicies: [allowS3], resource: target, resourceMatch: "all" }).decision,
    ).toBe("DENIED");
    const denySecret = doc({
      Effect: "Deny",
      Action: "s3:GetObject",
      Resource: "arn:aws:s3:::secret/*",
    });
    expect(
      evaluate({ identityPolicies: [allowAll, denySecret], resource: target, resourceMatch: "all" })
        .decision,
    ).toBe("DENIED");
    expect(evaluate({ identityPolicies: [allowAll, denySecret], resource: target }).decision).toBe(
      "ALLOWED",
    );
  });
});

describe("evaluateRequest: conditions are three-valued", () => {
  it("is CONDITIONAL on keys it cannot know and lists them", () => {
    const ip = doc({
      Effect: "Allow",
      Action: "s3:GetObject",
      Resource: "*",
      Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } },
    });
    const result = evaluate({ identityPolicies: [ip] });
    expect(result).toMatchObject({
      decision: "CONDITIONAL",
      unresolvedConditions: ["aws:SourceIp"],
    });
    expect(result.explanations[0]?.conditional).toBe(true);
    expect(
      evaluate({ identityPolicies: [ip], context: { "aws:SourceIp": "10.1.2.3" } }).decision,
    ).toBe("ALLOWED");
    expect(
      evaluate({ identityPolicies: [ip], context: { "aws:SourceIp": "192.0.2.1" } }).decision,
    ).toBe("DENIED");
  });

  it("is CONDITIONAL when a deny might apply (MFA at request time)", () => {
    const mfa = doc({
      Effect: "Deny",
      Action: "*",
      Resource: "*",
      Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
    });
    expect(evaluate({ identityPolicies: [allowAll, mfa] }).decision).toBe("CONDITIONAL");
    expect(
      evaluate({
        identityPolicies: [allowAll, mfa],
        context: { "aws:MultiFactorAuthPresent": true },
      }).decision,
    ).toBe("ALLOWED");
  });

  it("decides principal keys, dates and sts:ExternalId from the data", () => {
    const org = doc({
      Effect: "Allow",
      Action: "s3:GetObject",
      Resource: "*",
      Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc" } },
    });
    expect(
      evaluate({ identityPolicies: [org], principal: { ...alice, organizationId: "o-abc" } })
        .decision,
    ).toBe("ALLOWED");
    expect(
      evaluate({ identityPolicies: [org], principal: { ...alice, organizationId: "o-zzz" } })
        .decision,
    ).toBe("DENIED");
    const expired = doc({
      Effect: "Allow",
      Action: "*",
      Resource: "*",
      Condition: { DateLessThan: { "aws:CurrentTime": "2020-01-01T00:00:00Z" } },
    });
    expect(
      evaluate({ identityPolicies: [expired], now: new Date("2026-11-23T00:00:00Z") }).decision,
    ).toBe("DENIED");
    expect(
      evaluate({ identityPolicies: [expired], now: new Date("2019-11-23T00:00:00Z") }).decision,
    ).toBe("ALLOWED");
    const account = doc({
      Effect: "Allow",
      Action: "*",
      Resource: "*",
      Condition: { StringEquals: { "aws:PrincipalAccount": B } },
    });
    expect(evaluate({ identityPolicies: [account] }).decision).toBe("DENIED");
  });

  it("treats missing keys as absent when the context is complete", () => {
    const tls = doc({
      Effect: "Allow",
      Action: "*",
      Resource: "*",
      Condition: { Bool: { "aws:SecureTransport": "true" } },
    });
    expect(evaluate({ identityPolicies: [tls], contextIsComplete: true }).decision).toBe("DENIED");
    expect(
      evaluate({ identityPolicies: [tls], context: { "aws:SecureTransport": true } }).decision,
    ).toBe("ALLOWED");
  });
});

describe("evaluateRequest: boundaries, session policies, SCPs, RCPs", () => {
  it("limits with a permissions boundary and a session policy", () => {
    const boundary = doc({ Effect: "Allow", Action: "ec2:*", Resource: "*" });
    expect(evaluate({ identityPolicies: [allowAll], permissionsBoundary: boundary })).toMatchObject(
      { decision: "DENIED", reason: "BOUNDARY" },
    );
    expect(evaluate({ identityPolicies: [allowAll], sessionPolicy: boundary })).toMatchObject({
      decision: "DENIED",
      reason: "SESSION_POLICY",
    });
    expect(
      evaluate({
        identityPolicies: [allowAll],
        permissionsBoundary: allowAll,
        sessionPolicy: allowAll,
      }).decision,
    ).toBe("ALLOWED");
  });

  it("requires an allow at every SCP level", () => {
    const full = doc({ Effect: "Allow", Action: "*", Resource: "*" });
    const ec2Only = doc({ Effect: "Allow", Action: "ec2:*", Resource: "*" });
    expect(evaluate({ identityPolicies: [allowAll], scps: [[full], [full]] }).decision).toBe(
      "ALLOWED",
    );
    expect(
      evaluate({ identityPolicies: [allowAll], scps: [[full], [ec2Only], [full]] }),
    ).toMatchObject({ decision: "DENIED", reason: "SCP_DENY", scpLevelWithoutAllow: 1 });
    const denyS3 = doc({ Sid: "NoS3", Effect: "Deny", Action: "s3:*", Resource: "*" });
    const denied = evaluate({ identityPolicies: [allowAll], scps: [[full, denyS3]] });
    expect(denied).toMatchObject({ decision: "DENIED", reason: "SCP_DENY" });
    expect(denied.explanations[0]).toMatchObject({ policyType: "scp", level: 0, sid: "NoS3" });
  });

  it("does not apply SCPs to the management account or service-linked roles", () => {
    const ec2Only = doc({ Effect: "Allow", Action: "ec2:*", Resource: "*" });
    expect(
      evaluate({ identityPolicies: [allowAll], scps: [[ec2Only]], isManagementAccount: true })
        .decision,
    ).toBe("ALLOWED");
    expect(
      evaluate({
        identityPolicies: [allowAll],
        scps: [[ec2Only]],
        principal: { ...alice, isServiceLinkedRole: true },
      }).decision,
    ).toBe("ALLOWED");
  });

  it("applies RCP denies for the services they cover", () => {
    const rcp = doc({
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: "*",
      Condition: { StringNotEqualsIfExists: { "aws:PrincipalOrgID": "o-abc" } },
    });
    const outsider = { ...alice, organizationId: "o-other" };
    expect(
      evaluate({ identityPolicies: [allowAll], rcps: [[rcp]], principal: outsider }),
    ).toMatchObject({ decision: "DENIED", reason: "RCP_DENY" });
    expect(
      evaluate({
        identityPolicies: [allowAll],
        rcps: [[rcp]],
        principal: { ...alice, organizationId: "o-abc" },
      }).decision,
    ).toBe("ALLOWED");
    expect(
      evaluate({
        identityPolicies: [allowAll],
        rcps: [[rcp]],
        principal: outsider,
        resourceAccountIsManagement: true,
      }).decision,
    ).toBe("ALLOWED");
  });
});

describe("evaluateRequest: resource policies", () => {
  const bobInB = { arn: `arn:aws:iam::${B}:user/bob`, accountId: B };
  const bucketPolicy = doc({
    Sid: "Partner",
    Effect: "Allow",
    Principal: { AWS: `arn:aws:iam::${B}:root` },
    Action: "s3:GetObject",
    Resource: "arn:aws:s3:::data-bucket/*",
  });

  it("cross-account: the resource policy alone is not enough, both sides are needed", () => {
    const resource = { ...bucket, policy: bucketPolicy };
    expect(evaluate({ principal: bobInB, resource })).toMatchObject({
      decision: "DENIED",
      reason: "IMPLICIT_DENY",
    });
    expect(
      evaluate({ principal: bobInB, resource: bucket, identityPolicies: [allowAll] }),
    ).toMatchObject({ decision: "DENIED", reason: "RESOURCE_POLICY" });
    const both = evaluate({ principal: bobInB, resource, identityPolicies: [allowAll] });
    expect(both.decision).toBe("ALLOWED");
    expect(both.explanations.map((e) => e.policyType)).toEqual(["identity", "resource"]);
  });

  it("same account: a resource policy naming the principal is enough", () => {
    const policy = doc({
      Effect: "Allow",
      Principal: { AWS: alice.arn },
      Action: "s3:GetObject",
      Resource: "arn:aws:s3:::data-bucket/*",
    });
    expect(evaluate({ resource: { ...bucket, policy } }).decision).toBe("ALLOWED");
    const boundary = doc({ Effect: "Allow", Action: "ec2:*", Resource: "*" });
    expect(
      evaluate({ resource: { ...bucket, policy }, permissionsBoundary: boundary }).decision,
    ).toBe("ALLOWED");
    const deny = doc({
      Effect: "Deny",
      NotPrincipal: { AWS: `arn:aws:iam::${A}:user/admin` },
      Action: "s3:*",
      Resource: "*",
    });
    expect(
      evaluate({ identityPolicies: [allowAll], resource: { ...bucket, policy: deny } }).decision,
    ).toBe("DENIED");
  });

  it("role trust policies must allow explicitly", () => {
    const role = { arn: `arn:aws:iam::${A}:role/target`, kind: "role-trust" as const };
    const assume = doc({ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" });
    const trustsService = doc({
      Effect: "Allow",
      Principal: { Service: "ec2.amazonaws.com" },
      Action: "sts:AssumeRole",
    });
    expect(
      evaluate({
        action: "sts:AssumeRole",
        identityPolicies: [assume],
        resource: { ...role, policy: trustsService },
      }),
    ).toMatchObject({ decision: "DENIED", reason: "RESOURCE_POLICY" });
    const trustsAlice = doc({
      Effect: "Allow",
      Principal: { AWS: alice.arn },
      Action: "sts:AssumeRole",
    });
    expect(
      evaluate({ action: "sts:AssumeRole", resource: { ...role, policy: trustsAlice } }).decision,
    ).toBe("ALLOWED");
    const trustsAccount = doc({ Effect: "Allow", Principal: { AWS: A }, Action: "sts:AssumeRole" });
    expect(
      evaluate({ action: "sts:AssumeRole", resource: { ...role, policy: trustsAccount } }).decision,
    ).toBe("DENIED");
    expect(
      evaluate({
        action: "sts:AssumeRole",
        identityPolicies: [assume],
        resource: { ...role, policy: trustsAccount },
      }).decision,
    ).toBe("ALLOWED");
    const externalId = doc({
      Effect: "Allow",
      Principal: { AWS: A },
      Action: "sts:AssumeRole",
      Condition: { StringEquals: { "sts:ExternalId": "s3cr3t" } },
    });
    const withId = {
      action: "sts:AssumeRole",
      identityPolicies: [assume],
      resource: { ...role, policy: externalId },
    };
    expect(evaluate({ ...withId, context: { "sts:ExternalId": "s3cr3t" } }).decision).toBe(
      "ALLOWED",
    );
    expect(evaluate({ ...withId, context: { "sts:ExternalId": "guess" } }).decision).toBe("DENIED");
  });

  it("KMS key policies must allow explicitly (identity policies need the key policy's delegation)", () => {
    const key = { arn: `arn:aws:kms:us-east-1:${A}:key/1234`, kind: "kms-key" as const };
    const kmsAll = doc({ Effect: "Allow", Action: "kms:*", Resource: "*" });
    const onlyAdmin = doc({
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${A}:role/KeyAdmin` },
      Action: "kms:*",
      Resource: "*",
    });
    expect(
      evaluate({
        action: "kms:Decrypt",
        identityPolicies: [kmsAll],
        resource: { ...key, policy: onlyAdmin },
      }),
    ).toMatchObject({ decision: "DENIED", reason: "RESOURCE_POLICY" });
    const delegates = doc({
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${A}:root` },
      Action: "kms:*",
      Resource: "*",
    });
    expect(
      evaluate({
        action: "kms:Decrypt",
        identityPolicies: [kmsAll],
        resource: { ...key, policy: delegates },
      }).decision,
    ).toBe("ALLOWED");
    expect(
      evaluate({ action: "kms:Decrypt", resource: { ...key, policy: delegates } }).decision,
    ).toBe("DENIED");
  });

  it("reports unreadable policies as warnings instead of failing", () => {
    const result = evaluate({
      identityPolicies: [{ name: "broken", document: "%7Bnope" }, allowS3],
    });
    expect(result.decision).toBe("ALLOWED");
    expect(result.warnings[0]).toMatch(/^broken:/);
  });

  it("accepts URL-encoded documents", () => {
    expect(evaluate({ identityPolicies: [encodeURIComponent(allowAll)] }).decision).toBe("ALLOWED");
  });
});

describe("evaluateRequest: assume-role chains", () => {
  it("builds a three-role same-account chain from trust policies alone", () => {
    const roles = ["first", "second", "third"].map((name) => `arn:aws:iam::${A}:role/${name}`);
    const trustOf = (trusted: string) =>
      doc({ Effect: "Allow", Principal: { AWS: trusted }, Action: "sts:AssumeRole" });
    const trust = new Map([
      [roles[1], trustOf(roles[0] as string)],
      [roles[2], trustOf(roles[1] as string)],
    ]);
    const canAssume = (from: string, to: string) =>
      evaluateRequest({
        principal: { arn: from, accountId: A },
        action: "sts:AssumeRole",
        resource: { arn: to, kind: "role-trust", policy: trust.get(to) ?? null },
      }).decision;
    expect(canAssume(roles[0] as string, roles[1] as string)).toBe("ALLOWED");
    expect(canAssume(roles[1] as string, roles[2] as string)).toBe("ALLOWED");
    expect(canAssume(roles[0] as string, roles[2] as string)).toBe("DENIED");
    expect(canAssume(roles[2] as string, roles[0] as string)).toBe("DENIED");
  });

  it("needs the caller's identity side for a cross-account role trusting the account", () => {
    const target = {
      arn: `arn:aws:iam::${B}:role/vendor`,
      kind: "role-trust" as const,
      policy: doc({ Effect: "Allow", Principal: { AWS: A }, Action: "sts:AssumeRole" }),
    };
    expect(evaluate({ action: "sts:AssumeRole", resource: target }).decision).toBe("DENIED");
    const assume = doc({
      Effect: "Allow",
      Action: "sts:AssumeRole",
      Resource: `arn:aws:iam::${B}:role/*`,
    });
    expect(
      evaluate({ action: "sts:AssumeRole", resource: target, identityPolicies: [assume] }).decision,
    ).toBe("ALLOWED");
  });
});

describe("evaluateRequest: service principals", () => {
  it("lets the trust policy alone decide for a service, with its conditions", () => {
    const trust = doc({
      Effect: "Allow",
      Principal: { Service: "lambda.amazonaws.com" },
      Action: "sts:AssumeRole",
      Condition: { StringEquals: { "aws:SourceAccount": A } },
    });
    const role = { arn: `arn:aws:iam::${A}:role/fn`, kind: "role-trust" as const, policy: trust };
    const lambda = { arn: "lambda.amazonaws.com", kind: "Service" as const };
    expect(
      evaluateRequest({
        principal: lambda,
        action: "sts:AssumeRole",
        resource: role,
        context: { "aws:SourceAccount": A },
      }).decision,
    ).toBe("ALLOWED");
    expect(
      evaluateRequest({
        principal: lambda,
        action: "sts:AssumeRole",
        resource: role,
        context: { "aws:SourceAccount": B },
      }).decision,
    ).toBe("DENIED");
    expect(
      evaluateRequest({ principal: lambda, action: "sts:AssumeRole", resource: role }).decision,
    ).toBe("CONDITIONAL");
    const ec2 = { arn: "ec2.amazonaws.com", kind: "Service" as const };
    expect(
      evaluateRequest({ principal: ec2, action: "sts:AssumeRole", resource: role }),
    ).toMatchObject({ decision: "DENIED", reason: "RESOURCE_POLICY" });
  });
});

describe("createPrincipalEvaluator", () => {
  it("answers many requests for one prepared principal", () => {
    const evaluator = createPrincipalEvaluator({
      principal: alice,
      identityPolicies: [allowS3],
      context: { "aws:SourceIp": "10.0.0.1" },
    });
    expect(evaluator.evaluate({ action: "s3:GetObject", resource: bucket }).decision).toBe(
      "ALLOWED",
    );
    expect(evaluator.evaluate({ action: "s3:PutObject", resource: bucket }).decision).toBe(
      "DENIED",
    );
    const tagged = doc({
      Effect: "Allow",
      Principal: "*",
      Action: "s3:GetObject",
      Resource: "*",
      Condition: { StringEquals: { "aws:ResourceTag/env": "dev" } },
    });
    const otherBucket = { arn: "arn:aws:s3:::other/x", accountId: A, policy: tagged };
    expect(
      evaluator.evaluate({
        action: "s3:GetObject",
        resource: { ...otherBucket, tags: { env: "dev" } },
      }).decision,
    ).toBe("ALLOWED");
    expect(
      evaluator.evaluate({
        action: "s3:GetObject",
        resource: { ...otherBucket, tags: { env: "prod" } },
      }).decision,
    ).toBe("DENIED");
    expect(evaluator.evaluate({ action: "s3:GetObject", resource: otherBucket }).decision).toBe(
      "CONDITIONAL",
    );
  });
});
