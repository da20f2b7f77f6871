import { describe, expect, it } from "vitest";
import { accountSettings, daysAgo, evaluate, failed, withErrors } from "../../../test/fixtures";
import { iamRootHardwareMfaRule } from "./root-hardware-mfa.rule";
import { iamRootMfaEnabledRule } from "./root-mfa-enabled.rule";
import { iamRootNoAccessKeysRule } from "./root-no-access-keys.rule";
import { iamRootNotRecentlyUsedRule } from "./root-not-recently-used.rule";

const virtualRootMfa = {
  SerialNumber: "arn:aws:iam::111122223333:mfa/root-account-mfa-device",
  User: { Arn: "arn:aws:iam::111122223333:root" },
};

describe(iamRootNoAccessKeysRule.id, () => {
  const rule = iamRootNoAccessKeysRule;
  it("passes without root keys", () => {
    expect(evaluate(rule, accountSettings())).toMatchObject({ status: "PASS", evidence: { "AccountSummary.AccountAccessKeysPresent": 0 } });
  });
  it("fails with root keys", () => {
    const v = evaluate(rule, accountSettings({ AccountSummary: { AccountAccessKeysPresent: 1, AccountMFAEnabled: 1 } }));
    expect(v).toMatchObject({ status: "FAIL", evidence: { "AccountSummary.AccountAccessKeysPresent": 1 } });
  });
  it("is unable to evaluate when GetAccountSummary was denied", () => {
    expect(evaluate(rule, withErrors(accountSettings(), { GetAccountSummary: "AccessDenied" })).status).toBe("UNABLE_TO_EVALUATE");
  });
});

describe(iamRootMfaEnabledRule.id, () => {
  const rule = iamRootMfaEnabledRule;
  it("passes with MFA", () => expect(evaluate(rule, accountSettings()).status).toBe("PASS"));
  it("fails without MFA", () => {
    const v = evaluate(rule, accountSettings({ AccountSummary: { AccountMFAEnabled: 0, AccountAccessKeysPresent: 0 } }));
    expect(v).toMatchObject({ status: "FAIL", evidence: { "AccountSummary.AccountMFAEnabled": 0 } });
  });
  it("is unable to evaluate when the iam collection failed", () => {
    expect(evaluate(rule, accountSettings(), [], { statuses: [failed("iam", "global")] }).status).toBe("UNABLE_TO_EVALUATE");
  });
});

describe(iamRootHardwareMfaRule.id, () => {
  const rule = iamRootHardwareMfaRule;
  it("passes with a non-virtual device", () => expect(evaluate(rule, accountSettings()).status).toBe("PASS"));
  it("fails with a virtual root device", () => {
    const v = evaluate(rule, accountSettings({ VirtualMFADevices: [virtualRootMfa] }));
    expect(v).toMatchObject({ status: "FAIL", evidence: { rootVirtualMfaDevices: [virtualRootMfa.SerialNumber] } });
  });
  it("is unable to evaluate when ListVirtualMFADevices was denied", () => {
    expect(evaluate(rule, withErrors(accountSettings(), { ListVirtualMFADevices: "AccessDenied" })).status).toBe("UNABLE_TO_EVALUATE");
  });
});

describe(iamRootNotRecentlyUsedRule.id, () => {
  const rule = iamRootNotRecentlyUsedRule;
  const root = (used: string) => ({
    user: "<root_account>",
    password_last_used: used,
    access_key_1_last_used_date: "N/A",
    access_key_2_last_used_date: "N/A",
  });
  it("fails when root signed in 3 days ago", () => {
    const v = evaluate(rule, accountSettings({ RootCredentialReport: root(daysAgo(3)) }));
    expect(v).toMatchObject({ status: "FAIL", evidence: { daysSinceLastUse: 3, "RootCredentialReport.password_last_used": daysAgo(3) } });
  });
  it("passes when root was last used 200 days ago", () => {
    expect(evaluate(rule, accountSettings({ RootCredentialReport: root(daysAgo(200)) })).status).toBe("PASS");
  });
  it("passes when root was never used", () => {
    expect(evaluate(rule, accountSettings({ RootCredentialReport: root("no_information") })).status).toBe("PASS");
  });
  it("is unable to evaluate without the credential report", () => {
    expect(evaluate(rule, accountSettings({ RootCredentialReport: null })).status).toBe("UNABLE_TO_EVALUATE");
  });
});
