import { describe, expect, it } from "vitest";
import { analyzeResourcePolicyExposure } from "./resource-exposure.analyzer";

const OWN = "111111111111";

function policy(...statements: Record<string, unknown>[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}
const getObject = { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" };

describe("analyzeResourcePolicyExposure", () => {
  it.each([
    ["Principal *", { ...getObject, Principal: "*" }, true],
    ["AWS *", { ...getObject, Principal: { AWS: "*" } }, true],
    [
      "AWS * in a list",
      { ...getObject, Principal: { AWS: [`arn:aws:iam::${OWN}:root`, "*"] } },
      true,
    ],
    [
      "NotPrincipal Allow",
      { ...getObject, NotPrincipal: { AWS: `arn:aws:iam::${OWN}:root` } },
      true,
    ],
    ["own account", { ...getObject, Principal: { AWS: OWN } }, false],
    [
      "org condition",
      {
        ...getObject,
        Principal: "*",
        Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc" } },
      },
      false,
    ],
    [
      "source account",
      { ...getObject, Principal: "*", Condition: { StringEquals: { "aws:SourceAccount": OWN } } },
      false,
    ],
    [
      "source VPC endpoint",
      { ...getObject, Principal: "*", Condition: { StringEquals: { "aws:SourceVpce": "vpce-1" } } },
      false,
    ],
    [
      "narrow source IP",
      {
        ...getObject,
        Principal: "*",
        Condition: { IpAddress: { "aws:SourceIp": "203.0.113.0/24" } },
      },
      false,
    ],
    [
      "open source IP",
      { ...getObject, Principal: "*", Condition: { IpAddress: { "aws:SourceIp": "0.0.0.0/0" } } },
      true,
    ],
    [
      "IfExists does not restrict",
      {
        ...getObject,
        Principal: "*",
        Condition: { StringEqualsIfExists: { "aws:SourceAccount": OWN } },
      },
      true,
    ],
    [
      "wildcard org id",
      { ...getObject, Principal: "*", Condition: { StringLike: { "aws:PrincipalOrgID": "*" } } },
      true,
    ],
    [
      "unrelated condition",
      { ...getObject, Principal: "*", Condition: { Bool: { "aws:SecureTransport": "true" } } },
      true,
    ],
    [
      "userid",
      {
        ...getObject,
        Principal: "*",
        Condition: { StringLike: { "aws:userid": "AROAEXAMPLE:*" } },
      },
      false,
    ],
  ])("%s → public %s", (_name, statement, expected) => {
    expect(analyzeResourcePolicyExposure(policy(statement), { accountId: OWN }).isPublic).toBe(
      expected,
    );
  });

  it("reports public statements, cross-account principals and transport denies", () => {
    const exposure = analyzeResourcePolicyExposure(
      policy(
        { Sid: "Public", ...getObject, Principal: { AWS: "*" } },
        {
          Sid: "Partner",
          ...getObject,
          Principal: { AWS: ["arn:aws:iam::999999999999:role/reader", "888888888888", OWN] },
        },
        {
          Sid: "TLS",
          Effect: "Deny",
          Principal: "*",
          Action: "s3:*",
          Resource: ["arn:aws:s3:::b", "arn:aws:s3:::b/*"],
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
      ),
      { accountId: OWN },
    );
    expect(exposure.isPublic).toBe(true);
    expect(exposure.publicStatements).toEqual([{ sid: "Public", actions: ["s3:GetObject"] }]);
    expect(exposure.crossAccountPrincipals).toEqual([
      "888888888888",
      "arn:aws:iam::999999999999:role/reader",
    ]);
    expect(exposure.deniesInsecureTransport).toBe(true);
    expect(exposure.hasOrganizationOrAccountCondition).toBe(false);
  });

  it("notes organization or account conditions", () => {
    const exposure = analyzeResourcePolicyExposure(
      policy({
        ...getObject,
        Principal: "*",
        Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc" } },
      }),
      { accountId: OWN, organizationId: "o-abc" },
    );
    expect(exposure.hasOrganizationOrAccountCondition).toBe(true);
    expect(exposure.deniesInsecureTransport).toBe(false);
  });

  it("accepts URL-encoded documents and reports malformed ones", () => {
    const encoded = encodeURIComponent(policy({ ...getObject, Principal: "*" }));
    expect(analyzeResourcePolicyExposure(encoded, { accountId: OWN }).isPublic).toBe(true);
    const broken = analyzeResourcePolicyExposure("%7Bbroken", { accountId: OWN });
    expect(broken.isPublic).toBe(false);
    expect(broken.parseError).not.toBeNull();
  });
});
