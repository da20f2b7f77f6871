import { describe, expect, it } from "vitest";
import { analyzeTrustPolicy } from "./trust-policy.analyzer";

const OWN = "111111111111";
const ctx = { accountId: OWN, organizationAccountIds: new Set([OWN, "222222222222"]) };

function trust(statement: Record<string, unknown>): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", ...statement }],
  });
}

describe("analyzeTrustPolicy", () => {
  it("lists service, account and federated principals", () => {
    const analysis = analyzeTrustPolicy(
      JSON.stringify({
        Statement: [
          {
            Effect: "Allow",
            Principal: { Service: "ec2.amazonaws.com" },
            Action: "sts:AssumeRole",
          },
          {
            Sid: "Vendor",
            Effect: "Allow",
            Principal: {
              AWS: [
                "arn:aws:iam::333333333333:root",
                "222222222222",
                `arn:aws:iam::${OWN}:role/ci`,
              ],
            },
            Action: "sts:AssumeRole",
            Condition: { StringEquals: { "sts:ExternalId": "guardrail-42" } },
          },
          {
            Effect: "Allow",
            Principal: {
              Federated:
                "arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com",
            },
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: { StringLike: { "token.actions.githubusercontent.com:sub": "repo:acme/*" } },
          },
          { Effect: "Deny", Principal: "*", Action: "sts:AssumeRole" },
        ],
      }),
      ctx,
    );
    expect(analysis.parseError).toBeNull();
    expect(analysis.trustedServices).toEqual(["ec2.amazonaws.com"]);
    expect(analysis.trustedAccounts).toEqual(["222222222222", "333333333333"]);
    expect(analysis.trustedAccountsOutsideOrganization).toEqual(["333333333333"]);
    expect(analysis.federated).toHaveLength(1);
    expect(analysis.trustsAnyone).toBe(false);
    expect(analysis.statements).toHaveLength(3);
    const vendor = analysis.statements[1];
    expect(vendor?.sid).toBe("Vendor");
    expect(vendor?.externalIdValues).toEqual(["guardrail-42"]);
    expect(vendor?.hasExternalIdCondition).toBe(true);
    expect(vendor?.principals.map((p) => p.accountId)).toEqual([
      "333333333333",
      "222222222222",
      OWN,
    ]);
    expect(analysis.statements[0]?.externalIdValues).toBeNull();
    expect(analysis.statements[2]?.conditionKeys).toEqual([
      "token.actions.githubusercontent.com:sub",
    ]);
  });

  it.each([
    [{ Principal: "*" }, true],
    [{ Principal: { AWS: "*" } }, true],
    [{ Principal: { AWS: "*" }, Condition: { StringEquals: { "sts:ExternalId": "x" } } }, true],
    [
      {
        Principal: { AWS: "*" },
        Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } },
      },
      false,
    ],
    [
      {
        Principal: { AWS: "*" },
        Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/x" } },
      },
      true,
    ],
    [
      {
        Principal: { AWS: "*" },
        Condition: { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::222222222222:role/*" } },
      },
      false,
    ],
    [{ Principal: { AWS: "arn:aws:iam::222222222222:root" } }, false],
  ])("trustsAnyone for %j is %s", (statement, expected) => {
    expect(analyzeTrustPolicy(trust(statement), ctx).trustsAnyone).toBe(expected);
  });

  it.each([
    [{}, true],
    [
      {
        StringLike: {
          "token.actions.githubusercontent.com:sub": "repo:acme/app:ref:refs/heads/main",
        },
      },
      false,
    ],
    [{ StringLike: { "token.actions.githubusercontent.com:sub": "repo:*" } }, true],
    [{ StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" } }, true],
  ])("GitHub OIDC trust with %j is unpinned: %s", (condition, unpinned) => {
    const provider = `arn:aws:iam::${OWN}:oidc-provider/token.actions.githubusercontent.com`;
    const analysis = analyzeTrustPolicy(
      trust({
        Principal: { Federated: provider },
        Action: "sts:AssumeRoleWithWebIdentity",
        ...(Object.keys(condition).length ? { Condition: condition } : {}),
      }),
      ctx,
    );
    expect(analysis.federatedWithoutSubjectCondition).toEqual(unpinned ? [provider] : []);
  });

  it("does not trust anything when the document is malformed", () => {
    const analysis = analyzeTrustPolicy("{not json", ctx);
    expect(analysis.parseError).toMatch(/invalid JSON/);
    expect(analysis.statements).toEqual([]);
  });
});
