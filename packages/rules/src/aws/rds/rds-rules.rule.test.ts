import { describe, expect, it } from "vitest";
import { evaluate, failed, makeResource, withErrors } from "../../../test/fixtures";
import { rdsInstanceAutoMinorUpgradeRule } from "./instance-auto-minor-upgrade.rule";
import { rdsInstanceBackupsEnabledRule } from "./instance-backups-enabled.rule";
import { rdsInstanceDeletionProtectionRule } from "./instance-deletion-protection.rule";
import { rdsInstanceEncryptedRule } from "./instance-encrypted.rule";
import { rdsInstanceNotPublicRule } from "./instance-not-public.rule";
import { rdsSnapshotNotPublicRule } from "./snapshot-not-public.rule";

const good = { DBInstanceIdentifier: "db", PubliclyAccessible: false, StorageEncrypted: true, BackupRetentionPeriod: 7, DeletionProtection: true, AutoMinorVersionUpgrade: true };
const db = (over: Record<string, unknown> = {}) => makeResource("AWS::RDS::DBInstance", { ...good, ...over });
const rdsFailed = { statuses: [failed("rds")] };

describe.each([
  { rule: rdsInstanceNotPublicRule, bad: { PubliclyAccessible: true } },
  { rule: rdsInstanceEncryptedRule, bad: { StorageEncrypted: false } },
  { rule: rdsInstanceBackupsEnabledRule, bad: { BackupRetentionPeriod: 0 } },
  { rule: rdsInstanceDeletionProtectionRule, bad: { DeletionProtection: false } },
  { rule: rdsInstanceAutoMinorUpgradeRule, bad: { AutoMinorVersionUpgrade: false } },
])("$rule.id", ({ rule, bad }) => {
  it("passes on a well-configured instance", () => expect(evaluate(rule, db()).status).toBe("PASS"));
  it("fails with the field as evidence", () => {
    const v = evaluate(rule, db(bad));
    expect(v.status).toBe("FAIL");
    expect(v.evidence).toMatchObject({ DBInstanceIdentifier: "db", ...bad });
  });
  it("is unable to evaluate when the rds collection failed", () => expect(evaluate(rule, db(bad), [], rdsFailed).status).toBe("UNABLE_TO_EVALUATE"));
});

describe(rdsSnapshotNotPublicRule.id, () => {
  const rule = rdsSnapshotNotPublicRule;
  const snap = (values: string[]) => makeResource("AWS::RDS::DBSnapshot", { DBSnapshotIdentifier: "s", Attributes: [{ AttributeName: "restore", AttributeValues: values }] });
  it("fails when restore includes all", () => {
    expect(evaluate(rule, snap(["all"]))).toMatchObject({ status: "FAIL", evidence: { "Attributes.restore": ["all"] } });
  });
  it("passes when shared with one account", () => expect(evaluate(rule, snap(["444455556666"])).status).toBe("PASS"));
  it("is unable to evaluate when DescribeDBSnapshotAttributes was denied", () => {
    expect(evaluate(rule, withErrors(snap([]), { DescribeDBSnapshotAttributes: "AccessDenied" })).status).toBe("UNABLE_TO_EVALUATE");
  });
});
