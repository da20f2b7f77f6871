/**
 * Loads a world (WORLD.md, version 1): validates it (errors name the JSON path), resolves
 * relative timestamps ("now-90d") against one moment, and builds the indexes the request
 * path uses (accounts by id, roles by ARN, OU tree, policies by target…).
 */
import { readFileSync } from "node:fs";
import { getShapeTable, listTimestampMemberNames } from "../protocols/shapes";
import type {
  TAwsObject,
  TWorld,
  TWorldAccount,
  TWorldOrganizationalUnit,
  TWorldPolicy,
  TWorldRegion,
  TWorldRole,
  TWorldRoot,
} from "./world.types";

export class WorldValidationError extends Error {
  readonly path: string;
  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = "WorldValidationError";
    this.path = path;
  }
}

export interface TLoadedRole {
  account: TWorldAccount;
  role: TWorldRole;
}

export interface TLoadedWorld {
  world: TWorld;
  /** The moment relative timestamps were resolved against. */
  now: Date;
  vendorArn: string;
  accountsById: Map<string, TWorldAccount>;
  rolesByArn: Map<string, TLoadedRole>;
  rootsById: Map<string, TWorldRoot>;
  ousById: Map<string, TWorldOrganizationalUnit>;
  /** parent id (root or OU) → child OUs, in world order */
  ousByParent: Map<string, TWorldOrganizationalUnit[]>;
  /** parent id (root or OU) → accounts, in world order */
  accountsByParent: Map<string, TWorldAccount[]>;
  policiesById: Map<string, TWorldPolicy>;
  /** target id (root, OU or account) → policies attached to it */
  policiesByTarget: Map<string, TWorldPolicy[]>;
  /** every region any account uses, plus us-east-1, sorted */
  regions: string[];
}

const RELATIVE_TIME = /^now(?:-(\d+)([dhm]))?$/;
const UNIT_MS: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000 };
const REGION_KEY = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;
const ACCOUNT_ID = /^\d{12}$/;
const CREDENTIAL_REPORT_NON_DATES = new Set(["N/A", "not_supported", "no_information", ""]);
const CREDENTIAL_REPORT_DATE_COLUMN = /(_time|_last_used|_last_changed|_next_rotation|_last_rotated|_last_used_date)$/;
const SERVICE_LISTS: Record<string, readonly string[]> = {
  ec2: [
    "Instances",
    "SecurityGroups",
    "Vpcs",
    "Subnets",
    "FlowLogs",
    "VpcEndpoints",
    "Volumes",
    "Snapshots",
    "NetworkInterfaces",
    "Addresses",
  ],
  lambda: ["Functions"],
  eks: ["Clusters"],
  sqs: ["Queues"],
  sns: ["Topics"],
  rds: ["DBInstances", "DBSnapshots"],
  cloudtrail: ["Trails"],
  kms: ["Keys"],
  guardduty: ["Detectors"],
  config: ["ConfigurationRecorders", "ConfigurationRecordersStatus"],
  accessanalyzer: ["Analyzers"],
  route53: ["HostedZones"],
  ecs: ["Clusters", "Services", "Tasks", "TaskDefinitions"],
  secretsmanager: ["Secrets"],
};
/** Fields each list element must carry (the sandbox finds resources by them). */
const REQUIRED_ELEMENT_FIELDS: Record<string, string> = {
  "lambda.Functions": "FunctionName",
  "eks.Clusters": "name",
  "sqs.Queues": "QueueUrl",
  "sns.Topics": "TopicArn",
  "cloudtrail.Trails": "Name",
  "guardduty.Detectors": "DetectorId",
  "route53.HostedZones": "Id",
  "ec2.Instances": "InstanceId",
  "ec2.Snapshots": "SnapshotId",
  "ecs.Clusters": "clusterName",
  "ecs.Services": "serviceArn",
  "ecs.Tasks": "taskArn",
  "ecs.TaskDefinitions": "taskDefinitionArn",
  "secretsmanager.Secrets": "ARN",
};

let timestampFields: Set<string> | undefined;
function getTimestampFields(): Set<string> {
  timestampFields ??= listTimestampMemberNames(getShapeTable());
  return timestampFields;
}

export function formatPathKey(parent: string, key: string | number): string {
  if (typeof key === "number") return `${parent}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

function isObject(value: unknown): value is TAwsObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function expectObject(value: unknown, path: string): TAwsObject {
  if (!isObject(value)) throw new WorldValidationError(path, `expected an object, got ${describe(value)}`);
  return value;
}

function expectArray(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new WorldValidationError(path, `expected a list, got ${describe(value)}`);
  return value;
}

function expectOptionalArray(parent: TAwsObject, key: string, path: string): unknown[] {
  const value = parent[key];
  if (value === undefined || value === null) return [];
  return expectArray(value, formatPathKey(path, key));
}

function expectString(parent: TAwsObject, key: string, path: string): string {
  const value = parent[key];
  if (typeof value !== "string" || value === "") {
    throw new WorldValidationError(formatPathKey(path, key), `expected a non-empty string, got ${describe(value)}`);
  }
  return value;
}

function expectOptionalString(parent: TAwsObject, key: string, path: string): void {
  const value = parent[key];
  if (value !== undefined && typeof value !== "string") {
    throw new WorldValidationError(formatPathKey(path, key), `expected a string, got ${describe(value)}`);
  }
}

function expectNumber(value: unknown, path: string, min: number, max = Number.POSITIVE_INFINITY): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
    throw new WorldValidationError(path, `expected a number in [${min}, ${max}], got ${describe(value)}`);
  }
  return value;
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return typeof value === "object" ? "an object" : `${typeof value} ${String(value)}`;
}

/** Resolves "now", "now-90d", "now-36h", "now-15m" to ISO 8601; other strings are returned as is. */
export function resolveRelativeTime(value: string, now: Date, path: string): string {
  const match = RELATIVE_TIME.exec(value);
  if (!match) {
    if (value.startsWith("now")) {
      throw new WorldValidationError(path, `bad relative timestamp ${JSON.stringify(value)} (use now, now-90d, now-36h, now-15m)`);
    }
    return value;
  }
  const amount = match[1] ? Number(match[1]) : 0;
  const unit = match[2] ?? "d";
  return new Date(now.getTime() - amount * (UNIT_MS[unit] ?? 0)).toISOString();
}

/** Deep-copies `value`, resolving relative timestamps and checking timestamp fields parse. */
function resolveTimes(value: unknown, now: Date, path: string, key: string | undefined): unknown {
  if (typeof value === "string") {
    const resolved = resolveRelativeTime(value, now, path);
    if (key !== undefined && getTimestampFields().has(key) && Number.isNaN(Date.parse(resolved))) {
      throw new WorldValidationError(path, `bad timestamp ${describe(value)}`);
    }
    return resolved;
  }
  if (Array.isArray(value)) return value.map((item, i) => resolveTimes(item, now, formatPathKey(path, i), undefined));
  if (isObject(value)) {
    const out: TAwsObject = {};
    for (const [k, v] of Object.entries(value)) out[k] = resolveTimes(v, now, formatPathKey(path, k), k);
    return out;
  }
  return value;
}

function validateCredentialReport(rows: unknown[], path: string): void {
  rows.forEach((row, i) => {
    const rowPath = formatPathKey(path, i);
    const object = expectObject(row, rowPath);
    expectString(object, "user", rowPath);
    for (const [column, value] of Object.entries(object)) {
      if (typeof value !== "string") {
        throw new WorldValidationError(formatPathKey(rowPath, column), `expected a string, got ${describe(value)}`);
      }
      if (CREDENTIAL_REPORT_DATE_COLUMN.test(column) && !CREDENTIAL_REPORT_NON_DATES.has(value) && !RELATIVE_TIME.test(value) && Number.isNaN(Date.parse(value))) {
        throw new WorldValidationError(formatPathKey(rowPath, column), `bad timestamp ${describe(value)}`);
      }
    }
  });
}

function validateOrganization(org: TAwsObject, path: string): void {
  expectString(org, "Id", path);
  expectString(org, "Arn", path);
  expectString(org, "MasterAccountId", path);
  expectOptionalString(org, "FeatureSet", path);
  const roots = expectArray(org.Roots, formatPathKey(path, "Roots"));
  if (roots.length === 0) throw new WorldValidationError(formatPathKey(path, "Roots"), "an organization has one root");
  roots.forEach((root, i) => expectString(expectObject(root, formatPathKey(formatPathKey(path, "Roots"), i)), "Id", formatPathKey(formatPathKey(path, "Roots"), i)));
  const ousPath = formatPathKey(path, "OrganizationalUnits");
  expectOptionalArray(org, "OrganizationalUnits", path).forEach((ou, i) => {
    const ouPath = formatPathKey(ousPath, i);
    const object = expectObject(ou, ouPath);
    expectString(object, "Id", ouPath);
    expectString(object, "ParentId", ouPath);
  });
  const policiesPath = formatPathKey(path, "Policies");
  expectOptionalArray(org, "Policies", path).forEach((policy, i) => {
    const policyPath = formatPathKey(policiesPath, i);
    const object = expectObject(policy, policyPath);
    expectString(expectObject(object.PolicySummary, formatPathKey(policyPath, "PolicySummary")), "Id", formatPathKey(policyPath, "PolicySummary"));
    expectString(object, "Content", policyPath);
    expectArray(object.Targets, formatPathKey(policyPath, "Targets")).forEach((target, j) => {
      if (typeof target !== "string") {
        throw new WorldValidationError(formatPathKey(formatPathKey(policyPath, "Targets"), j), `expected a target id, got ${describe(target)}`);
      }
    });
  });
}

function validateRegion(region: TAwsObject, path: string): void {
  for (const [service, lists] of Object.entries(SERVICE_LISTS)) {
    if (region[service] === undefined) continue;
    const servicePath = formatPathKey(path, service);
    const block = expectObject(region[service], servicePath);
    for (const list of lists) {
      const listPath = formatPathKey(servicePath, list);
      expectOptionalArray(block, list, servicePath).forEach((element, i) => {
        const object = expectObject(element, formatPathKey(listPath, i));
        const required = REQUIRED_ELEMENT_FIELDS[`${service}.${list}`];
        if (required) expectString(object, required, formatPathKey(listPath, i));
      });
    }
  }
  if (isObject(region.ec2) && region.ec2.EbsEncryptionByDefault !== undefined && typeof region.ec2.EbsEncryptionByDefault !== "boolean") {
    throw new WorldValidationError(formatPathKey(formatPathKey(path, "ec2"), "EbsEncryptionByDefault"), `expected a boolean, got ${describe(region.ec2.EbsEncryptionByDefault)}`);
  }
  if (isObject(region.kms)) {
    const keysPath = formatPathKey(formatPathKey(path, "kms"), "Keys");
    expectOptionalArray(region.kms, "Keys", formatPathKey(path, "kms")).forEach((key, i) => {
      const metadataPath = formatPathKey(formatPathKey(keysPath, i), "KeyMetadata");
      expectString(expectObject((key as TAwsObject).KeyMetadata, metadataPath), "KeyId", metadataPath);
    });
  }
}

function validateAccount(account: TAwsObject, path: string): void {
  const id = expectString(account, "Id", path);
  if (!ACCOUNT_ID.test(id)) throw new WorldValidationError(formatPathKey(path, "Id"), `an account id has 12 digits, got ${describe(id)}`);
  expectString(account, "Name", path);
  expectString(account, "ParentId", path);
  expectOptionalString(account, "Status", path);
  expectOptionalArray(account, "Tags", path);
  if (account.iam !== undefined) {
    const iamPath = formatPathKey(path, "iam");
    const iam = expectObject(account.iam, iamPath);
    if (iam.AuthorizationDetails !== undefined) {
      const detailsPath = formatPathKey(iamPath, "AuthorizationDetails");
      const details = expectObject(iam.AuthorizationDetails, detailsPath);
      for (const list of ["UserDetailList", "GroupDetailList", "Policies"]) {
        expectOptionalArray(details, list, detailsPath).forEach((item, i) => expectObject(item, formatPathKey(formatPathKey(detailsPath, list), i)));
      }
      const rolesPath = formatPathKey(detailsPath, "RoleDetailList");
      expectOptionalArray(details, "RoleDetailList", detailsPath).forEach((role, i) => {
        const rolePath = formatPathKey(rolesPath, i);
        const object = expectObject(role, rolePath);
        expectString(object, "RoleName", rolePath);
        const arn = expectString(object, "Arn", rolePath);
        const arnAccount = /^arn:aws[\w-]*:iam::(\d{12}):role\//.exec(arn)?.[1];
        if (!arnAccount) throw new WorldValidationError(formatPathKey(rolePath, "Arn"), `not a role ARN: ${describe(arn)}`);
        if (arnAccount !== id) {
          throw new WorldValidationError(formatPathKey(rolePath, "Arn"), `role ARN names account ${arnAccount}, but the role sits in account ${id}`);
        }
        expectOptionalString(object, "AssumeRolePolicyDocument", rolePath);
      });
    }
    if (iam.CredentialReport !== undefined) validateCredentialReport(expectArray(iam.CredentialReport, formatPathKey(iamPath, "CredentialReport")), formatPathKey(iamPath, "CredentialReport"));
    if (iam.AccountSummary !== undefined) expectObject(iam.AccountSummary, formatPathKey(iamPath, "AccountSummary"));
    if (iam.PasswordPolicy !== undefined) expectObject(iam.PasswordPolicy, formatPathKey(iamPath, "PasswordPolicy"));
    expectOptionalArray(iam, "AccountAliases", iamPath).forEach((alias, i) => {
      if (typeof alias !== "string") throw new WorldValidationError(formatPathKey(formatPathKey(iamPath, "AccountAliases"), i), `expected a string, got ${describe(alias)}`);
    });
    if (iam.MFADevices !== undefined) {
      const mfaPath = formatPathKey(iamPath, "MFADevices");
      for (const [user, devices] of Object.entries(expectObject(iam.MFADevices, mfaPath))) expectArray(devices, formatPathKey(mfaPath, user));
    }
    expectOptionalArray(iam, "VirtualMFADevices", iamPath);
  }
  if (account.s3 !== undefined) {
    const s3Path = formatPathKey(path, "s3");
    const s3 = expectObject(account.s3, s3Path);
    if (s3.AccountPublicAccessBlock !== undefined) expectObject(s3.AccountPublicAccessBlock, formatPathKey(s3Path, "AccountPublicAccessBlock"));
    const bucketsPath = formatPathKey(s3Path, "Buckets");
    expectOptionalArray(s3, "Buckets", s3Path).forEach((bucket, i) => {
      const bucketPath = formatPathKey(bucketsPath, i);
      const object = expectObject(bucket, bucketPath);
      expectString(object, "Name", bucketPath);
      expectOptionalString(object, "BucketRegion", bucketPath);
      expectOptionalString(object, "Policy", bucketPath);
      for (const key of ["Acl", "PublicAccessBlockConfiguration", "ServerSideEncryptionConfiguration", "Versioning", "LoggingEnabled"]) {
        if (object[key] !== undefined) expectObject(object[key], formatPathKey(bucketPath, key));
      }
      expectOptionalArray(object, "LifecycleRules", bucketPath);
      expectOptionalArray(object, "TagSet", bucketPath);
    });
  }
  if (account.regions !== undefined) {
    const regionsPath = formatPathKey(path, "regions");
    for (const [name, region] of Object.entries(expectObject(account.regions, regionsPath))) {
      const regionPath = formatPathKey(regionsPath, name);
      if (!REGION_KEY.test(name)) throw new WorldValidationError(regionPath, `not an AWS region name: ${JSON.stringify(name)}`);
      validateRegion(expectObject(region, regionPath), regionPath);
    }
  }
}

function validateBehaviour(behaviour: TAwsObject, path: string): void {
  if (behaviour.latencyMs !== undefined) expectNumber(behaviour.latencyMs, formatPathKey(path, "latencyMs"), 0);
  if (behaviour.pageSize !== undefined) {
    const pageSize = expectNumber(behaviour.pageSize, formatPathKey(path, "pageSize"), 1);
    if (!Number.isInteger(pageSize)) throw new WorldValidationError(formatPathKey(path, "pageSize"), "expected an integer");
  }
  if (behaviour.throttle !== undefined) {
    const throttlePath = formatPathKey(path, "throttle");
    for (const [service, bucket] of Object.entries(expectObject(behaviour.throttle, throttlePath))) {
      const bucketPath = formatPathKey(throttlePath, service);
      const object = expectObject(bucket, bucketPath);
      expectNumber(object.burst, formatPathKey(bucketPath, "burst"), 1);
      expectNumber(object.refillPerSecond, formatPathKey(bucketPath, "refillPerSecond"), 0);
    }
  }
  const faultsPath = formatPathKey(path, "faults");
  expectOptionalArray(behaviour, "faults", path).forEach((fault, i) => {
    const faultPath = formatPathKey(faultsPath, i);
    const object = expectObject(fault, faultPath);
    expectString(object, "error", faultPath);
    for (const key of ["account", "region", "service", "operation", "message"]) expectOptionalString(object, key, faultPath);
    if (object.probability !== undefined) expectNumber(object.probability, formatPathKey(faultPath, "probability"), 0, 1);
  });
}

/** Validates a parsed world, resolves its relative timestamps and indexes it. */
export function loadWorld(input: unknown, options: { now?: Date } = {}): TLoadedWorld {
  const now = options.now ?? new Date();
  const root = expectObject(input, "$");
  if (root.version !== 1) throw new WorldValidationError("$.version", `expected 1, got ${describe(root.version)}`);
  const vendor = expectObject(root.vendor, "$.vendor");
  const vendorAccount = expectString(vendor, "accountId", "$.vendor");
  if (!ACCOUNT_ID.test(vendorAccount)) throw new WorldValidationError("$.vendor.accountId", `an account id has 12 digits, got ${describe(vendorAccount)}`);
  for (const key of ["userName", "accessKeyId", "secretAccessKey"]) expectString(vendor, key, "$.vendor");
  validateOrganization(expectObject(root.organization, "$.organization"), "$.organization");
  const accounts = expectArray(root.accounts, "$.accounts");
  accounts.forEach((account, i) => validateAccount(expectObject(account, formatPathKey("$.accounts", i)), formatPathKey("$.accounts", i)));
  if (root.behaviour !== undefined) validateBehaviour(expectObject(root.behaviour, "$.behaviour"), "$.behaviour");

  const world = resolveTimes(root, now, "$", undefined) as TWorld;
  return indexWorld(world, now);
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function indexWorld(world: TWorld, now: Date): TLoadedWorld {
  const org = world.organization;
  const rootsById = new Map(org.Roots.map((r) => [r.Id, r] as const));
  const ousById = new Map<string, TWorldOrganizationalUnit>();
  const ousByParent = new Map<string, TWorldOrganizationalUnit[]>();
  (org.OrganizationalUnits ?? []).forEach((ou, i) => {
    if (ousById.has(ou.Id) || rootsById.has(ou.Id)) throw new WorldValidationError(`$.organization.OrganizationalUnits[${i}].Id`, `duplicate id ${ou.Id}`);
    ousById.set(ou.Id, ou);
  });
  (org.OrganizationalUnits ?? []).forEach((ou, i) => {
    if (!rootsById.has(ou.ParentId) && !ousById.has(ou.ParentId)) {
      throw new WorldValidationError(`$.organization.OrganizationalUnits[${i}].ParentId`, `no root or OU ${ou.ParentId}`);
    }
    pushTo(ousByParent, ou.ParentId, ou);
  });
  const accountsById = new Map<string, TWorldAccount>();
  const accountsByParent = new Map<string, TWorldAccount[]>();
  const rolesByArn = new Map<string, TLoadedRole>();
  const regions = new Set<string>(["us-east-1"]);
  world.accounts.forEach((account, i) => {
    if (accountsById.has(account.Id)) throw new WorldValidationError(`$.accounts[${i}].Id`, `duplicate account id ${account.Id}`);
    if (!rootsById.has(account.ParentId) && !ousById.has(account.ParentId)) {
      throw new WorldValidationError(`$.accounts[${i}].ParentId`, `no root or OU ${account.ParentId}`);
    }
    accountsById.set(account.Id, account);
    pushTo(accountsByParent, account.ParentId, account);
    for (const role of account.iam?.AuthorizationDetails?.RoleDetailList ?? []) rolesByArn.set(role.Arn, { account, role });
    for (const region of Object.keys(account.regions ?? {})) regions.add(region);
    for (const bucket of account.s3?.Buckets ?? []) if (bucket.BucketRegion) regions.add(bucket.BucketRegion);
  });
  if (!accountsById.has(org.MasterAccountId)) {
    throw new WorldValidationError("$.organization.MasterAccountId", `account ${org.MasterAccountId} is not in $.accounts`);
  }
  const policiesById = new Map<string, TWorldPolicy>();
  const policiesByTarget = new Map<string, TWorldPolicy[]>();
  (org.Policies ?? []).forEach((policy, i) => {
    policiesById.set(policy.PolicySummary.Id, policy);
    policy.Targets.forEach((target, j) => {
      if (!rootsById.has(target) && !ousById.has(target) && !accountsById.has(target)) {
        throw new WorldValidationError(`$.organization.Policies[${i}].Targets[${j}]`, `no root, OU or account ${target}`);
      }
      pushTo(policiesByTarget, target, policy);
    });
  });
  return {
    world,
    now,
    vendorArn: `arn:aws:iam::${world.vendor.accountId}:user/${world.vendor.userName}`,
    accountsById,
    rolesByArn,
    rootsById,
    ousById,
    ousByParent,
    accountsByParent,
    policiesById,
    policiesByTarget,
    regions: [...regions].sort(),
  };
}

/** Reads, parses and loads a world file. */
export function loadWorldFile(path: string, options: { now?: Date } = {}): TLoadedWorld {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new WorldValidationError("$", `cannot read world file ${path}: ${(error as Error).message}`);
  }
  return loadWorld(parsed, options);
}

/** The region block of one account (empty when the world leaves that region out). */
export function getRegion(account: TWorldAccount | undefined, region: string): TWorldRegion {
  return account?.regions?.[region] ?? {};
}
