import { describe, expect, it } from "vitest";
import { ACCOUNT, accountSettings, evaluate, failed, iamRole, iamUser, withErrors } from "../../../test/fixtures";
import { iamAccountPasswordMinLengthRule } from "./account-password-min-length.rule";
import { iamAccountPasswordReusePreventionRule } from "./account-password-reuse-prevention.rule";
import { AWS_SUPPORT_ACCESS_ARN, iamAccountSupportRoleRule } from "./account-support-role.rule";
import { iamUserHumanWithFederationRule } from "./user-human-with-federation.rule";

const trustAccount = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "sts:AssumeRole" }] };

describe(iamAccountSupportRoleRule.id, () => {
  const rule = iamAccountSupportRoleRule;
  it("passes when a role has AWSSupportAccess", () => {
    const role = iamRole("aws-support", trustAccount, { AttachedManagedPolicies: [{ PolicyName: "AWSSupportAccess", PolicyArn: AWS_SUPPORT_ACCESS_ARN }] });
    expect(evaluate(rule, accountSettings(), [role])).toMatchObject({ status: "PASS", evidence: { rolesWithPolicy: [role.resourceId] } });
  });
  it("fails without one", () => {
    expect(evaluate(rule, accountSettings(), [iamRole("other", trustAccount)])).toMatchObject({ status: "FAIL", evidence: { rolesWithPolicy: [] } });
  });
  it("is unable to evaluate when the iam collection is partial", () => {
    const v = evaluate(rule, accountSettings(), [], { statuses: [{ accountId: ACCOUNT, region: "global", service: "iam", status: "PARTIAL" }] });
    expect(v.status).toBe("UNABLE_TO_EVALUATE");
  });
});

describe(iamAccountPasswordMinLengthRule.id, () => {
  const rule = iamAccountPasswordMinLengthRule;
  it("fails without a password policy", () => {
    expect(evaluate(rule, accountSettings())).toMatchObject({ status: "FAIL", evidence: { PasswordPolicy: null } });
  });
  it("fails with length 8", () => {
    const v = evaluate(rule, accountSettings({ PasswordPolicy: { MinimumPasswordLength: 8 } }));
    expect(v).toMatchObject({ status: "FAIL", evidence: { "PasswordPolicy.MinimumPasswordLength": 8 } });
  });
  it("passes with length 14", () => {
    expect(evaluate(rule, accountSettings({ PasswordPolicy: { MinimumPasswordLength: 14 } })).status).toBe("PASS");
  });
  it("is unable to evaluate when GetAccountPasswordPolicy was denied", () => {
    expect(evaluate(rule, withErrors(accountSettings(), { GetAccountPasswordPolicy: "AccessDenied" })).status).toBe("UNABLE_TO_EVALUATE");
  });
});

describe(iamAccountPasswordReusePreventionRule.id, () => {
  const rule = iamAccountPasswordReusePreventionRule;
  it("fails without reuse prevention", () => {
    const v = evaluate(rule, accountSettings({ PasswordPolicy: { MinimumPasswordLength: 14 } }));
    expect(v).toMatchObject({ status: "FAIL", evidence: { "PasswordPolicy.PasswordReusePrevention": null } });
  });
  it("passes with 24", () => {
    expect(evaluate(rule, accountSettings({ PasswordPolicy: { PasswordReusePrevention: 24 } })).status).toBe("PASS");
  });
  it("is unable to evaluate when the iam collection failed", () => {
    expect(evaluate(rule, accountSettings(), [], { statuses: [failed("iam", "global")] }).status).toBe("UNABLE_TO_EVALUATE");
  });
});

describe(iamUserHumanWithFederationRule.id, () => {
  const rule = iamUserHumanWithFederationRule;
  const samlRole = iamRole("saml-admin", {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Federated: `arn:aws:iam::${ACCOUNT}:saml-provider/Okta` }, Action: "sts:AssumeRoleWithSAML" }],
  });
  const human = iamUser("alice", { password_enabled: "true" });
  it("fails for a console user when a SAML role exists", () => {
    expect(evaluate(rule, human, [samlRole])).toMatchObject({ status: "FAIL", evidence: { federatedRoles: [samlRole.resourceId] } });
  });
  it("passes when the account has no federation", () => {
    expect(evaluate(rule, human, [iamRole("app", trustAccount)]).status).toBe("PASS");
  });
  it("is not applicable to programmatic users", () => {
    expect(evaluate(rule, iamUser("ci"), [samlRole]).status).toBe("NOT_APPLICABLE");
  });
  it("is unable to evaluate without the credential report", () => {
    expect(evaluate(rule, withErrors(human, { GetCredentialReport: "AccessDenied" })).status).toBe("UNABLE_TO_EVALUATE");
  });
});
