import type { TCollectedResource, TResourceType, TServiceKey } from "@guardrail/collectors";
import { buildRuleContext, type TCollectionRecord, type TRuleContext } from "../src/context";
import type { TRuleDefinition, TRuleVerdict } from "../src/rule";

export const ACCOUNT = "111122223333";
export const OTHER_ACCOUNT = "444455556666";
export const REGION = "us-east-1";
export const NOW = new Date("2026-06-01T00:00:00.000Z");

const SERVICE_BY_PREFIX: Record<string, TServiceKey> = {
  Organizations: "organizations",
  IAM: "iam",
  EC2: "ec2",
  S3: "s3",
  Lambda: "lambda",
  EKS: "eks",
  SQS: "sqs",
  SNS: "sns",
  RDS: "rds",
  CloudTrail: "cloudtrail",
  KMS: "kms",
  GuardDuty: "guardduty",
  Config: "config",
  AccessAnalyzer: "accessanalyzer",
  Route53: "route53",
  ECS: "ecs",
  SecretsManager: "secretsmanager",
};

export function serviceOf(type: TResourceType): TServiceKey {
  const prefix = type.split("::")[1] ?? "";
  const service = SERVICE_BY_PREFIX[prefix];
  if (!service) throw new Error(`No service for ${type}`);
  return service;
}

export function daysAgo(days: number): string {
  return new Date(NOW.getTime() - days * 86_400_000).toISOString();
}

let counter = 0;

export function makeResource(
  resourceType: TResourceType,
  configuration: Record<string, unknown>,
  over: Partial<Omit<TCollectedResource, "configuration" | "resourceType">> = {},
): TCollectedResource {
  counter += 1;
  const service = serviceOf(resourceType);
  const global = ["iam", "organizations", "route53"].includes(service);
  const region = over.region ?? (global ? "global" : REGION);
  const accountId = over.accountId ?? ACCOUNT;
  return {
    accountId,
    region,
    service,
    resourceType,
    resourceId:
      over.resourceId ?? `arn:aws:${service}:${region}:${accountId}:${resourceType}/${counter}`,
    name: over.name ?? null,
    tags: over.tags ?? {},
    configuration,
  };
}

export interface TContextOptions {
  /** Collections to mark FAILED/PARTIAL (others derived from the resources are COMPLETE). */
  statuses?: TCollectionRecord[];
  /** Extra COMPLETE collections with no resources (an empty region). */
  complete?: { service: TServiceKey; accountId?: string; region?: string }[];
  now?: Date;
}

export function makeContext(resources: TCollectedResource[], opts: TContextOptions = {}): TRuleContext {
  const collections = new Map<string, TCollectionRecord>();
  const add = (c: TCollectionRecord) =>
    collections.set(`${c.accountId}|${c.region}|${c.service}`, c);
  for (const r of resources) {
    add({ accountId: r.accountId, region: r.region, service: r.service, status: "COMPLETE" });
  }
  for (const c of opts.complete ?? []) {
    add({
      accountId: c.accountId ?? ACCOUNT,
      region: c.region ?? REGION,
      service: c.service,
      status: "COMPLETE",
    });
  }
  for (const s of opts.statuses ?? []) add(s);
  return buildRuleContext({ resources, collections: collections.values(), now: opts.now ?? NOW });
}

/** Evaluate a rule on `subject` with `others` in the inventory. */
export function evaluate(
  rule: TRuleDefinition,
  subject: TCollectedResource,
  others: TCollectedResource[] = [],
  opts: TContextOptions = {},
): TRuleVerdict {
  return rule.evaluate(subject, makeContext([subject, ...others], opts));
}

export function failed(service: TServiceKey, region = REGION, accountId = ACCOUNT): TCollectionRecord {
  return { accountId, region, service, status: "FAILED" };
}

export function withErrors(
  resource: TCollectedResource,
  errors: Record<string, string>,
): TCollectedResource {
  return { ...resource, configuration: { ...resource.configuration, CollectionErrors: errors } };
}

// ---------- AWS-shaped builders ----------

export function ec2Instance(cfg: Record<string, unknown> = {}, accountId = ACCOUNT): TCollectedResource {
  const id = (cfg.InstanceId as string | undefined) ?? `i-${String(++counter).padStart(17, "0")}`;
  return makeResource(
    "AWS::EC2::Instance",
    {
      InstanceId: id,
      State: { Code: 16, Name: "running" },
      MetadataOptions: { HttpTokens: "required", HttpEndpoint: "enabled" },
      SecurityGroups: [],
      ...cfg,
    },
    { resourceId: `arn:aws:ec2:${REGION}:${accountId}:instance/${id}`, accountId },
  );
}

export function securityGroup(
  groupId: string,
  ipPermissions: Record<string, unknown>[],
  extra: Record<string, unknown> = {},
): TCollectedResource {
  return makeResource(
    "AWS::EC2::SecurityGroup",
    { GroupId: groupId, GroupName: groupId, VpcId: "vpc-1", IpPermissions: ipPermissions, IpPermissionsEgress: [], ...extra },
    { resourceId: `arn:aws:ec2:${REGION}:${ACCOUNT}:security-group/${groupId}` },
  );
}

export function tcpRule(port: number, cidr = "0.0.0.0/0", toPort = port): Record<string, unknown> {
  return cidr.includes(":")
    ? { IpProtocol: "tcp", FromPort: port, ToPort: toPort, IpRanges: [], Ipv6Ranges: [{ CidrIpv6: cidr }] }
    : { IpProtocol: "tcp", FromPort: port, ToPort: toPort, IpRanges: [{ CidrIp: cidr }], Ipv6Ranges: [] };
}

export function iamRole(
  name: string,
  trust: Record<string, unknown>,
  extra: Record<string, unknown> = {},
  accountId = ACCOUNT,
): TCollectedResource {
  const arn = `arn:aws:iam::${accountId}:role/${name}`;
  return makeResource(
    "AWS::IAM::Role",
    {
      RoleName: name,
      Arn: arn,
      AssumeRolePolicyDocument: JSON.stringify(trust),
      RolePolicyList: [],
      AttachedManagedPolicies: [],
      InstanceProfileList: [],
      ...extra,
    },
    { resourceId: arn, accountId },
  );
}

export function accountSettings(cfg: Record<string, unknown> = {}): TCollectedResource {
  return makeResource(
    "AWS::IAM::AccountSettings",
    {
      AccountSummary: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0 },
      PasswordPolicy: null,
      AccountAliases: [],
      RootCredentialReport: null,
      VirtualMFADevices: [],
      CredentialReportGeneratedTime: daysAgo(0),
      ...cfg,
    },
    { resourceId: `arn:aws:iam::${ACCOUNT}:account-settings` },
  );
}

export function iamUser(
  name: string,
  report: Record<string, string> = {},
  extra: Record<string, unknown> = {},
): TCollectedResource {
  const arn = `arn:aws:iam::${ACCOUNT}:user/${name}`;
  return makeResource(
    "AWS::IAM::User",
    {
      UserName: name,
      Arn: arn,
      CreateDate: daysAgo(400),
      UserPolicyList: [],
      AttachedManagedPolicies: [],
      GroupList: [],
      MFADevices: [],
      CredentialReport: {
        user: name,
        arn,
        user_creation_time: daysAgo(400),
        password_enabled: "false",
        password_last_used: "N/A",
        password_last_changed: "N/A",
        mfa_active: "false",
        access_key_1_active: "false",
        access_key_1_last_rotated: "N/A",
        access_key_1_last_used_date: "N/A",
        access_key_2_active: "false",
        access_key_2_last_rotated: "N/A",
        access_key_2_last_used_date: "N/A",
        ...report,
      },
      ...extra,
    },
    { resourceId: arn },
  );
}

export function s3Bucket(name: string, cfg: Record<string, unknown> = {}): TCollectedResource {
  return makeResource(
    "AWS::S3::Bucket",
    {
      Name: name,
      BucketRegion: REGION,
      Policy: null,
      PolicyStatus: null,
      Acl: { Owner: { ID: "owner" }, Grants: [] },
      PublicAccessBlockConfiguration: null,
      ServerSideEncryptionConfiguration: null,
      Versioning: { Status: null },
      LoggingEnabled: null,
      LifecycleRules: null,
      ...cfg,
    },
    { resourceId: `arn:aws:s3:::${name}` },
  );
}

export function accountPublicAccessBlock(cfg: Record<string, unknown> | null, accountId = ACCOUNT): TCollectedResource {
  return makeResource(
    "AWS::S3::AccountPublicAccessBlock",
    { PublicAccessBlockConfiguration: cfg },
    { resourceId: `arn:aws:s3:::account/${accountId}`, region: "global", accountId },
  );
}

export const ALL_BLOCKED = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
};

export function policyJson(statements: Record<string, unknown>[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}
