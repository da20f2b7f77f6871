/** A small world that gives every served operation something to answer. */
import type { TWorld } from "../src/index";

export const VENDOR = {
  accountId: "999999999999",
  userName: "posture-scanner",
  accessKeyId: "AKIATESTVENDOR000001",
  secretAccessKey: "testVendorSecret/0000000000000000000000+",
};

export const EXTERNAL_ID = "ext-test-1234";
export const MANAGEMENT = "111111111111";
export const MEMBER = "222222222222";
export const SUSPENDED = "333333333333";

function trust(condition?: Record<string, unknown>, principal: unknown = { AWS: `arn:aws:iam::${VENDOR.accountId}:root` }): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole", ...(condition ? { Condition: condition } : {}) }],
  });
}

function scannerRole(account: string, name = "PostureScanner", document = trust({ StringEquals: { "sts:ExternalId": EXTERNAL_ID } })) {
  return {
    Path: "/",
    RoleName: name,
    RoleId: `AROA${account}${name.toUpperCase().slice(0, 6)}`,
    Arn: `arn:aws:iam::${account}:role/${name}`,
    CreateDate: "now-400d",
    AssumeRolePolicyDocument: document,
    RolePolicyList: [{ PolicyName: "inline", PolicyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}' }],
    AttachedManagedPolicies: [{ PolicyName: "SecurityAudit", PolicyArn: "arn:aws:iam::aws:policy/SecurityAudit" }],
    InstanceProfileList: [],
    Tags: [],
  };
}

export function buildTestWorld(): TWorld {
  return {
    version: 1,
    vendor: { ...VENDOR },
    organization: {
      Id: "o-test000001",
      Arn: `arn:aws:organizations::${MANAGEMENT}:organization/o-test000001`,
      MasterAccountId: MANAGEMENT,
      FeatureSet: "ALL",
      Roots: [{ Id: "r-test", Arn: `arn:aws:organizations::${MANAGEMENT}:root/o-test000001/r-test`, Name: "Root", PolicyTypes: [{ Type: "SERVICE_CONTROL_POLICY", Status: "ENABLED" }] }],
      OrganizationalUnits: [
        { Id: "ou-test-security", Arn: `arn:aws:organizations::${MANAGEMENT}:ou/o-test000001/ou-test-security`, Name: "Security", ParentId: "r-test" },
        { Id: "ou-test-workload", Arn: `arn:aws:organizations::${MANAGEMENT}:ou/o-test000001/ou-test-workload`, Name: "Workloads", ParentId: "r-test" },
        { Id: "ou-test-prod", Arn: `arn:aws:organizations::${MANAGEMENT}:ou/o-test000001/ou-test-prod`, Name: "Prod", ParentId: "ou-test-workload" },
      ],
      Policies: [
        {
          PolicySummary: { Id: "p-FullAWSAccess", Arn: "arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess", Name: "FullAWSAccess", Type: "SERVICE_CONTROL_POLICY", AwsManaged: true },
          Content: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
          Targets: ["r-test", "ou-test-security", "ou-test-workload", "ou-test-prod", MANAGEMENT, MEMBER, SUSPENDED],
        },
        {
          PolicySummary: { Id: "p-denyleave", Arn: `arn:aws:organizations::${MANAGEMENT}:policy/o-test000001/service_control_policy/p-denyleave`, Name: "DenyLeave", Type: "SERVICE_CONTROL_POLICY", AwsManaged: false },
          Content: '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"organizations:LeaveOrganization","Resource":"*"}]}',
          Targets: ["ou-test-workload"],
        },
      ],
    },
    accounts: [
      {
        Id: MANAGEMENT,
        Arn: `arn:aws:organizations::${MANAGEMENT}:account/o-test000001/${MANAGEMENT}`,
        Name: "management",
        Email: "mgmt@example.com",
        Status: "ACTIVE",
        JoinedMethod: "CREATED",
        JoinedTimestamp: "now-1000d",
        ParentId: "r-test",
        Tags: [{ Key: "team", Value: "platform" }],
        iam: { AuthorizationDetails: { RoleDetailList: [scannerRole(MANAGEMENT)] } },
        regions: {
          "us-east-1": {
            cloudtrail: {
              Trails: [
                {
                  Name: "org-trail",
                  S3BucketName: "trail-bucket",
                  IsMultiRegionTrail: true,
                  IsOrganizationTrail: true,
                  LogFileValidationEnabled: true,
                  Status: { IsLogging: true, LatestDeliveryTime: "now-15m", StartLoggingTime: "now-900d" },
                  EventSelectors: [{ ReadWriteType: "All", IncludeManagementEvents: true, DataResources: [] }],
                },
              ],
            },
          },
        },
      },
      {
        Id: MEMBER,
        Arn: `arn:aws:organizations::${MANAGEMENT}:account/o-test000001/${MEMBER}`,
        Name: "prod-app",
        Email: "prod@example.com",
        Status: "ACTIVE",
        JoinedMethod: "INVITED",
        JoinedTimestamp: "now-500d",
        ParentId: "ou-test-prod",
        Tags: [
          { Key: "env", Value: "prod" },
          { Key: "bu", Value: "payments" },
        ],
        iam: {
          AuthorizationDetails: {
            UserDetailList: [
              { Path: "/", UserName: "alice", UserId: "AIDAALICE", Arn: `arn:aws:iam::${MEMBER}:user/alice`, CreateDate: "now-300d", UserPolicyList: [{ PolicyName: "p", PolicyDocument: '{"Version":"2012-10-17","Statement":[]}' }], GroupList: ["admins"], AttachedManagedPolicies: [], Tags: [] },
              { Path: "/", UserName: "bob", UserId: "AIDABOB", Arn: `arn:aws:iam::${MEMBER}:user/bob`, CreateDate: "now-200d", UserPolicyList: [], GroupList: [], AttachedManagedPolicies: [], Tags: [] },
            ],
            GroupDetailList: [{ Path: "/", GroupName: "admins", GroupId: "AGPAADMINS", Arn: `arn:aws:iam::${MEMBER}:group/admins`, CreateDate: "now-300d", GroupPolicyList: [], AttachedManagedPolicies: [{ PolicyName: "AdministratorAccess", PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }] }],
            RoleDetailList: [
              scannerRole(MEMBER),
              scannerRole(MEMBER, "LikeRole", trust({ StringLike: { "sts:ExternalId": ["ext-*", "other"] } })),
              scannerRole(MEMBER, "NoExternalId", trust(undefined, { AWS: VENDOR.accountId })),
              scannerRole(MEMBER, "OtherVendor", trust(undefined, { AWS: "arn:aws:iam::444444444444:root" })),
              scannerRole(MEMBER, "ChainTarget", trust(undefined, { AWS: `arn:aws:iam::${MEMBER}:role/NoExternalId` })),
              scannerRole(MEMBER, "ShortMax", trust(undefined, "*")),
            ],
            Policies: [
              {
                PolicyName: "custom",
                PolicyId: "ANPACUSTOM",
                Arn: `arn:aws:iam::${MEMBER}:policy/custom`,
                Path: "/",
                DefaultVersionId: "v1",
                AttachmentCount: 1,
                IsAttachable: true,
                CreateDate: "now-100d",
                UpdateDate: "now-10d",
                PolicyVersionList: [{ Document: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}', VersionId: "v1", IsDefaultVersion: true, CreateDate: "now-10d" }],
              },
            ],
          },
          CredentialReport: [
            { user: "<root_account>", arn: `arn:aws:iam::${MEMBER}:root`, user_creation_time: "now-600d", password_enabled: "not_supported", password_last_used: "now-3d", password_last_changed: "not_supported", password_next_rotation: "not_supported", mfa_active: "true", access_key_1_active: "false", access_key_1_last_rotated: "N/A" },
            { user: "alice", arn: `arn:aws:iam::${MEMBER}:user/alice`, user_creation_time: "2024-01-02T03:04:05Z", password_enabled: "true", password_last_used: "now-36h", mfa_active: "false", access_key_1_active: "true", access_key_1_last_rotated: "now-200d", access_key_1_last_used_date: "now-15m" },
          ],
          AccountSummary: { Users: 2, Roles: 6, AccountMFAEnabled: 1, AccountAccessKeysPresent: 0 },
          PasswordPolicy: { MinimumPasswordLength: 14, RequireSymbols: true, RequireNumbers: true, ExpirePasswords: true, MaxPasswordAge: 90, PasswordReusePrevention: 24 },
          AccountAliases: ["prod-app"],
          MFADevices: { alice: [{ UserName: "alice", SerialNumber: `arn:aws:iam::${MEMBER}:mfa/alice`, EnableDate: "now-30d" }] },
          VirtualMFADevices: [
            { SerialNumber: `arn:aws:iam::${MEMBER}:mfa/alice`, User: { UserName: "alice", UserId: "AIDAALICE", Arn: `arn:aws:iam::${MEMBER}:user/alice`, Path: "/", CreateDate: "now-300d" }, EnableDate: "now-30d" },
            { SerialNumber: `arn:aws:iam::${MEMBER}:mfa/spare` },
          ],
        },
        s3: {
          AccountPublicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: false },
          Buckets: [
            {
              Name: "public-site",
              CreationDate: "now-100d",
              BucketRegion: "eu-west-1",
              Policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::public-site/*"}]}',
              Acl: { Owner: { ID: "abc", DisplayName: "prod" }, Grants: [{ Grantee: { Type: "Group", URI: "http://acs.amazonaws.com/groups/global/AllUsers" }, Permission: "READ" }] },
              Versioning: { Status: "Suspended", MFADelete: "Disabled" },
              TagSet: [{ Key: "env", Value: "prod" }],
            },
            {
              Name: "private-logs",
              CreationDate: "now-200d",
              BucketRegion: "us-east-1",
              Policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:PutObject","Resource":"arn:aws:s3:::private-logs/*","Condition":{"StringEquals":{"aws:SourceAccount":"222222222222"}}}]}',
              PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
              ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: "arn:aws:kms:us-east-1:222222222222:key/k1" }, BucketKeyEnabled: true }] },
              Versioning: { Status: "Enabled" },
              LoggingEnabled: { TargetBucket: "private-logs", TargetPrefix: "self/" },
              LifecycleRules: [{ ID: "expire", Status: "Enabled", Filter: { Prefix: "tmp/" }, Expiration: { Days: 30 } }],
            },
            { Name: "bare-bucket", CreationDate: "now-5d", BucketRegion: "us-east-1" },
          ],
        },
        regions: {
          "us-east-1": {
            ec2: {
              Instances: [
                { InstanceId: "i-0001", InstanceType: "t3.micro", LaunchTime: "now-90d", State: { Code: 16, Name: "running" }, PublicIpAddress: "203.0.113.10", VpcId: "vpc-1", SubnetId: "subnet-1", IamInstanceProfile: { Arn: `arn:aws:iam::${MEMBER}:instance-profile/web`, Id: "AIPAWEB" }, MetadataOptions: { HttpTokens: "optional", HttpEndpoint: "enabled", State: "applied" }, SecurityGroups: [{ GroupId: "sg-1", GroupName: "web" }], Tags: [{ Key: "Name", Value: "web-1" }] },
                { InstanceId: "i-0002", InstanceType: "t3.large", LaunchTime: "now-10d", State: { Code: 80, Name: "stopped" }, VpcId: "vpc-1", MetadataOptions: { HttpTokens: "required" }, SecurityGroups: [], Tags: [{ Key: "Name", Value: "batch" }] },
                { InstanceId: "i-0003", InstanceType: "m5.large", LaunchTime: "now-1d", State: { Code: 16, Name: "running" }, VpcId: "vpc-2", SecurityGroups: [], Tags: [] },
              ],
              SecurityGroups: [
                { GroupId: "sg-1", GroupName: "web", Description: "web", VpcId: "vpc-1", OwnerId: MEMBER, IpPermissions: [{ IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "0.0.0.0/0", Description: "ssh" }], Ipv6Ranges: [], UserIdGroupPairs: [], PrefixListIds: [] }], IpPermissionsEgress: [{ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }] }], Tags: [] },
                { GroupId: "sg-2", GroupName: "default", Description: "default", VpcId: "vpc-1", OwnerId: MEMBER, IpPermissions: [], IpPermissionsEgress: [] },
              ],
              Vpcs: [
                { VpcId: "vpc-1", CidrBlock: "10.0.0.0/16", IsDefault: false, OwnerId: MEMBER, State: "available" },
                { VpcId: "vpc-2", CidrBlock: "172.31.0.0/16", IsDefault: true, OwnerId: MEMBER, State: "available" },
              ],
              Subnets: [{ SubnetId: "subnet-1", VpcId: "vpc-1", CidrBlock: "10.0.1.0/24", MapPublicIpOnLaunch: true, AvailabilityZone: "us-east-1a", OwnerId: MEMBER }],
              FlowLogs: [{ FlowLogId: "fl-1", ResourceId: "vpc-1", TrafficType: "ALL", FlowLogStatus: "ACTIVE", LogDestinationType: "s3", CreationTime: "now-50d" }],
              VpcEndpoints: [{ VpcEndpointId: "vpce-1", VpcEndpointType: "Gateway", VpcId: "vpc-1", ServiceName: "com.amazonaws.us-east-1.s3", State: "available", PolicyDocument: '{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}', CreationTimestamp: "now-20d" }],
              Volumes: [{ VolumeId: "vol-1", Size: 8, Encrypted: false, State: "in-use", AvailabilityZone: "us-east-1a", CreateTime: "now-90d", Attachments: [{ InstanceId: "i-0001", VolumeId: "vol-1", State: "attached", Device: "/dev/xvda" }] }],
              Snapshots: [
                { SnapshotId: "snap-1", VolumeId: "vol-1", State: "completed", Encrypted: false, OwnerId: MEMBER, StartTime: "now-30d", VolumeSize: 8, CreateVolumePermissions: [{ Group: "all" }] },
                { SnapshotId: "snap-2", VolumeId: "vol-1", State: "completed", Encrypted: true, OwnerId: MEMBER, StartTime: "now-3d", VolumeSize: 8 },
              ],
              NetworkInterfaces: [{ NetworkInterfaceId: "eni-1", SubnetId: "subnet-1", VpcId: "vpc-1", Status: "in-use", InterfaceType: "interface", Association: { PublicIp: "203.0.113.10" }, Groups: [{ GroupId: "sg-1", GroupName: "web" }] }],
              Addresses: [{ AllocationId: "eipalloc-1", PublicIp: "203.0.113.20", Domain: "vpc" }],
              InstanceMetadataDefaults: { HttpTokens: "required", HttpPutResponseHopLimit: 2 },
              EbsEncryptionByDefault: true,
            },
            lambda: {
              Functions: [
                { FunctionName: "public-fn", FunctionArn: `arn:aws:lambda:us-east-1:${MEMBER}:function:public-fn`, Runtime: "nodejs20.x", Role: `arn:aws:iam::${MEMBER}:role/fn`, LastModified: "2025-01-01T00:00:00.000+0000", Policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunction","Resource":"*"}]}' },
                { FunctionName: "private-fn", FunctionArn: `arn:aws:lambda:us-east-1:${MEMBER}:function:private-fn`, Runtime: "python3.12", Role: `arn:aws:iam::${MEMBER}:role/fn` },
              ],
            },
            eks: {
              Clusters: [
                {
                  name: "prod",
                  arn: `arn:aws:eks:us-east-1:${MEMBER}:cluster/prod`,
                  createdAt: "now-60d",
                  version: "1.29",
                  status: "ACTIVE",
                  resourcesVpcConfig: { endpointPublicAccess: true, endpointPrivateAccess: false, publicAccessCidrs: ["0.0.0.0/0"] },
                  logging: { clusterLogging: [{ types: ["api", "audit"], enabled: false }] },
                  Nodegroups: [{ nodegroupName: "ng-1", clusterName: "prod", status: "ACTIVE", createdAt: "now-59d", scalingConfig: { minSize: 1, maxSize: 3, desiredSize: 2 } }],
                },
              ],
            },
            sqs: { Queues: [{ QueueUrl: `https://sqs.us-east-1.amazonaws.com/${MEMBER}/orders`, Attributes: { SqsManagedSseEnabled: "false", Policy: '{"Statement":[]}' } }, { QueueUrl: `https://sqs.us-east-1.amazonaws.com/${MEMBER}/audit`, Attributes: { KmsMasterKeyId: "alias/aws/sqs" } }] },
            sns: { Topics: [{ TopicArn: `arn:aws:sns:us-east-1:${MEMBER}:alerts`, Attributes: { KmsMasterKeyId: "alias/aws/sns", Policy: '{"Statement":[]}' } }, { TopicArn: `arn:aws:sns:us-east-1:${MEMBER}:events`, Attributes: {} }] },
            rds: {
              DBInstances: [
                { DBInstanceIdentifier: "db-1", DBInstanceArn: `arn:aws:rds:us-east-1:${MEMBER}:db:db-1`, Engine: "postgres", PubliclyAccessible: true, StorageEncrypted: false, InstanceCreateTime: "now-120d", VpcSecurityGroups: [{ VpcSecurityGroupId: "sg-1", Status: "active" }] },
                { DBInstanceIdentifier: "db-2", DBInstanceArn: `arn:aws:rds:us-east-1:${MEMBER}:db:db-2`, Engine: "mysql", PubliclyAccessible: false, StorageEncrypted: true },
              ],
              DBSnapshots: [{ DBSnapshotIdentifier: "snap-db-1", DBInstanceIdentifier: "db-1", SnapshotType: "manual", Encrypted: false, SnapshotCreateTime: "now-7d", Attributes: [{ AttributeName: "restore", AttributeValues: ["all"] }] }],
            },
            cloudtrail: {
              Trails: [
                {
                  Name: "local-trail",
                  S3BucketName: "private-logs",
                  IsMultiRegionTrail: false,
                  LogFileValidationEnabled: false,
                  Status: { IsLogging: false },
                  EventSelectors: { AdvancedEventSelectors: [{ Name: "mgmt", FieldSelectors: [{ Field: "eventCategory", Equals: ["Management"] }] }] },
                },
              ],
            },
            kms: {
              Keys: [
                { KeyMetadata: { KeyId: "k1", Arn: `arn:aws:kms:us-east-1:${MEMBER}:key/k1`, KeyManager: "CUSTOMER", KeyState: "Enabled", KeySpec: "SYMMETRIC_DEFAULT", CreationDate: "now-365d", Enabled: true }, KeyRotationEnabled: false, Policy: '{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:*","Resource":"*"}]}' },
                { KeyMetadata: { KeyId: "k2", KeyManager: "AWS", KeyState: "Enabled" }, KeyRotationEnabled: true },
              ],
            },
            guardduty: { Detectors: [{ DetectorId: "det1", Status: "ENABLED", CreatedAt: "2024-01-01T00:00:00.000Z", FindingPublishingFrequency: "SIX_HOURS", Features: [{ Name: "S3_DATA_EVENTS", Status: "ENABLED" }] }] },
            config: {
              ConfigurationRecorders: [{ name: "default", roleARN: `arn:aws:iam::${MEMBER}:role/config`, recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } }],
              ConfigurationRecordersStatus: [{ name: "default", recording: true, lastStatus: "SUCCESS", lastStartTime: "now-100d" }],
            },
            accessanalyzer: { Analyzers: [{ arn: `arn:aws:access-analyzer:us-east-1:${MEMBER}:analyzer/acct`, name: "acct", type: "ACCOUNT", status: "ACTIVE", createdAt: "now-50d" }] },
            route53: {
              HostedZones: [
                {
                  Id: "/hostedzone/Z111",
                  Name: "example.com.",
                  CallerReference: "ref-1",
                  Config: { PrivateZone: false },
                  ResourceRecordSetCount: 3,
                  ResourceRecordSets: [
                    { Name: "example.com.", Type: "NS", TTL: 172800, ResourceRecords: [{ Value: "ns-1.example.net." }] },
                    { Name: "example.com.", Type: "SOA", TTL: 900, ResourceRecords: [{ Value: "ns-1.example.net. admin.example.com. 1 7200 900 1209600 86400" }] },
                    { Name: "www.example.com.", Type: "CNAME", TTL: 300, ResourceRecords: [{ Value: "public-site.s3-website-eu-west-1.amazonaws.com" }] },
                  ],
                },
                { Id: "Z222", Name: "internal.", CallerReference: "ref-2", Config: { PrivateZone: true }, ResourceRecordSets: [] },
              ],
            },
          },
          "eu-west-1": {
            ec2: { Instances: [{ InstanceId: "i-eu01", InstanceType: "t3.micro", LaunchTime: "now-5d", State: { Code: 16, Name: "running" } }], EbsEncryptionByDefault: false },
          },
        },
      },
      {
        Id: SUSPENDED,
        Arn: `arn:aws:organizations::${MANAGEMENT}:account/o-test000001/${SUSPENDED}`,
        Name: "closed",
        Email: "closed@example.com",
        Status: "SUSPENDED",
        JoinedMethod: "CREATED",
        JoinedTimestamp: "now-800d",
        ParentId: "ou-test-security",
        iam: { AuthorizationDetails: { RoleDetailList: [scannerRole(SUSPENDED)] } },
      },
    ],
  };
}
