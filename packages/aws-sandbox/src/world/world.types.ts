/**
 * TypeScript types of the sandbox world format (../shared/sandbox/WORLD.md, version 1).
 * Every object inside a world has the shape of an AWS API response element (SDK v3 output
 * names); only the fields the sandbox indexes on are typed, the rest pass through.
 */

/** An AWS response element: AWS field names, extra fields allowed. */
export type TAwsObject = { [field: string]: unknown };

export interface TWorldVendor {
  accountId: string;
  userName: string;
  accessKeyId: string;
  secretAccessKey: string;
}

export interface TWorldRoot extends TAwsObject {
  Id: string;
  Arn?: string;
  Name?: string;
  PolicyTypes?: TAwsObject[];
}

export interface TWorldOrganizationalUnit extends TAwsObject {
  Id: string;
  Arn?: string;
  Name?: string;
  ParentId: string;
}

export interface TWorldPolicy {
  PolicySummary: TAwsObject & { Id: string; Arn?: string; Name?: string; Type?: string; AwsManaged?: boolean };
  Content: string;
  Targets: string[];
}

export interface TWorldOrganization extends TAwsObject {
  Id: string;
  Arn: string;
  MasterAccountId: string;
  FeatureSet?: string;
  Roots: TWorldRoot[];
  OrganizationalUnits?: TWorldOrganizationalUnit[];
  Policies?: TWorldPolicy[];
  DelegatedAdministrators?: TAwsObject[];
}

export interface TWorldRole extends TAwsObject {
  RoleName: string;
  Arn: string;
  AssumeRolePolicyDocument?: string;
  MaxSessionDuration?: number;
}

export interface TWorldAuthorizationDetails {
  UserDetailList?: TAwsObject[];
  GroupDetailList?: TAwsObject[];
  RoleDetailList?: TWorldRole[];
  Policies?: TAwsObject[];
}

/** One row of the IAM credential report, keyed by the CSV header. */
export type TWorldCredentialReportRow = Record<string, string>;

export interface TWorldIam {
  AuthorizationDetails?: TWorldAuthorizationDetails;
  CredentialReport?: TWorldCredentialReportRow[];
  AccountSummary?: Record<string, number>;
  PasswordPolicy?: TAwsObject;
  AccountAliases?: string[];
  MFADevices?: Record<string, TAwsObject[]>;
  VirtualMFADevices?: TAwsObject[];
}

export interface TWorldBucket extends TAwsObject {
  Name: string;
  CreationDate?: string;
  BucketRegion?: string;
  Policy?: string;
  Acl?: TAwsObject;
  PublicAccessBlockConfiguration?: TWorldPublicAccessBlock;
  ServerSideEncryptionConfiguration?: TAwsObject;
  Versioning?: TAwsObject;
  LoggingEnabled?: TAwsObject;
  LifecycleRules?: TAwsObject[];
  TagSet?: TAwsObject[];
}

export interface TWorldPublicAccessBlock {
  BlockPublicAcls?: boolean;
  IgnorePublicAcls?: boolean;
  BlockPublicPolicy?: boolean;
  RestrictPublicBuckets?: boolean;
}

export interface TWorldS3 {
  AccountPublicAccessBlock?: TWorldPublicAccessBlock;
  Buckets?: TWorldBucket[];
}

export interface TWorldEc2 {
  Instances?: TAwsObject[];
  SecurityGroups?: TAwsObject[];
  Vpcs?: TAwsObject[];
  Subnets?: TAwsObject[];
  FlowLogs?: TAwsObject[];
  VpcEndpoints?: TAwsObject[];
  Volumes?: TAwsObject[];
  Snapshots?: TAwsObject[];
  NetworkInterfaces?: TAwsObject[];
  Addresses?: TAwsObject[];
  InstanceMetadataDefaults?: TAwsObject;
  EbsEncryptionByDefault?: boolean;
}

export interface TWorldRegion {
  ec2?: TWorldEc2;
  lambda?: { Functions?: TAwsObject[] };
  eks?: { Clusters?: TAwsObject[] };
  sqs?: { Queues?: Array<{ QueueUrl: string; Attributes?: Record<string, string> }> };
  sns?: { Topics?: Array<{ TopicArn: string; Attributes?: Record<string, string> }> };
  rds?: { DBInstances?: TAwsObject[]; DBSnapshots?: TAwsObject[] };
  cloudtrail?: { Trails?: TAwsObject[] };
  kms?: { Keys?: Array<{ KeyMetadata: TAwsObject; KeyRotationEnabled?: boolean; Policy?: string }> };
  guardduty?: { Detectors?: TAwsObject[] };
  config?: { ConfigurationRecorders?: TAwsObject[]; ConfigurationRecordersStatus?: TAwsObject[] };
  accessanalyzer?: { Analyzers?: TAwsObject[] };
  route53?: { HostedZones?: TAwsObject[] };
  ecs?: { Clusters?: TAwsObject[]; Services?: TAwsObject[]; Tasks?: TAwsObject[]; TaskDefinitions?: TAwsObject[] };
  secretsmanager?: { Secrets?: TAwsObject[] };
}

export interface TWorldAccount extends TAwsObject {
  Id: string;
  Arn?: string;
  Name: string;
  Email?: string;
  Status?: string;
  JoinedMethod?: string;
  JoinedTimestamp?: string;
  ParentId: string;
  Tags?: Array<{ Key: string; Value: string }>;
  iam?: TWorldIam;
  s3?: TWorldS3;
  regions?: Record<string, TWorldRegion>;
}

export interface TWorldThrottle {
  burst: number;
  refillPerSecond: number;
}

export interface TWorldFault {
  account?: string;
  region?: string;
  service?: string;
  operation?: string;
  /** An AWS error code of that service, or "timeout" (the connection is held open). */
  error: string;
  /** 0..1, default 1. */
  probability?: number;
  message?: string;
}

export interface TWorldBehaviour {
  latencyMs?: number;
  /** Token bucket per (account, service key): `ec2`, `iam`, `s3`, `sts`… */
  throttle?: Record<string, TWorldThrottle>;
  faults?: TWorldFault[];
  /** Forces every paginated answer to at most this many items per page. */
  pageSize?: number;
}

export interface TWorld {
  version: 1;
  vendor: TWorldVendor;
  organization: TWorldOrganization;
  accounts: TWorldAccount[];
  behaviour?: TWorldBehaviour;
}
