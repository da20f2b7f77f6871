/**
 * Strict types of the world format (WORLD.md, version 1) that the generators build with.
 * The sandbox's own types (../world/world.types.ts) type only what the server indexes on;
 * these type every element as the AWS SDK v3 output type of the API that returns it, so a
 * misspelt field or an impossible enum value is a compile error in a generator.
 *
 * Every element is the AWS SDK v3 output type of the API that returns it, with `Date`s written
 * as strings (absolute ISO 8601 or relative: "now", "now-90d", "now-36h", "now-15m").
 * `import type` only: nothing from the SDK is loaded at run time.
 */
import type {
  Account,
  DelegatedAdministrator,
  OrganizationalUnit,
  Organization,
  PolicySummary,
  Root,
} from "@aws-sdk/client-organizations";
import type {
  GroupDetail,
  ManagedPolicyDetail,
  MFADevice,
  PasswordPolicy,
  RoleDetail,
  UserDetail,
  VirtualMFADevice,
} from "@aws-sdk/client-iam";
import type {
  Address,
  CreateVolumePermission,
  FlowLog,
  Instance,
  InstanceMetadataDefaultsResponse,
  NetworkInterface,
  SecurityGroup,
  Snapshot,
  Subnet,
  Volume,
  Vpc,
  VpcEndpoint,
} from "@aws-sdk/client-ec2";
import type {
  Bucket,
  Grant,
  LifecycleRule,
  LoggingEnabled,
  Owner,
  PublicAccessBlockConfiguration,
  ServerSideEncryptionConfiguration,
  Tag as S3Tag,
  GetBucketVersioningOutput,
} from "@aws-sdk/client-s3";
import type { FunctionConfiguration } from "@aws-sdk/client-lambda";
import type { Cluster, Nodegroup } from "@aws-sdk/client-eks";
import type { DBInstance, DBSnapshot, DBSnapshotAttribute } from "@aws-sdk/client-rds";
import type { EventSelector, GetTrailStatusResponse, Trail } from "@aws-sdk/client-cloudtrail";
import type { KeyMetadata } from "@aws-sdk/client-kms";
import type { DetectorFeatureConfigurationResult, DetectorStatus } from "@aws-sdk/client-guardduty";
import type {
  ConfigurationRecorder,
  ConfigurationRecorderStatus,
} from "@aws-sdk/client-config-service";
import type { AnalyzerSummary } from "@aws-sdk/client-accessanalyzer";
import type { HostedZone, ResourceRecordSet } from "@aws-sdk/client-route-53";
import type { Cluster as EcsCluster, Service as EcsService, Task as EcsTask, TaskDefinition as EcsTaskDefinition, Tag as EcsTag } from "@aws-sdk/client-ecs";
import type { SecretListEntry } from "@aws-sdk/client-secrets-manager";

/** An SDK output type as it is written in a world file: `Date`s become strings. */
export type TWorldShape<T> = T extends Date
  ? string
  : T extends Uint8Array
    ? string
    : T extends readonly (infer U)[]
      ? TWorldShape<U>[]
      : T extends object
        ? { [K in keyof T]: TWorldShape<T[K]> }
        : T;

/** Strip the SDK's `$metadata` from an operation output. */
type TOutputBody<T> = Omit<T, "$metadata">;

export type TWorldVendor = {
  accountId: string;
  userName: string;
  accessKeyId: string;
  secretAccessKey: string;
};

export type TWorldPolicy = {
  PolicySummary: TWorldShape<PolicySummary> & { Id: string };
  /** The policy JSON document, as a string. */
  Content: string;
  /** Root ids (`r-…`), OU ids (`ou-…`) and account ids the policy is attached to. */
  Targets: string[];
};

export type TWorldOrganization = TWorldShape<Organization> & {
  Id: string;
  Arn: string;
  MasterAccountId: string;
  Roots: (TWorldShape<Root> & { Id: string })[];
  OrganizationalUnits: (TWorldShape<OrganizationalUnit> & { Id: string; ParentId: string })[];
  Policies: TWorldPolicy[];
  DelegatedAdministrators?: TWorldShape<DelegatedAdministrator>[];
};

/** One row of the IAM credential report, keyed by the CSV header. */
export type TCredentialReportRow = Record<string, string>;

export type TWorldRoleDetail = TWorldShape<RoleDetail> & { RoleName: string; Arn: string };

export type TWorldIam = {
  AuthorizationDetails: {
    UserDetailList: TWorldShape<UserDetail>[];
    GroupDetailList: TWorldShape<GroupDetail>[];
    RoleDetailList: TWorldRoleDetail[];
    Policies: TWorldShape<ManagedPolicyDetail>[];
  };
  CredentialReport?: TCredentialReportRow[];
  AccountSummary?: Record<string, number>;
  PasswordPolicy?: TWorldShape<PasswordPolicy>;
  AccountAliases?: string[];
  MFADevices?: Record<string, TWorldShape<MFADevice>[]>;
  VirtualMFADevices?: TWorldShape<VirtualMFADevice>[];
};

export type TWorldBucket = TWorldShape<Bucket> & {
  Name: string;
  BucketRegion: string;
  Policy?: string;
  Acl?: { Owner?: TWorldShape<Owner>; Grants?: TWorldShape<Grant>[] };
  PublicAccessBlockConfiguration?: TWorldShape<PublicAccessBlockConfiguration>;
  ServerSideEncryptionConfiguration?: TWorldShape<ServerSideEncryptionConfiguration>;
  Versioning?: TWorldShape<TOutputBody<GetBucketVersioningOutput>>;
  LoggingEnabled?: TWorldShape<LoggingEnabled>;
  LifecycleRules?: TWorldShape<LifecycleRule>[];
  TagSet?: TWorldShape<S3Tag>[];
};

export type TWorldS3 = {
  AccountPublicAccessBlock?: TWorldShape<PublicAccessBlockConfiguration>;
  Buckets: TWorldBucket[];
};

export type TWorldSnapshot = TWorldShape<Snapshot> & {
  CreateVolumePermissions?: TWorldShape<CreateVolumePermission>[];
};

export type TWorldEc2 = {
  Instances?: TWorldShape<Instance>[];
  SecurityGroups?: TWorldShape<SecurityGroup>[];
  Vpcs?: TWorldShape<Vpc>[];
  Subnets?: TWorldShape<Subnet>[];
  FlowLogs?: TWorldShape<FlowLog>[];
  VpcEndpoints?: TWorldShape<VpcEndpoint>[];
  Volumes?: TWorldShape<Volume>[];
  Snapshots?: TWorldSnapshot[];
  InstanceMetadataDefaults?: TWorldShape<InstanceMetadataDefaultsResponse>;
  EbsEncryptionByDefault?: boolean;
  NetworkInterfaces?: TWorldShape<NetworkInterface>[];
  Addresses?: TWorldShape<Address>[];
};

export type TWorldFunction = TWorldShape<FunctionConfiguration> & { Policy?: string };
export type TWorldCluster = TWorldShape<Cluster> & { Nodegroups?: TWorldShape<Nodegroup>[] };
export type TWorldQueue = {
  QueueUrl: string;
  Attributes: Record<string, string>;
};
export type TWorldTopic = {
  TopicArn: string;
  Attributes: Record<string, string>;
};
export type TWorldDbSnapshot = TWorldShape<DBSnapshot> & {
  Attributes?: TWorldShape<DBSnapshotAttribute>[];
};
export type TWorldTrail = TWorldShape<Trail> & {
  Status?: TWorldShape<TOutputBody<GetTrailStatusResponse>>;
  EventSelectors?: TWorldShape<EventSelector>[];
};
export type TWorldKey = {
  KeyMetadata: TWorldShape<KeyMetadata>;
  KeyRotationEnabled?: boolean;
  Policy?: string;
};
export type TWorldDetector = {
  DetectorId: string;
  Status: DetectorStatus;
  Features?: TWorldShape<DetectorFeatureConfigurationResult>[];
};
export type TWorldHostedZone = TWorldShape<HostedZone> & {
  ResourceRecordSets?: TWorldShape<ResourceRecordSet>[];
};

export type TWorldEcs = {
  Clusters: TWorldShape<EcsCluster>[];
  Services: TWorldShape<EcsService>[];
  Tasks: TWorldShape<EcsTask>[];
  /** DescribeTaskDefinition `taskDefinition` plus its `tags` (answered when `include` has TAGS). */
  TaskDefinitions: (TWorldShape<EcsTaskDefinition> & { tags?: TWorldShape<EcsTag>[] })[];
};
/** ListSecrets `SecretListEntry` plus the secret's resource policy (GetResourcePolicy), if any. */
export type TWorldSecret = TWorldShape<SecretListEntry> & { ResourcePolicy?: string };

export type TWorldRegion = {
  ec2?: TWorldEc2;
  lambda?: { Functions: TWorldFunction[] };
  eks?: { Clusters: TWorldCluster[] };
  sqs?: { Queues: TWorldQueue[] };
  sns?: { Topics: TWorldTopic[] };
  rds?: { DBInstances?: TWorldShape<DBInstance>[]; DBSnapshots?: TWorldDbSnapshot[] };
  cloudtrail?: { Trails: TWorldTrail[] };
  kms?: { Keys: TWorldKey[] };
  guardduty?: { Detectors: TWorldDetector[] };
  config?: {
    ConfigurationRecorders?: TWorldShape<ConfigurationRecorder>[];
    ConfigurationRecordersStatus?: TWorldShape<ConfigurationRecorderStatus>[];
  };
  accessanalyzer?: { Analyzers: TWorldShape<AnalyzerSummary>[] };
  /** Only under `us-east-1`. */
  route53?: { HostedZones: TWorldHostedZone[] };
  ecs?: TWorldEcs;
  secretsmanager?: { Secrets: TWorldSecret[] };
};

export type TWorldAccount = TWorldShape<Account> & {
  Id: string;
  Name: string;
  ParentId: string;
  Tags: { Key: string; Value: string }[];
  iam: TWorldIam;
  s3: TWorldS3;
  regions: Record<string, TWorldRegion>;
};

export type TWorldFault = {
  account?: string;
  region?: string;
  service?: string;
  operation?: string;
  error: string;
  probability?: number;
};

export type TWorldBehaviour = {
  latencyMs?: number;
  pageSize?: number;
  throttle?: Record<string, { burst: number; refillPerSecond: number }>;
  faults?: TWorldFault[];
};

export type TGeneratedWorld = {
  version: 1;
  vendor: TWorldVendor;
  organization: TWorldOrganization;
  accounts: TWorldAccount[];
  behaviour?: TWorldBehaviour;
};
