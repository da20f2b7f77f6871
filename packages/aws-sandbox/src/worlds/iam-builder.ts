/** Builds an account's `iam` block: users, groups, roles, policies and the credential report. */
import type { GroupDetail, ManagedPolicyDetail, UserDetail } from "@aws-sdk/client-iam";
import {
  AWS_MANAGED_POLICIES,
  buildAwsManagedPolicyArn,
  buildAwsManagedPolicyDetail,
} from "./aws-managed-policies";
import type { TRng } from "./prng";
import type { TCredentialReportRow, TWorldIam, TWorldRoleDetail, TWorldShape } from "./world-types";

export interface TWorldTag {
  Key: string;
  Value: string;
}

export interface TInlinePolicy {
  name: string;
  document: string;
}

/** An attached policy: an AWS-managed policy name (`"ReadOnlyAccess"`) or a full policy ARN. */
export type TPolicyRef = string;

export interface TAddRoleOptions {
  name: string;
  path?: string;
  trustPolicy: string;
  managedPolicies?: TPolicyRef[];
  inlinePolicies?: TInlinePolicy[];
  withInstanceProfile?: boolean;
  tags?: TWorldTag[];
  createdDaysAgo?: number;
  /** Days since last use; undefined means never used. */
  lastUsedDaysAgo?: number;
  permissionsBoundary?: TPolicyRef;
}

export interface TAccessKeyOptions {
  active: boolean;
  rotatedDaysAgo: number;
  /** Days since last use; undefined means never used. */
  lastUsedDaysAgo?: number;
  lastUsedService?: string;
}

export interface TAddUserOptions {
  name: string;
  groups?: string[];
  managedPolicies?: TPolicyRef[];
  inlinePolicies?: TInlinePolicy[];
  tags?: TWorldTag[];
  createdDaysAgo?: number;
  /** Console password; absent means no password. */
  console?: { lastUsedDaysAgo?: number; changedDaysAgo: number };
  mfa?: "virtual" | "hardware";
  accessKeys?: TAccessKeyOptions[];
}

export interface TRootOptions {
  mfa: "hardware" | "virtual" | "none";
  passwordLastUsedDaysAgo?: number;
  accessKey?: TAccessKeyOptions;
}

export interface TIamBuilder {
  readonly accountId: string;
  addRole(options: TAddRoleOptions): TWorldRoleDetail;
  addUser(options: TAddUserOptions): TWorldShape<UserDetail>;
  addGroup(options: {
    name: string;
    managedPolicies?: TPolicyRef[];
    inlinePolicies?: TInlinePolicy[];
  }): TWorldShape<GroupDetail>;
  addCustomerPolicy(options: {
    name: string;
    document: string;
    description?: string;
    createdDaysAgo?: number;
    previousVersions?: string[];
  }): TWorldShape<ManagedPolicyDetail>;
  roleArn(name: string, path?: string): string;
  /** A role added earlier, or an error naming it. */
  getRole(name: string): TWorldRoleDetail;
  policyArn(name: string): string;
  setRoot(options: TRootOptions): void;
  setPasswordPolicy(policy: TWorldIam["PasswordPolicy"] | undefined): void;
  build(): TWorldIam;
}

const days = (n: number): string => `now-${n}d`;
const NA = "N/A";

function buildKeyColumns(
  index: 1 | 2,
  key: TAccessKeyOptions | undefined,
  region: string,
): TCredentialReportRow {
  const prefix = `access_key_${index}`;
  if (!key) {
    return {
      [`${prefix}_active`]: "false",
      [`${prefix}_last_rotated`]: NA,
      [`${prefix}_last_used_date`]: NA,
      [`${prefix}_last_used_region`]: NA,
      [`${prefix}_last_used_service`]: NA,
    };
  }
  const used = key.lastUsedDaysAgo !== undefined;
  return {
    [`${prefix}_active`]: String(key.active),
    [`${prefix}_last_rotated`]: days(key.rotatedDaysAgo),
    [`${prefix}_last_used_date`]: used ? days(key.lastUsedDaysAgo as number) : NA,
    [`${prefix}_last_used_region`]: used ? region : NA,
    [`${prefix}_last_used_service`]: used ? (key.lastUsedService ?? "s3") : NA,
  };
}

const CERT_COLUMNS: TCredentialReportRow = {
  cert_1_active: "false",
  cert_1_last_rotated: NA,
  cert_2_active: "false",
  cert_2_last_rotated: NA,
};

export function createIamBuilder(options: {
  accountId: string;
  rng: TRng;
  homeRegion: string;
}): TIamBuilder {
  const { accountId, rng, homeRegion } = options;
  const users: TWorldShape<UserDetail>[] = [];
  const groups: TWorldShape<GroupDetail>[] = [];
  const roles: TWorldRoleDetail[] = [];
  const customerPolicies: TWorldShape<ManagedPolicyDetail>[] = [];
  const reportRows: TCredentialReportRow[] = [];
  const mfaDevices: NonNullable<TWorldIam["MFADevices"]> = {};
  const virtualMfaDevices: NonNullable<TWorldIam["VirtualMFADevices"]> = [];
  let rootRow: TCredentialReportRow | undefined;
  let passwordPolicy: TWorldIam["PasswordPolicy"] | undefined;
  let rootAccessKeys = 0;
  let rootMfa = false;

  const resolvePolicy = (ref: TPolicyRef): { PolicyName: string; PolicyArn: string } => {
    if (ref.startsWith("arn:"))
      return { PolicyName: ref.slice(ref.lastIndexOf("/") + 1), PolicyArn: ref };
    if (!AWS_MANAGED_POLICIES[ref]) throw new Error(`Unknown AWS-managed policy "${ref}"`);
    return { PolicyName: ref, PolicyArn: buildAwsManagedPolicyArn(ref) };
  };
  const toInline = (list: TInlinePolicy[] | undefined) =>
    (list ?? []).map((p) => ({ PolicyName: p.name, PolicyDocument: p.document }));

  const builder: TIamBuilder = {
    accountId,
    roleArn: (name, path = "/") => `arn:aws:iam::${accountId}:role${path}${name}`,
    policyArn: (name) => `arn:aws:iam::${accountId}:policy/${name}`,
    getRole(name) {
      const role = roles.find((r) => r.RoleName === name);
      if (!role)
        throw new Error(`account ${accountId} has no role "${name}" (add it before using it)`);
      return role;
    },

    addRole(o) {
      const path = o.path ?? "/";
      const created = o.createdDaysAgo ?? rng.int(30, 900);
      const role: TWorldRoleDetail = {
        Path: path,
        RoleName: o.name,
        RoleId: `AROA${rng.upper(17)}`,
        Arn: builder.roleArn(o.name, path),
        CreateDate: days(created),
        AssumeRolePolicyDocument: o.trustPolicy,
        InstanceProfileList: [],
        RolePolicyList: toInline(o.inlinePolicies),
        AttachedManagedPolicies: (o.managedPolicies ?? []).map(resolvePolicy),
        Tags: o.tags ?? [],
        RoleLastUsed:
          o.lastUsedDaysAgo === undefined
            ? {}
            : { LastUsedDate: days(o.lastUsedDaysAgo), Region: homeRegion },
      };
      if (o.permissionsBoundary) {
        role.PermissionsBoundary = {
          PermissionsBoundaryType: "PermissionsBoundaryPolicy",
          PermissionsBoundaryArn: resolvePolicy(o.permissionsBoundary).PolicyArn,
        };
      }
      if (o.withInstanceProfile) {
        role.InstanceProfileList = [
          {
            Path: path,
            InstanceProfileName: o.name,
            InstanceProfileId: `AIPA${rng.upper(17)}`,
            Arn: `arn:aws:iam::${accountId}:instance-profile${path}${o.name}`,
            CreateDate: days(created),
            Roles: [
              {
                Path: path,
                RoleName: o.name,
                RoleId: role.RoleId,
                Arn: role.Arn,
                CreateDate: days(created),
                AssumeRolePolicyDocument: o.trustPolicy,
              },
            ],
          },
        ];
      }
      roles.push(role);
      return role;
    },

    addUser(o) {
      const created = o.createdDaysAgo ?? rng.int(60, 1500);
      const arn = `arn:aws:iam::${accountId}:user/${o.name}`;
      const user: TWorldShape<UserDetail> = {
        Path: "/",
        UserName: o.name,
        UserId: `AIDA${rng.upper(17)}`,
        Arn: arn,
        CreateDate: days(created),
        UserPolicyList: toInline(o.inlinePolicies),
        GroupList: o.groups ?? [],
        AttachedManagedPolicies: (o.managedPolicies ?? []).map(resolvePolicy),
        Tags: o.tags ?? [],
      };
      users.push(user);
      if (o.mfa) {
        const serial =
          o.mfa === "virtual" ? `arn:aws:iam::${accountId}:mfa/${o.name}` : `GAHT${rng.upper(8)}`;
        mfaDevices[o.name] = [
          { UserName: o.name, SerialNumber: serial, EnableDate: days(Math.max(1, created - 5)) },
        ];
        if (o.mfa === "virtual") {
          virtualMfaDevices.push({
            SerialNumber: serial,
            User: {
              UserName: o.name,
              UserId: user.UserId ?? "",
              Arn: arn,
              Path: "/",
              CreateDate: days(created),
            },
            EnableDate: days(Math.max(1, created - 5)),
          });
        }
      }
      const keys = o.accessKeys ?? [];
      reportRows.push({
        user: o.name,
        arn,
        user_creation_time: days(created),
        password_enabled: String(o.console !== undefined),
        password_last_used:
          o.console?.lastUsedDaysAgo !== undefined
            ? days(o.console.lastUsedDaysAgo)
            : o.console
              ? "no_information"
              : NA,
        password_last_changed: o.console ? days(o.console.changedDaysAgo) : NA,
        password_next_rotation: NA,
        mfa_active: String(o.mfa !== undefined),
        ...buildKeyColumns(1, keys[0], homeRegion),
        ...buildKeyColumns(2, keys[1], homeRegion),
        ...CERT_COLUMNS,
      });
      return user;
    },

    addGroup(o) {
      const group: TWorldShape<GroupDetail> = {
        Path: "/",
        GroupName: o.name,
        GroupId: `AGPA${rng.upper(17)}`,
        Arn: `arn:aws:iam::${accountId}:group/${o.name}`,
        CreateDate: days(rng.int(200, 1500)),
        GroupPolicyList: toInline(o.inlinePolicies),
        AttachedManagedPolicies: (o.managedPolicies ?? []).map(resolvePolicy),
      };
      groups.push(group);
      return group;
    },

    addCustomerPolicy(o) {
      const created = o.createdDaysAgo ?? rng.int(60, 900);
      const versions = [...(o.previousVersions ?? []), o.document];
      const policy: TWorldShape<ManagedPolicyDetail> = {
        PolicyName: o.name,
        PolicyId: `ANPA${rng.upper(17)}`,
        Arn: builder.policyArn(o.name),
        Path: "/",
        DefaultVersionId: `v${versions.length}`,
        AttachmentCount: 0,
        PermissionsBoundaryUsageCount: 0,
        IsAttachable: true,
        CreateDate: days(created),
        UpdateDate: days(Math.max(1, created - 10 * (versions.length - 1))),
        PolicyVersionList: versions
          .map((document, i) => ({
            Document: document,
            VersionId: `v${i + 1}`,
            IsDefaultVersion: i === versions.length - 1,
            CreateDate: days(Math.max(1, created - 10 * i)),
          }))
          .reverse(),
      };
      if (o.description) policy.Description = o.description;
      customerPolicies.push(policy);
      return policy;
    },

    setRoot(o) {
      rootMfa = o.mfa !== "none";
      rootAccessKeys = o.accessKey?.active ? 1 : 0;
      if (o.mfa === "virtual") {
        virtualMfaDevices.push({
          SerialNumber: `arn:aws:iam::${accountId}:mfa/root-account-mfa-device`,
          User: {
            UserName: "",
            UserId: accountId,
            Arn: `arn:aws:iam::${accountId}:root`,
            Path: "",
            CreateDate: days(2000),
          },
          EnableDate: days(1900),
        });
      }
      rootRow = {
        user: "<root_account>",
        arn: `arn:aws:iam::${accountId}:root`,
        user_creation_time: days(2000),
        password_enabled: "not_supported",
        password_last_used:
          o.passwordLastUsedDaysAgo === undefined
            ? "no_information"
            : days(o.passwordLastUsedDaysAgo),
        password_last_changed: "not_supported",
        password_next_rotation: "not_supported",
        mfa_active: String(rootMfa),
        ...buildKeyColumns(1, o.accessKey, homeRegion),
        ...buildKeyColumns(2, undefined, homeRegion),
        ...CERT_COLUMNS,
      };
    },

    setPasswordPolicy(policy) {
      passwordPolicy = policy;
    },

    build() {
      // AttachmentCount of every attached policy; AWS-managed ones are listed when attached.
      const counts = new Map<string, number>();
      const count = (list: { PolicyArn?: string }[] | undefined) => {
        for (const p of list ?? [])
          if (p.PolicyArn) counts.set(p.PolicyArn, (counts.get(p.PolicyArn) ?? 0) + 1);
      };
      for (const u of users) count(u.AttachedManagedPolicies);
      for (const g of groups) count(g.AttachedManagedPolicies);
      for (const r of roles) count(r.AttachedManagedPolicies);
      const boundaryCounts = new Map<string, number>();
      for (const r of roles) {
        const arn = r.PermissionsBoundary?.PermissionsBoundaryArn;
        if (arn) boundaryCounts.set(arn, (boundaryCounts.get(arn) ?? 0) + 1);
      }
      for (const p of customerPolicies) {
        p.AttachmentCount = counts.get(p.Arn ?? "") ?? 0;
        p.PermissionsBoundaryUsageCount = boundaryCounts.get(p.Arn ?? "") ?? 0;
      }
      const awsManaged = Object.keys(AWS_MANAGED_POLICIES)
        .filter(
          (name) =>
            counts.has(buildAwsManagedPolicyArn(name)) ||
            boundaryCounts.has(buildAwsManagedPolicyArn(name)),
        )
        .map((name) =>
          buildAwsManagedPolicyDetail(name, counts.get(buildAwsManagedPolicyArn(name)) ?? 0),
        );
      const iam: TWorldIam = {
        AuthorizationDetails: {
          UserDetailList: users,
          GroupDetailList: groups,
          RoleDetailList: roles,
          Policies: [...customerPolicies, ...awsManaged],
        },
        CredentialReport: rootRow ? [rootRow, ...reportRows] : reportRows,
        AccountSummary: {
          AccountMFAEnabled: rootMfa ? 1 : 0,
          AccountAccessKeysPresent: rootAccessKeys,
          AccountSigningCertificatesPresent: 0,
          Users: users.length,
          UsersQuota: 5000,
          Groups: groups.length,
          GroupsQuota: 300,
          Roles: roles.length,
          RolesQuota: 1000,
          Policies: customerPolicies.length,
          PoliciesQuota: 1500,
          InstanceProfiles: roles.filter((r) => (r.InstanceProfileList ?? []).length > 0).length,
          MFADevices: virtualMfaDevices.length + Object.keys(mfaDevices).length,
          MFADevicesInUse: Object.keys(mfaDevices).length + (rootMfa ? 1 : 0),
          AccessKeysPerUserQuota: 2,
          ServerCertificates: 0,
          Providers: roles.some((r) => r.Path === "/aws-reserved/sso.amazonaws.com/") ? 1 : 0,
          AttachedPoliciesPerRoleQuota: 10,
        },
        AccountAliases: [],
        MFADevices: mfaDevices,
        VirtualMFADevices: virtualMfaDevices,
      };
      if (passwordPolicy) iam.PasswordPolicy = passwordPolicy;
      return iam;
    },
  };
  return builder;
}
