import { describe, expect, it } from "vitest";
import {
  findReportRow,
  mapIamAccountSettings,
  mapIamPolicies,
  mapIamRole,
  mapIamUser,
  mergeAuthorizationDetails,
} from "./iam.mapper";

const trust =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}';
const inline =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*"}]}';

describe("IAM mapping", () => {
  it("merges authorization detail pages", () => {
    const merged = mergeAuthorizationDetails([
      { UserDetailList: [{ UserName: "a" }], RoleDetailList: [] },
      { UserDetailList: [{ UserName: "b" }], Policies: [{ PolicyName: "p" }] },
    ]);
    expect(merged.UserDetailList.map((u) => u.UserName)).toEqual(["a", "b"]);
    expect(merged.Policies).toHaveLength(1);
    expect(merged.GroupDetailList).toEqual([]);
  });

  it("decodes a role's trust policy, inline policies and instance profile roles once", () => {
    const role = mapIamRole("333333333333", {
      RoleName: "payments-web",
      Arn: "arn:aws:iam::333333333333:role/payments-web",
      CreateDate: new Date("2023-01-01T00:00:00Z"),
      AssumeRolePolicyDocument: encodeURIComponent(trust),
      RolePolicyList: [{ PolicyName: "too-much", PolicyDocument: encodeURIComponent(inline) }],
      InstanceProfileList: [
        {
          InstanceProfileName: "p",
          InstanceProfileId: "x",
          Arn: "arn:p",
          Path: "/",
          CreateDate: new Date(0),
          Roles: [
            {
              RoleName: "payments-web",
              RoleId: "r",
              Arn: "arn:r",
              Path: "/",
              CreateDate: new Date(0),
              AssumeRolePolicyDocument: encodeURIComponent(trust),
            },
          ],
        },
      ],
      Tags: [{ Key: "team", Value: "payments" }],
      RoleLastUsed: { LastUsedDate: new Date("2024-02-03T00:00:00Z"), Region: "us-east-1" },
    });
    expect(role).toMatchObject({
      resourceType: "AWS::IAM::Role",
      resourceId: "arn:aws:iam::333333333333:role/payments-web",
      region: "global",
      service: "iam",
      name: "payments-web",
      tags: { team: "payments" },
    });
    expect(role.configuration.AssumeRolePolicyDocument).toBe(trust);
    expect(role.configuration.CreateDate).toBe("2023-01-01T00:00:00.000Z");
    expect(
      (role.configuration.RolePolicyList as Array<{ PolicyDocument: string }>)[0]?.PolicyDocument,
    ).toBe(inline);
    const profiles = role.configuration.InstanceProfileList as Array<{
      Roles: Array<{ AssumeRolePolicyDocument: string }>;
    }>;
    expect(profiles[0]?.Roles[0]?.AssumeRolePolicyDocument).toBe(trust);
    expect(role.configuration.RoleLastUsed).toEqual({
      LastUsedDate: "2024-02-03T00:00:00.000Z",
      Region: "us-east-1",
    });
  });

  it("keeps customer policies and only attached AWS-managed ones, with decoded versions", () => {
    const resources = mapIamPolicies("111111111111", [
      {
        PolicyName: "mine",
        Arn: "arn:aws:iam::111111111111:policy/mine",
        AttachmentCount: 0,
        PolicyVersionList: [
          { VersionId: "v1", IsDefaultVersion: true, Document: encodeURIComponent(inline) },
        ],
      },
      {
        PolicyName: "AdministratorAccess",
        Arn: "arn:aws:iam::aws:policy/AdministratorAccess",
        AttachmentCount: 2,
      },
      { PolicyName: "Unused", Arn: "arn:aws:iam::aws:policy/Unused", AttachmentCount: 0 },
    ]);
    expect(resources.map((r) => r.resourceId)).toEqual([
      "arn:aws:iam::111111111111:policy/mine",
      // AWS-managed: one row per account, the ARN in the configuration.
      "arn:aws:iam::aws:policy/AdministratorAccess#111111111111",
    ]);
    expect(resources[1]?.configuration.Arn).toBe("arn:aws:iam::aws:policy/AdministratorAccess");
    const versions = resources[0]?.configuration.PolicyVersionList as Array<{ Document: string }>;
    expect(versions[0]?.Document).toBe(inline);
  });

  it("joins a user with its credential report row and MFA devices, and records errors", () => {
    const user = { UserName: "alice", Arn: "arn:aws:iam::111111111111:user/alice", Tags: [] };
    const row = findReportRow(
      [{ user: "alice", arn: "arn:aws:iam::111111111111:user/alice", mfa_active: "true" }],
      user,
    );
    const resource = mapIamUser("111111111111", user, {
      reportRow: row,
      mfaDevices: [
        {
          UserName: "alice",
          SerialNumber: "arn:mfa",
          EnableDate: new Date("2024-01-01T00:00:00Z"),
        },
      ],
      collectionErrors: {},
    });
    expect(resource.configuration.CredentialReport).toEqual(row);
    expect(resource.configuration.MFADevices).toEqual([
      { UserName: "alice", SerialNumber: "arn:mfa", EnableDate: "2024-01-01T00:00:00.000Z" },
    ]);
    expect(resource.configuration).not.toHaveProperty("CollectionErrors");
    const failed = mapIamUser("111111111111", user, {
      reportRow: null,
      mfaDevices: null,
      collectionErrors: { GetCredentialReport: "AccessDenied" },
    });
    expect(failed.configuration).toMatchObject({
      CredentialReport: null,
      MFADevices: null,
      CollectionErrors: { GetCredentialReport: "AccessDenied" },
    });
  });

  it("builds the account settings subject with the root row", () => {
    const resource = mapIamAccountSettings("111111111111", {
      AccountSummary: { AccountMFAEnabled: 1 },
      PasswordPolicy: null,
      AccountAliases: ["acme"],
      report: [{ user: "<root_account>", mfa_active: "true" }, { user: "bob" }],
      reportGeneratedTime: new Date("2025-01-01T00:00:00Z"),
      VirtualMFADevices: [],
      collectionErrors: {},
    });
    expect(resource).toMatchObject({
      resourceType: "AWS::IAM::AccountSettings",
      resourceId: "arn:aws:iam::111111111111:account-settings",
      name: "acme",
      configuration: {
        AccountSummary: { AccountMFAEnabled: 1 },
        PasswordPolicy: null,
        RootCredentialReport: { user: "<root_account>", mfa_active: "true" },
        CredentialReportGeneratedTime: "2025-01-01T00:00:00.000Z",
      },
    });
  });
});
