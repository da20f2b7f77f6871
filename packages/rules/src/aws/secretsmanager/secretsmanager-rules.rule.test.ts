import { describe, expect, it } from "vitest";
import { evaluate, failed, makeResource, OTHER_ACCOUNT, policyJson, withErrors } from "../../../test/fixtures";
import { secretsmanagerSecretNotPublicRule } from "./secret-not-public.rule";
import { secretsmanagerSecretRotationEnabledRule } from "./secret-rotation-enabled.rule";

const secret = (cfg: Record<string, unknown>) =>
  makeResource("AWS::SecretsManager::Secret", { Name: "db", RotationEnabled: false, ResourcePolicy: null, ...cfg });

describe(secretsmanagerSecretRotationEnabledRule.id, () => {
  const rule = secretsmanagerSecretRotationEnabledRule;
  it("passes with automatic rotation", () => {
    expect(evaluate(rule, secret({ RotationEnabled: true, RotationRules: { AutomaticallyAfterDays: 30 } }))).toMatchObject({
      status: "PASS",
      evidence: { RotationEnabled: true, RotationRules: { AutomaticallyAfterDays: 30 } },
    });
  });
  it("fails without rotation (RotationEnabled false or absent)", () => {
    expect(evaluate(rule, secret({})).status).toBe("FAIL");
    expect(evaluate(rule, secret({ RotationEnabled: undefined })).status).toBe("FAIL");
  });
  it("is unable to evaluate when the secretsmanager collection failed", () => {
    expect(evaluate(rule, secret({}), [], { statuses: [failed("secretsmanager")] }).status).toBe("UNABLE_TO_EVALUATE");
  });
});

describe(secretsmanagerSecretNotPublicRule.id, () => {
  const rule = secretsmanagerSecretNotPublicRule;
  it("fails for an unconditioned '*' GetSecretValue grant", () => {
    const p = policyJson([{ Sid: "anyone", Effect: "Allow", Principal: "*", Action: "secretsmanager:GetSecretValue", Resource: "*" }]);
    expect(evaluate(rule, secret({ ResourcePolicy: p }))).toMatchObject({ status: "FAIL", evidence: { isPublic: true, publicStatements: [{ sid: "anyone" }] } });
  });
  it("passes without a policy, for a named other account, and for '*' limited to the organization", () => {
    expect(evaluate(rule, secret({})).status).toBe("PASS");
    const crossAccount = policyJson([{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:root` }, Action: "secretsmanager:GetSecretValue", Resource: "*" }]);
    expect(evaluate(rule, secret({ ResourcePolicy: crossAccount })).status).toBe("PASS");
    const org = policyJson([{ Effect: "Allow", Principal: "*", Action: "secretsmanager:GetSecretValue", Resource: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc" } } }]);
    expect(evaluate(rule, secret({ ResourcePolicy: org })).status).toBe("PASS");
  });
  it("is unable to evaluate when GetResourcePolicy was denied", () => {
    expect(evaluate(rule, withErrors(secret({}), { GetResourcePolicy: "AccessDeniedException" })).status).toBe("UNABLE_TO_EVALUATE");
  });
});
