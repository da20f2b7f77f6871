import { describe, expect, it } from "vitest";
import { createActionCatalog } from "./action-catalog";
import { summarizeEffectivePermissions } from "./effective-permissions.analyzer";

const catalog = createActionCatalog(
  [
    {
      service: "s3",
      actions: [
        { name: "GetObject", accessLevel: "Read" },
        { name: "PutObject", accessLevel: "Write" },
        { name: "ListBucket", accessLevel: "List" },
      ],
    },
    {
      service: "iam",
      actions: [
        { name: "CreateUser", accessLevel: "Write" },
        { name: "PutRolePolicy", accessLevel: "Permissions management, Write" },
      ],
    },
    { service: "ec2", actions: [{ name: "RunInstances", accessLevel: "Write" }] },
  ],
  ["s3"],
);
const doc = (...statements: unknown[]) =>
  JSON.stringify({ Version: "2012-10-17", Statement: statements });

describe("summarizeEffectivePermissions", () => {
  it("groups allowed actions by service and access level with the deciding statements", () => {
    const summary = summarizeEffectivePermissions(
      {
        principalArn: "arn:aws:iam::111111111111:role/app",
        accountId: "111111111111",
        identityPolicies: [
          {
            name: "s3",
            document: doc(
              { Sid: "S3", Effect: "Allow", Action: "s3:*", Resource: "*" },
              { Effect: "Deny", Action: "s3:PutObject", Resource: "*" },
            ),
          },
          {
            name: "iam",
            document: doc({
              Effect: "Allow",
              Action: "iam:Put*",
              Resource: "*",
              Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
            }),
          },
        ],
      },
      catalog,
    );
    expect(summary.map((s) => s.service)).toEqual(["iam", "s3"]);
    const s3 = summary.find((s) => s.service === "s3");
    expect(s3).toMatchObject({
      allowed: 2,
      conditional: 0,
      byAccessLevel: { Read: { allowed: 1, conditional: 0 }, List: { allowed: 1, conditional: 0 } },
    });
    expect(s3?.actions[0]?.explanations[0]).toMatchObject({ policyName: "s3", sid: "S3" });
    const iam = summary.find((s) => s.service === "iam");
    expect(iam).toMatchObject({ allowed: 0, conditional: 1 });
    expect(iam?.byAccessLevel["Permissions management"]).toEqual({ allowed: 0, conditional: 1 });
  });
});
