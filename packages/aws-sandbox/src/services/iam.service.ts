/** IAM (global): authorization details (URL-encoded documents), credential report, summary… */
import { SandboxError } from "../server/sandbox-error";
import { paginate, readFormList, readNumber, readString, type THandler, type TRequestContext } from "../server/request-context";
import type { TAwsObject, TWorldIam } from "../world/world.types";

export const CREDENTIAL_REPORT_COLUMNS = [
  "user",
  "arn",
  "user_creation_time",
  "password_enabled",
  "password_last_used",
  "password_last_changed",
  "password_next_rotation",
  "mfa_active",
  "access_key_1_active",
  "access_key_1_last_rotated",
  "access_key_1_last_used_date",
  "access_key_1_last_used_region",
  "access_key_1_last_used_service",
  "access_key_2_active",
  "access_key_2_last_rotated",
  "access_key_2_last_used_date",
  "access_key_2_last_used_region",
  "access_key_2_last_used_service",
  "cert_1_active",
  "cert_1_last_rotated",
  "cert_2_active",
  "cert_2_last_rotated",
] as const;

const DATE_COLUMN = /(_time|_last_used|_last_changed|_next_rotation|_last_rotated|_last_used_date)$/;

function iamOf(ctx: TRequestContext): TWorldIam {
  return ctx.account?.iam ?? {};
}

/** IAM answers policy documents URL-encoded (RFC 3986). */
export function encodePolicyDocument(document: unknown): unknown {
  if (typeof document !== "string") return document === undefined ? undefined : encodeURIComponent(JSON.stringify(document));
  if (/^\s*[[{]/.test(document)) return encodeURIComponent(document);
  return document;
}

function encodeInlinePolicies(list: unknown): unknown {
  if (!Array.isArray(list)) return list;
  return list.map((p: TAwsObject) => ({ ...p, PolicyDocument: encodePolicyDocument(p.PolicyDocument) }));
}

function encodeRole(role: TAwsObject): TAwsObject {
  return {
    ...role,
    AssumeRolePolicyDocument: encodePolicyDocument(role.AssumeRolePolicyDocument),
    RolePolicyList: encodeInlinePolicies(role.RolePolicyList),
    InstanceProfileList: Array.isArray(role.InstanceProfileList)
      ? role.InstanceProfileList.map((profile: TAwsObject) => ({
          ...profile,
          Roles: Array.isArray(profile.Roles)
            ? profile.Roles.map((r: TAwsObject) => ({ ...r, AssumeRolePolicyDocument: encodePolicyDocument(r.AssumeRolePolicyDocument) }))
            : profile.Roles,
        }))
      : role.InstanceProfileList,
  };
}

function encodeManagedPolicy(policy: TAwsObject): TAwsObject {
  return {
    ...policy,
    PolicyVersionList: Array.isArray(policy.PolicyVersionList)
      ? policy.PolicyVersionList.map((v: TAwsObject) => ({ ...v, Document: encodePolicyDocument(v.Document) }))
      : policy.PolicyVersionList,
  };
}

/** World entities are immutable once loaded: encode each one once. */
const encodedEntities = new WeakMap<TAwsObject, TAwsObject>();

function encodeEntity(list: TEntity["list"], item: TAwsObject): TAwsObject {
  let encoded = encodedEntities.get(item);
  if (!encoded) {
    encoded =
      list === "RoleDetailList"
        ? encodeRole(item)
        : list === "Policies"
          ? encodeManagedPolicy(item)
          : list === "UserDetailList"
            ? { ...item, UserPolicyList: encodeInlinePolicies(item.UserPolicyList) }
            : { ...item, GroupPolicyList: encodeInlinePolicies(item.GroupPolicyList) };
    encodedEntities.set(item, encoded);
  }
  return encoded;
}

type TEntity = { list: "UserDetailList" | "GroupDetailList" | "RoleDetailList" | "Policies"; item: TAwsObject };

const FILTERS: Record<string, TEntity["list"]> = {
  User: "UserDetailList",
  Group: "GroupDetailList",
  Role: "RoleDetailList",
  LocalManagedPolicy: "Policies",
  AWSManagedPolicy: "Policies",
};

function getAccountAuthorizationDetails(ctx: TRequestContext): Record<string, unknown> {
  const details = iamOf(ctx).AuthorizationDetails ?? {};
  const filter = readFormList(ctx, "Filter");
  const wanted = new Set(filter.map((f) => FILTERS[f]).filter(Boolean));
  const include = (list: TEntity["list"]) => wanted.size === 0 || wanted.has(list);
  const entities: TEntity[] = [];
  for (const list of ["UserDetailList", "GroupDetailList", "RoleDetailList", "Policies"] as const) {
    if (!include(list)) continue;
    for (const item of (details[list] ?? []) as TAwsObject[]) {
      if (list === "Policies" && filter.length > 0) {
        const awsManaged = String(item.Arn ?? "").startsWith("arn:aws:iam::aws:");
        if (awsManaged && !filter.includes("AWSManagedPolicy")) continue;
        if (!awsManaged && !filter.includes("LocalManagedPolicy")) continue;
      }
      entities.push({ list, item });
    }
  }
  const page = paginate(ctx, entities, { token: readString(ctx, "Marker"), max: readNumber(ctx, "MaxItems"), defaultMax: 100, invalidTokenCode: "InvalidInput" });
  const out: Record<string, unknown> = { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [], IsTruncated: page.next !== undefined };
  for (const { list, item } of page.items) (out[list] as TAwsObject[]).push(encodeEntity(list, item));
  if (page.next) out.Marker = page.next;
  return out;
}

function formatReportDate(value: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return value;
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "+00:00");
}

function csvCell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The credential report CSV as GetCredentialReport returns it. */
export function renderCredentialReport(rows: Array<Record<string, string>>): string {
  const lines = [CREDENTIAL_REPORT_COLUMNS.join(",")];
  for (const row of rows) {
    lines.push(
      CREDENTIAL_REPORT_COLUMNS.map((column) => {
        const value = row[column] ?? "N/A";
        return csvCell(DATE_COLUMN.test(column) ? formatReportDate(value) : value);
      }).join(","),
    );
  }
  return lines.join("\n");
}

function listMfaDevices(ctx: TRequestContext): Record<string, unknown> {
  const iam = iamOf(ctx);
  const userName = readString(ctx, "UserName") ?? (ctx.principal.roleArn ? undefined : ctx.principal.arn.split("/").pop());
  let devices: TAwsObject[] = [];
  if (userName) {
    const known =
      iam.MFADevices?.[userName] !== undefined ||
      (iam.AuthorizationDetails?.UserDetailList ?? []).some((u) => u.UserName === userName) ||
      (iam.CredentialReport ?? []).some((row) => row.user === userName);
    if (!known && readString(ctx, "UserName")) throw new SandboxError("NoSuchEntity", `The user with name ${userName} cannot be found.`);
    devices = iam.MFADevices?.[userName] ?? [];
  }
  const page = paginate(ctx, devices, { token: readString(ctx, "Marker"), max: readNumber(ctx, "MaxItems"), defaultMax: 100, invalidTokenCode: "InvalidInput" });
  return { MFADevices: page.items, IsTruncated: page.next !== undefined, Marker: page.next };
}

function listVirtualMfaDevices(ctx: TRequestContext): Record<string, unknown> {
  const status = readString(ctx, "AssignmentStatus") ?? "Any";
  const devices = (iamOf(ctx).VirtualMFADevices ?? []).filter((device) => {
    if (status === "Assigned") return device.User !== undefined;
    if (status === "Unassigned") return device.User === undefined;
    return true;
  });
  const page = paginate(ctx, devices, { token: readString(ctx, "Marker"), max: readNumber(ctx, "MaxItems"), defaultMax: 100, invalidTokenCode: "InvalidInput" });
  return { VirtualMFADevices: page.items, IsTruncated: page.next !== undefined, Marker: page.next };
}

export const IAM_HANDLERS: Record<string, THandler> = {
  GetAccountAuthorizationDetails: getAccountAuthorizationDetails,
  GenerateCredentialReport(ctx) {
    const started = ctx.state.credentialReports.has(ctx.accountId);
    if (!started) ctx.state.credentialReports.set(ctx.accountId, ctx.state.clock());
    return started ? { State: "COMPLETE" } : { State: "STARTED", Description: "No report exists. Starting a new report generation task" };
  },
  GetCredentialReport(ctx) {
    const generatedAt = ctx.state.credentialReports.get(ctx.accountId);
    if (generatedAt === undefined) {
      throw new SandboxError("ReportNotPresent", "Unable to find a credential report for this account. Use GenerateCredentialReport to generate a report.");
    }
    return {
      Content: Buffer.from(renderCredentialReport(iamOf(ctx).CredentialReport ?? [])),
      ReportFormat: "text/csv",
      GeneratedTime: new Date(generatedAt).toISOString(),
    };
  },
  GetAccountSummary(ctx) {
    return { SummaryMap: iamOf(ctx).AccountSummary ?? {} };
  },
  GetAccountPasswordPolicy(ctx) {
    const policy = iamOf(ctx).PasswordPolicy;
    if (!policy) throw new SandboxError("NoSuchEntity", `The Password Policy with domain name ${ctx.accountId} cannot be found.`);
    return { PasswordPolicy: policy };
  },
  ListAccountAliases(ctx) {
    const page = paginate(ctx, iamOf(ctx).AccountAliases ?? [], { token: readString(ctx, "Marker"), max: readNumber(ctx, "MaxItems"), defaultMax: 100, invalidTokenCode: "InvalidInput" });
    return { AccountAliases: page.items, IsTruncated: page.next !== undefined, Marker: page.next };
  },
  ListMFADevices: listMfaDevices,
  ListVirtualMFADevices: listVirtualMfaDevices,
};
