import { z } from "zod";

/**
 * The contract between collectors, the database and the rules: see docs/resource-model.md.
 * A resource's `configuration` is the AWS API response element with AWS's own field names.
 */

export const SERVICE_KEYS = [
  "organizations",
  "iam",
  "ec2",
  "s3",
  "lambda",
  "eks",
  "sqs",
  "sns",
  "rds",
  "cloudtrail",
  "kms",
  "guardduty",
  "config",
  "accessanalyzer",
  "route53",
  "ecs",
  "secretsmanager",
] as const;
export type TServiceKey = (typeof SERVICE_KEYS)[number];

/** Services whose resources are not regional: collected once per account, region "global". */
export const GLOBAL_SERVICES: readonly TServiceKey[] = ["organizations", "iam", "s3", "route53"];

export const GLOBAL_REGION = "global";

export const RESOURCE_TYPES = {
  OrganizationsAccount: "AWS::Organizations::Account",
  OrganizationsOrganizationalUnit: "AWS::Organizations::OrganizationalUnit",
  OrganizationsPolicy: "AWS::Organizations::Policy",
  IamAccountSettings: "AWS::IAM::AccountSettings",
  IamUser: "AWS::IAM::User",
  IamGroup: "AWS::IAM::Group",
  IamRole: "AWS::IAM::Role",
  IamPolicy: "AWS::IAM::Policy",
  Ec2RegionalSettings: "AWS::EC2::RegionalSettings",
  Ec2Instance: "AWS::EC2::Instance",
  Ec2SecurityGroup: "AWS::EC2::SecurityGroup",
  Ec2Vpc: "AWS::EC2::VPC",
  Ec2Subnet: "AWS::EC2::Subnet",
  Ec2FlowLog: "AWS::EC2::FlowLog",
  Ec2VpcEndpoint: "AWS::EC2::VPCEndpoint",
  Ec2Volume: "AWS::EC2::Volume",
  Ec2Snapshot: "AWS::EC2::Snapshot",
  Ec2NetworkInterface: "AWS::EC2::NetworkInterface",
  Ec2Eip: "AWS::EC2::EIP",
  S3AccountPublicAccessBlock: "AWS::S3::AccountPublicAccessBlock",
  S3Bucket: "AWS::S3::Bucket",
  LambdaFunction: "AWS::Lambda::Function",
  EksCluster: "AWS::EKS::Cluster",
  EksNodegroup: "AWS::EKS::Nodegroup",
  SqsQueue: "AWS::SQS::Queue",
  SnsTopic: "AWS::SNS::Topic",
  RdsDbInstance: "AWS::RDS::DBInstance",
  RdsDbSnapshot: "AWS::RDS::DBSnapshot",
  CloudTrailTrail: "AWS::CloudTrail::Trail",
  KmsKey: "AWS::KMS::Key",
  GuardDutyRegionalSettings: "AWS::GuardDuty::RegionalSettings",
  ConfigRegionalSettings: "AWS::Config::RegionalSettings",
  AccessAnalyzerRegionalSettings: "AWS::AccessAnalyzer::RegionalSettings",
  Route53HostedZone: "AWS::Route53::HostedZone",
  EcsCluster: "AWS::ECS::Cluster",
  EcsService: "AWS::ECS::Service",
  EcsTask: "AWS::ECS::Task",
  EcsTaskDefinition: "AWS::ECS::TaskDefinition",
  SecretsManagerSecret: "AWS::SecretsManager::Secret",
} as const;
export type TResourceType = (typeof RESOURCE_TYPES)[keyof typeof RESOURCE_TYPES];

export interface TCollectedResource {
  accountId: string;
  /** "us-east-1"…, or "global" for IAM, Organizations, Route 53 and the S3 account block. */
  region: string;
  service: TServiceKey;
  resourceType: TResourceType;
  /** The ARN where AWS has one, else the synthetic id of docs/resource-model.md. */
  resourceId: string;
  name: string | null;
  tags: Record<string, string>;
  /** The AWS response element (plus documented extra fields). `CollectionErrors` when a sub-call failed. */
  configuration: Record<string, unknown>;
}

export type TCollectionStatus = "COMPLETE" | "PARTIAL" | "FAILED";

export interface TCollectionError {
  operation: string;
  /** The AWS error code, e.g. "AccessDenied", "UnauthorizedOperation", "ThrottlingException". */
  code: string;
  message: string;
}

/** The result of one (account, region, service) collection. */
export interface TCollectionResult {
  accountId: string;
  region: string;
  service: TServiceKey;
  status: TCollectionStatus;
  resources: TCollectedResource[];
  errors: TCollectionError[];
  apiCalls: number;
}

/** Synthetic ids for the Guardrail-named subjects of account- and region-level rules. */
export const syntheticResourceIds = {
  iamAccountSettings: (accountId: string) => `arn:aws:iam::${accountId}:account-settings`,
  ec2RegionalSettings: (accountId: string, region: string) =>
    `arn:aws:ec2:${region}:${accountId}:regional-settings`,
  guardDutyRegionalSettings: (accountId: string, region: string) =>
    `arn:aws:guardduty:${region}:${accountId}:regional-settings`,
  configRegionalSettings: (accountId: string, region: string) =>
    `arn:aws:config:${region}:${accountId}:regional-settings`,
  accessAnalyzerRegionalSettings: (accountId: string, region: string) =>
    `arn:aws:access-analyzer:${region}:${accountId}:regional-settings`,
  s3AccountPublicAccessBlock: (accountId: string) => `arn:aws:s3:::account/${accountId}`,
  /**
   * An AWS-managed policy as one account uses it. Its ARN (`arn:aws:iam::aws:policy/…`) is the
   * same in every account, but its AttachmentCount is the account's: one row per account (the
   * ARN stays in `configuration.Arn`). A shared row would flip its account on every collection
   * and make every account's IAM persistence wait on the same locked rows.
   */
  iamAwsManagedPolicy: (accountId: string, policyArn: string) => `${policyArn}#${accountId}`,
};

/** The envelope every collected resource must satisfy (checked by `runCollector`). */
export const ZCollectedResource = z.object({
  accountId: z.string().regex(/^\d{12}$/, "accountId must be 12 digits"),
  region: z.string().min(1),
  service: z.enum(SERVICE_KEYS),
  resourceType: z.enum(Object.values(RESOURCE_TYPES) as [TResourceType, ...TResourceType[]]),
  resourceId: z.string().min(1),
  name: z.string().nullable(),
  tags: z.record(z.string(), z.string()),
  configuration: z.record(z.string(), z.unknown()),
});
