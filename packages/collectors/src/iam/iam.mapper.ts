import type {
  GetAccountAuthorizationDetailsResponse,
  GroupDetail,
  ManagedPolicyDetail,
  MFADevice,
  PasswordPolicy,
  RoleDetail,
  UserDetail,
  VirtualMFADevice,
} from "@aws-sdk/client-iam";
import { decodePolicyDocument, tagsFromList, toPlain } from "../core/plain";
import {
  GLOBAL_REGION,
  RESOURCE_TYPES,
  syntheticResourceIds,
  type TCollectedResource,
} from "../resource-model";
import { ROOT_ACCOUNT_USER, type TCredentialReportRow } from "./credential-report";

export interface TAuthorizationDetails {
  UserDetailList: UserDetail[];
  GroupDetailList: GroupDetail[];
  RoleDetailList: RoleDetail[];
  Policies: ManagedPolicyDetail[];
}

/** Concatenates the pages of GetAccountAuthorizationDetails. */
export function mergeAuthorizationDetails(
  pages: readonly GetAccountAuthorizationDetailsResponse[],
): TAuthorizationDetails {
  return {
    UserDetailList: pages.flatMap((p) => p.UserDetailList ?? []),
    GroupDetailList: pages.flatMap((p) => p.GroupDetailList ?? []),
    RoleDetailList: pages.flatMap((p) => p.RoleDetailList ?? []),
    Policies: pages.flatMap((p) => p.Policies ?? []),
  };
}

function decodeInlinePolicies<T extends { PolicyDocument?: string | undefined }>(
  list: T[] | undefined,
): T[] {
  return (list ?? []).map((p) => ({
    ...p,
    PolicyDocument: decodePolicyDocument(p.PolicyDocument) ?? undefined,
  }));
}

function decodeRole(role: RoleDetail | { AssumeRolePolicyDocument?: string | undefined }) {
  return {
    ...role,
    AssumeRolePolicyDocument: decodePolicyDocument(role.AssumeRolePolicyDocument) ?? undefined,
  };
}

export interface TIamUserExtras {
  /** The user's credential report row, or null when the report is unavailable. */
  reportRow: TCredentialReportRow | null;
  /** ListMFADevices, `[]` when the report says no MFA, null when not collected. */
  mfaDevices: MFADevice[] | null;
  collectionErrors: Record<string, string>;
}

function withErrors(configuration: Record<string, unknown>, errors: Record<string, string>) {
  if (Object.keys(errors).length > 0) configuration.CollectionErrors = { ...errors };
  return configuration;
}

export function mapIamUser(
  accountId: string,
  user: UserDetail,
  extras: TIamUserExtras,
): TCollectedResource {
  const configuration = toPlain({
    ...user,
    UserPolicyList: decodeInlinePolicies(user.UserPolicyList),
  });
  configuration.CredentialReport = extras.reportRow;
  configuration.MFADevices = extras.mfaDevices ? extras.mfaDevices.map((d) => toPlain(d)) : null;
  return {
    accountId,
    region: GLOBAL_REGION,
    service: "iam",
    resourceType: RESOURCE_TYPES.IamUser,
    resourceId: user.Arn ?? `arn:aws:iam::${accountId}:user${user.Path ?? "/"}${user.UserName}`,
    name: user.UserName ?? null,
    tags: tagsFromList(user.Tags),
    configuration: withErrors(configuration, extras.collectionErrors),
  };
}

export function mapIamGroup(accountId: string, group: GroupDetail): TCollectedResource {
  return {
    accountId,
    region: GLOBAL_REGION,
    service: "iam",
    resourceType: RESOURCE_TYPES.IamGroup,
    resourceId:
      group.Arn ?? `arn:aws:iam::${accountId}:group${group.Path ?? "/"}${group.GroupName}`,
    name: group.GroupName ?? null,
    tags: {},
    configuration: toPlain({
      ...group,
      GroupPolicyList: decodeInlinePolicies(group.GroupPolicyList),
    }),
  };
}

export function mapIamRole(accountId: string, role: RoleDetail): TCollectedResource {
  const decoded = {
    ...decodeRole(role),
    RolePolicyList: decodeInlinePolicies(role.RolePolicyList),
    InstanceProfileList: (role.InstanceProfileList ?? []).map((profile) => ({
      ...profile,
      Roles: (profile.Roles ?? []).map((r) => decodeRole(r)),
    })),
  };
  return {
    accountId,
    region: GLOBAL_REGION,
    service: "iam",
    resourceType: RESOURCE_TYPES.IamRole,
    resourceId: role.Arn ?? `arn:aws:iam::${accountId}:role${role.Path ?? "/"}${role.RoleName}`,
    name: role.RoleName ?? null,
    tags: tagsFromList(role.Tags),
    configuration: toPlain(decoded),
  };
}

/** True for an AWS-managed policy (`arn:aws:iam::aws:policy/…`). */
export function isAwsManagedPolicy(arn: string | undefined): boolean {
  return arn?.startsWith("arn:aws:iam::aws:policy/") ?? false;
}

/** Customer-managed policies always; AWS-managed ones only when attached somewhere. */
export function mapIamPolicies(
  accountId: string,
  policies: readonly ManagedPolicyDetail[],
): TCollectedResource[] {
  return policies
    .filter(
      (p) =>
        p.Arn &&
        (!isAwsManagedPolicy(p.Arn) || p.AttachmentCount === undefined || p.AttachmentCount > 0),
    )
    .map((policy) => ({
      accountId,
      region: GLOBAL_REGION,
      service: "iam" as const,
      resourceType: RESOURCE_TYPES.IamPolicy,
      resourceId: isAwsManagedPolicy(policy.Arn)
        ? syntheticResourceIds.iamAwsManagedPolicy(accountId, policy.Arn as string)
        : (policy.Arn as string),
      name: policy.PolicyName ?? null,
      tags: {},
      configuration: toPlain({
        ...policy,
        PolicyVersionList: (policy.PolicyVersionList ?? []).map((v) => ({
          ...v,
          Document: decodePolicyDocument(v.Document) ?? undefined,
        })),
      }),
    }));
}

export interface TIamAccountSettingsInput {
  AccountSummary: Record<string, number> | null;
  PasswordPolicy: PasswordPolicy | null;
  AccountAliases: string[] | null;
  report: TCredentialReportRow[] | null;
  reportGeneratedTime: Date | null;
  VirtualMFADevices: VirtualMFADevice[] | null;
  collectionErrors: Record<string, string>;
}

export function mapIamAccountSettings(
  accountId: string,
  input: TIamAccountSettingsInput,
): TCollectedResource {
  const configuration: Record<string, unknown> = {
    AccountSummary: input.AccountSummary,
    PasswordPolicy: input.PasswordPolicy ? toPlain(input.PasswordPolicy) : null,
    AccountAliases: input.AccountAliases,
    RootCredentialReport: input.report?.find((row) => row.user === ROOT_ACCOUNT_USER) ?? null,
    VirtualMFADevices: input.VirtualMFADevices
      ? input.VirtualMFADevices.map((d) => toPlain(d))
      : null,
    CredentialReportGeneratedTime: input.reportGeneratedTime
      ? input.reportGeneratedTime.toISOString()
      : null,
  };
  return {
    accountId,
    region: GLOBAL_REGION,
    service: "iam",
    resourceType: RESOURCE_TYPES.IamAccountSettings,
    resourceId: syntheticResourceIds.iamAccountSettings(accountId),
    name: input.AccountAliases?.[0] ?? null,
    tags: {},
    configuration: withErrors(configuration, input.collectionErrors),
  };
}

/** Finds a user's credential report row by ARN, else by user name. */
export function findReportRow(
  report: readonly TCredentialReportRow[],
  user: UserDetail,
): TCredentialReportRow | null {
  return (
    report.find((row) => row.arn === user.Arn) ??
    report.find((row) => row.user === user.UserName) ??
    null
  );
}
