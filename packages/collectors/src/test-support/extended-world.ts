/**
 * demo-small.json plus, in account 222222222222, one of everything demo-small lacks (KMS,
 * RDS, SNS, Route 53, Config, EKS node groups, EC2 snapshots/ENIs/EIPs/endpoints, IAM groups
 * and URL-encoded managed policies, MFA devices, a bucket in eu-west-1), so that every
 * collector and every resource type is exercised against the sandbox.
 */
import { readDemoWorld, type TTestWorld } from "./sandbox-harness";

const A = "222222222222";
const R = "eu-west-1";
const policy = (statement: Record<string, unknown>) =>
  JSON.stringify({ Version: "2012-10-17", Statement: [statement] });

export function buildExtendedWorld(): TTestWorld {
  const world = readDemoWorld();
  const account = world.accounts.find((a) => a.Id === A) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const iam = account.iam;
  iam.AuthorizationDetails.UserDetailList.push({
    Path: "/",
    UserName: "auditor",
    UserId: "AIDA222222222222AUDIT",
    Arn: `arn:aws:iam::${A}:user/auditor`,
    CreateDate: "now-100d",
    GroupList: ["readers"],
    UserPolicyList: [],
    AttachedManagedPolicies: [],
    Tags: [{ Key: "team", Value: "security" }],
  });
  iam.AuthorizationDetails.GroupDetailList.push({
    Path: "/",
    GroupName: "readers",
    GroupId: "AGPA222222222222READ",
    Arn: `arn:aws:iam::${A}:group/readers`,
    CreateDate: "now-100d",
    GroupPolicyList: [
      {
        PolicyName: "inline-read",
        PolicyDocument: policy({ Effect: "Allow", Action: "s3:Get*", Resource: "*" }),
      },
    ],
    AttachedManagedPolicies: [
      { PolicyName: "readers-extra", PolicyArn: `arn:aws:iam::${A}:policy/readers-extra` },
    ],
  });
  iam.AuthorizationDetails.Policies.push(
    {
      PolicyName: "readers-extra",
      PolicyId: "ANPA222222222222EXTRA",
      Arn: `arn:aws:iam::${A}:policy/readers-extra`,
      Path: "/",
      DefaultVersionId: "v1",
      AttachmentCount: 1,
      IsAttachable: true,
      CreateDate: "now-100d",
      UpdateDate: "now-100d",
      PolicyVersionList: [
        {
          Document: encodeURIComponent(
            policy({ Effect: "Allow", Action: "kms:Decrypt", Resource: "*" }),
          ),
          VersionId: "v1",
          IsDefaultVersion: true,
          CreateDate: "now-100d",
        },
      ],
    },
    {
      PolicyName: "SecurityAudit",
      PolicyId: "ANPAIX2T3QCXHR2OGGCTO",
      Arn: "arn:aws:iam::aws:policy/SecurityAudit",
      Path: "/",
      DefaultVersionId: "v1",
      AttachmentCount: 1,
      IsAttachable: true,
      CreateDate: "now-3000d",
      UpdateDate: "now-30d",
      PolicyVersionList: [
        {
          Document: policy({ Effect: "Allow", Action: "iam:Get*", Resource: "*" }),
          VersionId: "v1",
          IsDefaultVersion: true,
          CreateDate: "now-30d",
        },
      ],
    },
  );
  iam.CredentialReport.push({
    ...iam.CredentialReport[0],
    user: "auditor",
    arn: `arn:aws:iam::${A}:user/auditor`,
    password_enabled: "true",
    mfa_active: "true",
  });
  iam.MFADevices = {
    auditor: [
      { UserName: "auditor", SerialNumber: `arn:aws:iam::${A}:mfa/auditor`, EnableDate: "now-90d" },
    ],
  };
  iam.VirtualMFADevices = [
    { SerialNumber: `arn:aws:iam::${A}:mfa/auditor`, EnableDate: "now-90d" },
  ];

  account.s3.Buckets.push({
    Name: "acme-security-logs-eu",
    CreationDate: "now-200d",
    BucketRegion: R,
    TagSet: [{ Key: "team", Value: "security" }],
    LifecycleRules: [
      { ID: "expire", Status: "Enabled", Filter: { Prefix: "" }, Expiration: { Days: 365 } },
    ],
    Acl: {
      Owner: { ID: "owner-canonical-id" },
      Grants: [
        {
          Grantee: { Type: "Group", URI: "http://acs.amazonaws.com/groups/global/AllUsers" },
          Permission: "READ",
        },
      ],
    },
  });

  const us = account.regions["us-east-1"];
  us.ec2.Snapshots = [
    {
      SnapshotId: "snap-0sec1",
      VolumeId: "vol-0sec1",
      State: "completed",
      Encrypted: false,
      OwnerId: A,
      StartTime: "now-10d",
      CreateVolumePermissions: [{ Group: "all" }],
    },
  ];
  us.ec2.NetworkInterfaces = [
    {
      NetworkInterfaceId: "eni-0sec1",
      SubnetId: "subnet-0a1",
      VpcId: "vpc-0a1",
      Status: "in-use",
      TagSet: [{ Key: "Name", Value: "nat" }],
    },
  ];
  us.ec2.Addresses = [{ AllocationId: "eipalloc-0sec1", PublicIp: "198.51.100.7", Domain: "vpc" }];
  us.ec2.VpcEndpoints = [
    {
      VpcEndpointId: "vpce-0sec1",
      VpcId: "vpc-0a1",
      ServiceName: "com.amazonaws.us-east-1.s3",
      VpcEndpointType: "Gateway",
      State: "available",
      PolicyDocument: policy({ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }),
    },
  ];
  us.lambda = {
    Functions: [
      {
        FunctionName: "rotate",
        FunctionArn: `arn:aws:lambda:us-east-1:${A}:function:rotate`,
        Runtime: "nodejs20.x",
        Role: `arn:aws:iam::${A}:role/PostureScanner`,
        Handler: "index.handler",
        LastModified: "now-5d",
        PackageType: "Zip",
        Policy: policy({
          Sid: "public",
          Effect: "Allow",
          Principal: "*",
          Action: "lambda:InvokeFunction",
          Resource: `arn:aws:lambda:us-east-1:${A}:function:rotate`,
        }),
      },
    ],
  };
  us.eks = {
    Clusters: [
      {
        name: "tools",
        arn: `arn:aws:eks:us-east-1:${A}:cluster/tools`,
        version: "1.30",
        status: "ACTIVE",
        tags: { team: "security" },
        resourcesVpcConfig: {
          vpcId: "vpc-0a1",
          endpointPublicAccess: false,
          endpointPrivateAccess: true,
        },
        Nodegroups: [
          {
            nodegroupName: "ng-1",
            nodegroupArn: `arn:aws:eks:us-east-1:${A}:nodegroup/tools/ng-1/abc`,
            clusterName: "tools",
            status: "ACTIVE",
            amiType: "AL2023_x86_64_STANDARD",
          },
        ],
      },
    ],
  };
  us.sns = {
    Topics: [
      {
        TopicArn: `arn:aws:sns:us-east-1:${A}:alerts`,
        Attributes: {
          TopicArn: `arn:aws:sns:us-east-1:${A}:alerts`,
          KmsMasterKeyId: "alias/aws/sns",
        },
      },
    ],
  };
  us.rds = {
    DBInstances: [
      {
        DBInstanceIdentifier: "audit-db",
        DBInstanceArn: `arn:aws:rds:us-east-1:${A}:db:audit-db`,
        Engine: "postgres",
        PubliclyAccessible: false,
        StorageEncrypted: true,
        InstanceCreateTime: "now-300d",
        TagList: [{ Key: "team", Value: "security" }],
      },
    ],
    DBSnapshots: [
      {
        DBSnapshotIdentifier: "audit-db-manual",
        DBSnapshotArn: `arn:aws:rds:us-east-1:${A}:snapshot:audit-db-manual`,
        DBInstanceIdentifier: "audit-db",
        SnapshotType: "manual",
        Encrypted: false,
        SnapshotCreateTime: "now-20d",
        Attributes: [{ AttributeName: "restore", AttributeValues: ["all"] }],
      },
    ],
  };
  us.kms = {
    Keys: [
      {
        KeyMetadata: {
          KeyId: "2222aaaa-0000-0000-0000-000000000001",
          Arn: `arn:aws:kms:us-east-1:${A}:key/2222aaaa-0000-0000-0000-000000000001`,
          KeyManager: "CUSTOMER",
          KeyState: "Enabled",
          KeySpec: "SYMMETRIC_DEFAULT",
          CreationDate: "now-400d",
        },
        KeyRotationEnabled: false,
        Policy: policy({
          Effect: "Allow",
          Principal: { AWS: `arn:aws:iam::${A}:root` },
          Action: "kms:*",
          Resource: "*",
        }),
      },
    ],
  };
  us.config = {
    ConfigurationRecorders: [
      {
        name: "default",
        roleARN: `arn:aws:iam::${A}:role/config`,
        recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
      },
    ],
    ConfigurationRecordersStatus: [{ name: "default", recording: true, lastStatus: "SUCCESS" }],
  };
  us.route53 = {
    HostedZones: [
      {
        Id: "/hostedzone/Z0SECURITY1",
        Name: "security.example.com.",
        CallerReference: "ref-1",
        Config: { PrivateZone: false },
        ResourceRecordSetCount: 2,
        ResourceRecordSets: [
          {
            Name: "security.example.com.",
            Type: "NS",
            TTL: 172800,
            ResourceRecords: [{ Value: "ns-1.awsdns-01.org." }],
          },
          {
            Name: "old.security.example.com.",
            Type: "CNAME",
            TTL: 300,
            ResourceRecords: [{ Value: "gone.s3-website-us-east-1.amazonaws.com" }],
          },
        ],
      },
    ],
  };
  account.regions[R] = {
    ec2: {
      Vpcs: [
        {
          VpcId: "vpc-0eu1",
          CidrBlock: "10.1.0.0/16",
          IsDefault: true,
          OwnerId: A,
          State: "available",
        },
      ],
      Instances: [
        {
          InstanceId: "i-0eu0000000000001",
          InstanceType: "t3.micro",
          LaunchTime: "now-3d",
          State: { Code: 16, Name: "running" },
          VpcId: "vpc-0eu1",
          MetadataOptions: { HttpTokens: "required" },
          SecurityGroups: [{ GroupId: "sg-0eu1", GroupName: "bastion" }],
        },
      ],
      SecurityGroups: [
        {
          GroupId: "sg-0eu1",
          GroupName: "bastion",
          Description: "bastion",
          OwnerId: A,
          VpcId: "vpc-0eu1",
          IpPermissions: [],
          IpPermissionsEgress: [],
        },
      ],
      Volumes: [
        {
          VolumeId: "vol-0eu1",
          Size: 8,
          Encrypted: true,
          State: "in-use",
          AvailabilityZone: "eu-west-1a",
        },
      ],
      EbsEncryptionByDefault: true,
    },
    sqs: {
      Queues: [
        {
          QueueUrl: `https://sqs.eu-west-1.amazonaws.com/${A}/audit-events`,
          Attributes: {
            QueueArn: `arn:aws:sqs:eu-west-1:${A}:audit-events`,
            SqsManagedSseEnabled: "false",
          },
        },
      ],
    },
    cloudtrail: {
      Trails: [
        {
          Name: "eu-trail",
          TrailARN: `arn:aws:cloudtrail:${R}:${A}:trail/eu-trail`,
          S3BucketName: "acme-security-logs-eu",
          IsMultiRegionTrail: false,
          HomeRegion: R,
          Status: { IsLogging: false },
          EventSelectors: [{ ReadWriteType: "WriteOnly", IncludeManagementEvents: true }],
        },
      ],
    },
  };
  return world;
}
