import { describe, expect, it } from "vitest";
import { daysAgo, evaluate, failed, iamUser, withErrors } from "../../../test/fixtures";
import { iamUserAccessKeysRotatedRule } from "./user-access-keys-rotated.rule";
import { iamUserConsoleMfaRule } from "./user-console-mfa.rule";
import { iamUserCredentialsUnused45DaysRule } from "./user-credentials-unused-45-days.rule";
import { iamUserCredentialsUnused90DaysRule } from "./user-credentials-unused-90-days.rule";
import { iamUserNoAttachedPoliciesRule } from "./user-no-attached-policies.rule";
import { iamUserOldUnusedAccessKeyRule } from "./user-old-unused-access-key.rule";
import { iamUserSingleActiveAccessKeyRule } from "./user-single-active-access-key.rule";

const reportDenied = (name: string) => withErrors(iamUser(name), { GetCredentialReport: "AccessDenied" });

describe(iamUserConsoleMfaRule.id, () => {
  const rule = iamUserConsoleMfaRule;
  it("fails for a console user without MFA", () => {
    const v = evaluate(rule, iamUser("alice", { password_enabled: "true", mfa_active: "false" }));
    expect(v).toMatchObject({
      status: "FAIL",
      evidence: { "CredentialReport.password_enabled": "true", "CredentialReport.mfa_active": "false", "MFADevices.length": 0 },
    });
  });
  it("passes with MFA", () => {
    expect(evaluate(rule, iamUser("bob", { password_enabled: "true", mfa_active: "true" })).status).toBe("PASS");
  });
  it("is not applicable without a password", () => {
    expect(evaluate(rule, iamUser("ci")).status).toBe("NOT_APPLICABLE");
  });
  it("is unable to evaluate without the credential report", () => {
    expect(evaluate(rule, reportDenied("x")).status).toBe("UNABLE_TO_EVALUATE");
  });
});

describe.each([
  { rule: iamUserCredentialsUnused45DaysRule, days: 45 },
  { rule: iamUserCredentialsUnused90DaysRule, days: 90 },
])("$rule.id", ({ rule, days }) => {
  it("fails for an active key unused beyond the threshold", () => {
    const v = evaluate(rule, iamUser("ci", { access_key_1_active: "true", access_key_1_last_rotated: daysAgo(400), access_key_1_last_used_date: daysAgo(days + 10) }));
    expect(v.status).toBe("FAIL");
    expect(v.evidence.staleCredentials).toEqual([{ credential: "access_key_1", unusedDays: days + 10 }]);
  });
  it("fails for a password never used since it was set long ago", () => {
    const v = evaluate(rule, iamUser("old", { password_enabled: "true", password_last_used: "no_information", password_last_changed: daysAgo(days + 1) }));
    expect(v.evidence.staleCredentials).toEqual([{ credential: "password", unusedDays: days + 1 }]);
  });
  it("passes for recently used credentials", () => {
    const v = evaluate(rule, iamUser("ok", { password_enabled: "true", password_last_used: daysAgo(2), access_key_1_active: "true", access_key_1_last_used_date: daysAgo(1) }));
    expect(v).toMatchObject({ status: "PASS", evidence: { staleCredentials: [] } });
  });
  it("is unable to evaluate without the credential report", () => {
    expect(evaluate(rule, reportDenied("x")).status).toBe("UNABLE_TO_EVALUATE");
  });
});

describe(iamUserAccessKeysRotatedRule.id, () => {
  const rule = iamUserAccessKeysRotatedRule;
  it("fails for a 120-day-old active key", () => {
    const v = evaluate(rule, iamUser("ci", { access_key_1_active: "true", access_key_1_last_rotated: daysAgo(120) }));
    expect(v).toMatchObject({ status: "FAIL", evidence: { keysOlderThan90Days: [{ key: "access_key_1", ageDays: 120 }] } });
  });
  it("passes for a fresh key and ignores inactive old ones", () => {
    const v = evaluate(rule, iamUser("ci", { access_key_1_active: "true", access_key_1_last_rotated: daysAgo(10), access_key_2_active: "false", access_key_2_last_rotated: daysAgo(900) }));
    expect(v.status).toBe("PASS");
  });
  it("is unable to evaluate when the iam collection failed", () => {
    expect(evaluate(rule, iamUser("ci"), [], { statuses: [failed("iam", "global")] }).status).toBe("UNABLE_TO_EVALUATE");
  });
});

describe(iamUserOldUnusedAccessKeyRule.id, () => {
  const rule = iamUserOldUnusedAccessKeyRule;
  it("fails for a 2-year-old key unused for 60 days", () => {
    const v = evaluate(rule, iamUser("ci", { access_key_1_active: "true", access_key_1_last_rotated: daysAgo(730), access_key_1_last_used_date: daysAgo(60) }));
    expect(v).toMatchObject({ status: "FAIL", evidence: { abandonedKeys: [{ key: "access_key_1", ageDays: 730, unusedDays: 60 }] } });
  });
  it("passes for an old key in daily use", () => {
    const v = evaluate(rule, iamUser("ci", { access_key_1_active: "true", access_key_1_last_rotated: daysAgo(730), access_key_1_last_used_date: daysAgo(1) }));
    expect(v.status).toBe("PASS");
  });
  it("is unable to evaluate without the credential report", () => {
    expect(evaluate(rule, reportDenied("x")).status).toBe("UNABLE_TO_EVALUATE");
  });
});

describe(iamUserSingleActiveAccessKeyRule.id, () => {
  const rule = iamUserSingleActiveAccessKeyRule;
  it("fails with two active keys", () => {
    const v = evaluate(rule, iamUser("ci", { access_key_1_active: "true", access_key_2_active: "true" }));
    expect(v).toMatchObject({ status: "FAIL", evidence: { activeAccessKeys: 2 } });
  });
  it("passes with one", () => {
    expect(evaluate(rule, iamUser("ci", { access_key_1_active: "true" })).status).toBe("PASS");
  });
  it("is unable to evaluate without the credential report", () => {
    expect(evaluate(rule, reportDenied("x")).status).toBe("UNABLE_TO_EVALUATE");
  });
});

describe(iamUserNoAttachedPoliciesRule.id, () => {
  const rule = iamUserNoAttachedPoliciesRule;
  it("fails with a directly attached policy", () => {
    const v = evaluate(rule, iamUser("a", {}, { AttachedManagedPolicies: [{ PolicyName: "Admin", PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }] }));
    expect(v).toMatchObject({ status: "FAIL", evidence: { "AttachedManagedPolicies[].PolicyArn": ["arn:aws:iam::aws:policy/AdministratorAccess"] } });
  });
  it("passes with group-only permissions", () => {
    expect(evaluate(rule, iamUser("b", {}, { GroupList: ["devs"] })).status).toBe("PASS");
  });
  it("is unable to evaluate when the iam collection failed", () => {
    expect(evaluate(rule, iamUser("b"), [], { statuses: [failed("iam", "global")] }).status).toBe("UNABLE_TO_EVALUATE");
  });
});
