/**
 * Builds one account of a world: Organizations fields, IAM (see iam-builder.ts), S3 and the
 * regional services. Every method takes an options object and returns the AWS-shaped element
 * it added, so a generator can adjust it afterwards.
 */
import type {
  Address,
  FlowLog,
  Instance,
  IpPermission,
  NetworkInterface,
  SecurityGroup,
  Subnet,
  Volume,
  Vpc,
  VpcEndpoint,
} from "@aws-sdk/client-ec2";
import type { DBInstance } from "@aws-sdk/client-rds";
import { createIamBuilder, type TIamBuilder, type TWorldTag } from "./iam-builder";
import type { TRng } from "./prng";
import type {
  TWorldAccount,
  TWorldBucket,
  TWorldCluster,
  TWorldDbSnapshot,
  TWorldEc2,
  TWorldFunction,
  TWorldKey,
  TWorldQueue,
  TWorldRegion,
  TWorldShape,
  TWorldSnapshot,
  TWorldTopic,
  TWorldTrail,
} from "./world-types";

export interface TIngressRule {
  protocol: "tcp" | "udp" | "-1";
  fromPort?: number;
  toPort?: number;
  cidr?: string;
  cidrIpv6?: string;
  sourceGroupId?: string;
  description?: string;
}

export interface TVpcHandle {
  vpc: TWorldShape<Vpc>;
  subnets: TWorldShape<Subnet>[];
  defaultSecurityGroup: TWorldShape<SecurityGroup>;
}

export interface TAccountBuilder {
  readonly accountId: string;
  readonly iam: TIamBuilder;
  readonly rng: TRng;
  region(name: string): TWorldRegion;
  ec2(
    region: string,
  ): Required<
    Pick<
      TWorldEc2,
      | "Instances"
      | "SecurityGroups"
      | "Vpcs"
      | "Subnets"
      | "FlowLogs"
      | "VpcEndpoints"
      | "Volumes"
      | "Snapshots"
      | "NetworkInterfaces"
      | "Addresses"
    >
  > &
    TWorldEc2;
  addVpc(o: {
    region: string;
    /** First two octets, e.g. "10.12" or "172.31". */ cidrPrefix: string;
    subnets: number;
    name?: string;
    flowLogs: boolean;
    isDefault?: boolean;
    defaultSgOpen?: boolean;
    tags?: TWorldTag[];
  }): TVpcHandle;
  addSecurityGroup(o: {
    region: string;
    vpcId: string;
    name: string;
    description?: string;
    ingress: TIngressRule[];
    tags?: TWorldTag[];
  }): TWorldShape<SecurityGroup>;
  addInstance(o: {
    region: string;
    subnet: TWorldShape<Subnet>;
    securityGroups: TWorldShape<SecurityGroup>[];
    name: string;
    httpTokens: "required" | "optional";
    publicIp?: string;
    instanceProfileRole?: string;
    tags?: TWorldTag[];
    state?: "running" | "stopped";
    instanceType?: string;
    volumes?: { sizeGiB: number; encrypted: boolean }[];
    launchedDaysAgo?: number;
  }): {
    instance: TWorldShape<Instance>;
    volumes: TWorldShape<Volume>[];
    networkInterface: TWorldShape<NetworkInterface>;
  };
  addVolume(o: {
    region: string;
    sizeGiB: number;
    encrypted: boolean;
    availabilityZone: string;
    tags?: TWorldTag[];
    attachedTo?: string;
  }): TWorldShape<Volume>;
  addSnapshot(o: {
    region: string;
    volume: TWorldShape<Volume>;
    public?: boolean;
    sharedWith?: string[];
    description?: string;
    tags?: TWorldTag[];
  }): TWorldSnapshot;
  addElasticIp(o: {
    region: string;
    publicIp: string;
    instanceId?: string;
    networkInterfaceId?: string;
    tags?: TWorldTag[];
  }): TWorldShape<Address>;
  addVpcEndpoint(o: {
    region: string;
    vpcId: string;
    service: string;
    type: "Gateway" | "Interface";
    policy?: string;
    subnetIds?: string[];
  }): TWorldShape<VpcEndpoint>;
  addFlowLog(o: { region: string; resourceId: string }): TWorldShape<FlowLog>;
  addBucket(o: Omit<TWorldBucket, "CreationDate"> & { createdDaysAgo?: number }): TWorldBucket;
  addFunction(o: {
    region: string;
    name: string;
    runtime: string;
    roleArn: string;
    policy?: string;
    memorySize?: number;
    vpcSubnetIds?: string[];
  }): TWorldFunction;
  addQueue(o: { region: string; name: string; attributes?: Record<string, string> }): TWorldQueue;
  addTopic(o: { region: string; name: string; attributes?: Record<string, string> }): TWorldTopic;
  addKey(o: {
    region: string;
    description: string;
    rotation: boolean;
    policy?: string;
    keyManager?: "CUSTOMER" | "AWS";
  }): TWorldKey;
  addDbInstance(o: {
    region: string;
    identifier: string;
    engine: string;
    publiclyAccessible: boolean;
    encrypted: boolean;
    backupRetentionDays: number;
    kmsKeyArn?: string;
    tags?: TWorldTag[];
    multiAz?: boolean;
  }): TWorldShape<DBInstance>;
  addDbSnapshot(o: {
    region: string;
    db: TWorldShape<DBInstance>;
    public?: boolean;
    name: string;
  }): TWorldDbSnapshot;
  addTrail(o: {
    region: string;
    name: string;
    bucketName: string;
    multiRegion: boolean;
    organizationTrail?: boolean;
    logFileValidation: boolean;
    kmsKeyArn?: string;
    isLogging: boolean;
  }): TWorldTrail;
  addCluster(o: TWorldCluster & { region: string }): TWorldCluster;
  setDetector(o: { region: string; enabled: boolean } | { region: string; none: true }): void;
  setConfigRecorder(
    o:
      | { region: string; recording: boolean; allSupported: boolean }
      | { region: string; none: true },
  ): void;
  addAnalyzer(o: { region: string; name: string; type: "ACCOUNT" | "ORGANIZATION" }): void;
  build(): TWorldAccount;
}

const days = (n: number): string => `now-${n}d`;
const AZ_SUFFIXES = ["a", "b", "c"];

/** `tags` as an EC2/IAM tag list, `Name` first. */
export function buildTagList(name: string | undefined, tags: TWorldTag[] | undefined): TWorldTag[] {
  const list: TWorldTag[] = name ? [{ Key: "Name", Value: name }] : [];
  for (const tag of tags ?? []) if (tag.Key !== "Name") list.push(tag);
  return list;
}

function buildIpPermission(rule: TIngressRule): TWorldShape<IpPermission> {
  const permission: TWorldShape<IpPermission> = {
    IpProtocol: rule.protocol,
    IpRanges: rule.cidr
      ? [{ CidrIp: rule.cidr, ...(rule.description ? { Description: rule.description } : {}) }]
      : [],
    Ipv6Ranges: rule.cidrIpv6 ? [{ CidrIpv6: rule.cidrIpv6 }] : [],
    PrefixListIds: [],
    UserIdGroupPairs: [],
  };
  if (rule.protocol !== "-1") {
    permission.FromPort = rule.fromPort;
    permission.ToPort = rule.toPort ?? rule.fromPort;
  }
  return permission;
}

export function createAccountBuilder(options: {
  accountId: string;
  name: string;
  email: string;
  organizationId: string;
  managementAccountId: string;
  parentId: string;
  status?: "ACTIVE" | "SUSPENDED";
  joinedDaysAgo: number;
  joinedMethod?: "CREATED" | "INVITED";
  tags?: TWorldTag[];
  homeRegion: string;
  rng: TRng;
}): TAccountBuilder {
  const { accountId, rng } = options;
  const regions: Record<string, TWorldRegion> = {};
  const buckets: TWorldBucket[] = [];
  const iam = createIamBuilder({ accountId, rng, homeRegion: options.homeRegion });
  let privateIpCounter = 10;
  // A fleet runs a handful of images, not one per instance.
  const amiIds = [`ami-${rng.hex(17)}`, `ami-${rng.hex(17)}`, `ami-${rng.hex(17)}`];

  const region = (name: string): TWorldRegion => (regions[name] ??= {});
  const ec2 = (name: string) => {
    const r = region(name);
    r.ec2 ??= {};
    const e = r.ec2;
    e.Instances ??= [];
    e.SecurityGroups ??= [];
    e.Vpcs ??= [];
    e.Subnets ??= [];
    e.FlowLogs ??= [];
    e.VpcEndpoints ??= [];
    e.Volumes ??= [];
    e.Snapshots ??= [];
    e.NetworkInterfaces ??= [];
    e.Addresses ??= [];
    return e as ReturnType<TAccountBuilder["ec2"]>;
  };

  const builder: TAccountBuilder = {
    accountId,
    iam,
    rng,
    region,
    ec2,

    addVpc(o) {
      const e = ec2(o.region);
      const vpcId = `vpc-${rng.hex(17)}`;
      const cidr = `${o.cidrPrefix}.0.0/16`;
      const vpc: TWorldShape<Vpc> = {
        VpcId: vpcId,
        CidrBlock: cidr,
        State: "available",
        OwnerId: accountId,
        InstanceTenancy: "default",
        IsDefault: o.isDefault ?? false,
        DhcpOptionsId: `dopt-${rng.hex(17)}`,
        CidrBlockAssociationSet: [
          {
            AssociationId: `vpc-cidr-assoc-${rng.hex(17)}`,
            CidrBlock: cidr,
            CidrBlockState: { State: "associated" },
          },
        ],
        Tags: buildTagList(o.name, o.tags),
      };
      e.Vpcs.push(vpc);
      const subnets: TWorldShape<Subnet>[] = [];
      for (let i = 0; i < o.subnets; i++) {
        const subnetId = `subnet-${rng.hex(17)}`;
        const isPublic = i === 0;
        const subnet: TWorldShape<Subnet> = {
          SubnetId: subnetId,
          SubnetArn: `arn:aws:ec2:${o.region}:${accountId}:subnet/${subnetId}`,
          VpcId: vpcId,
          CidrBlock: `${o.cidrPrefix}.${i * 16}.0/20`,
          AvailabilityZone: `${o.region}${AZ_SUFFIXES[i % AZ_SUFFIXES.length]}`,
          AvailableIpAddressCount: 4091,
          DefaultForAz: o.isDefault ?? false,
          MapPublicIpOnLaunch: isPublic,
          State: "available",
          OwnerId: accountId,
          Tags: buildTagList(
            o.name ? `${o.name}-${isPublic ? "public" : "private"}-${i}` : undefined,
            o.tags,
          ),
        };
        e.Subnets.push(subnet);
        subnets.push(subnet);
      }
      const defaultOpen = o.defaultSgOpen ?? true;
      const defaultSecurityGroup = builder.addSecurityGroup({
        region: o.region,
        vpcId,
        name: "default",
        description: "default VPC security group",
        ingress: [],
      });
      if (defaultOpen) {
        defaultSecurityGroup.IpPermissions = [
          {
            IpProtocol: "-1",
            IpRanges: [],
            Ipv6Ranges: [],
            PrefixListIds: [],
            UserIdGroupPairs: [{ GroupId: defaultSecurityGroup.GroupId, UserId: accountId }],
          },
        ];
      } else {
        defaultSecurityGroup.IpPermissionsEgress = [];
      }
      if (o.flowLogs) builder.addFlowLog({ region: o.region, resourceId: vpcId });
      return { vpc, subnets, defaultSecurityGroup };
    },

    addSecurityGroup(o) {
      const groupId = `sg-${rng.hex(17)}`;
      const sg: TWorldShape<SecurityGroup> = {
        GroupId: groupId,
        GroupName: o.name,
        Description: o.description ?? `${o.name} security group`,
        OwnerId: accountId,
        VpcId: o.vpcId,
        SecurityGroupArn: `arn:aws:ec2:${o.region}:${accountId}:security-group/${groupId}`,
        IpPermissions: o.ingress.map(buildIpPermission),
        IpPermissionsEgress: [
          {
            IpProtocol: "-1",
            IpRanges: [{ CidrIp: "0.0.0.0/0" }],
            Ipv6Ranges: [],
            PrefixListIds: [],
            UserIdGroupPairs: [],
          },
        ],
        Tags: o.tags ?? [],
      };
      ec2(o.region).SecurityGroups.push(sg);
      return sg;
    },

    addInstance(o) {
      const e = ec2(o.region);
      const instanceId = `i-${rng.hex(17)}`;
      const state = o.state ?? "running";
      const az = o.subnet.AvailabilityZone ?? `${o.region}a`;
      const subnetPrefix = (o.subnet.CidrBlock ?? "10.0.0.0/24").split(".").slice(0, 3).join(".");
      privateIpCounter = privateIpCounter >= 250 ? 10 : privateIpCounter + 1;
      const privateIp = `${subnetPrefix}.${privateIpCounter}`;
      const groups = o.securityGroups.map((sg) => ({
        GroupId: sg.GroupId,
        GroupName: sg.GroupName,
      }));
      const tags = buildTagList(o.name, o.tags);
      const eniId = `eni-${rng.hex(17)}`;
      const launched = o.launchedDaysAgo ?? rng.int(1, 700);
      const publicIp = state === "running" ? o.publicIp : undefined;
      const networkInterface: TWorldShape<NetworkInterface> = {
        NetworkInterfaceId: eniId,
        InterfaceType: "interface",
        AvailabilityZone: az,
        SubnetId: o.subnet.SubnetId,
        VpcId: o.subnet.VpcId,
        OwnerId: accountId,
        PrivateIpAddress: privateIp,
        Status: "in-use",
        Groups: groups,
        Description: "",
        RequesterManaged: false,
        SourceDestCheck: true,
        Attachment: {
          AttachmentId: `eni-attach-${rng.hex(17)}`,
          DeviceIndex: 0,
          InstanceId: instanceId,
          InstanceOwnerId: accountId,
          Status: "attached",
          DeleteOnTermination: true,
        },
        ...(publicIp ? { Association: { PublicIp: publicIp, IpOwnerId: "amazon" } } : {}),
        TagSet: [],
      };
      e.NetworkInterfaces.push(networkInterface);
      const volumes = (o.volumes ?? [{ sizeGiB: 8, encrypted: true }]).map((v) =>
        builder.addVolume({
          region: o.region,
          sizeGiB: v.sizeGiB,
          encrypted: v.encrypted,
          availabilityZone: az,
          tags: tags,
          attachedTo: instanceId,
        }),
      );
      const instance: TWorldShape<Instance> = {
        InstanceId: instanceId,
        ImageId: rng.pick(amiIds),
        InstanceType: (o.instanceType ??
          rng.pick([
            "t3.micro",
            "t3.medium",
            "m6i.large",
            "c6i.xlarge",
            "r6i.large",
          ])) as Instance["InstanceType"],
        LaunchTime: days(launched),
        State: state === "running" ? { Code: 16, Name: "running" } : { Code: 80, Name: "stopped" },
        Placement: { AvailabilityZone: az, Tenancy: "default" },
        PrivateIpAddress: privateIp,
        PrivateDnsName: `ip-${privateIp.replaceAll(".", "-")}.${o.region === "us-east-1" ? "ec2.internal" : `${o.region}.compute.internal`}`,
        SubnetId: o.subnet.SubnetId,
        VpcId: o.subnet.VpcId,
        Architecture: "x86_64",
        RootDeviceType: "ebs",
        RootDeviceName: "/dev/xvda",
        BlockDeviceMappings: volumes.map((v, i) => ({
          DeviceName: i === 0 ? "/dev/xvda" : `/dev/sd${"fghijk"[i - 1] ?? "z"}`,
          Ebs: {
            VolumeId: v.VolumeId,
            Status: "attached",
            DeleteOnTermination: i === 0,
            AttachTime: days(launched),
          },
        })),
        SecurityGroups: groups,
        NetworkInterfaces: [
          {
            NetworkInterfaceId: eniId,
            SubnetId: o.subnet.SubnetId,
            VpcId: o.subnet.VpcId,
            OwnerId: accountId,
            PrivateIpAddress: privateIp,
            Status: "in-use",
            Groups: groups,
            ...(publicIp ? { Association: { PublicIp: publicIp, IpOwnerId: "amazon" } } : {}),
          },
        ],
        MetadataOptions: {
          State: "applied",
          HttpTokens: o.httpTokens,
          HttpPutResponseHopLimit: o.httpTokens === "required" ? 2 : 1,
          HttpEndpoint: "enabled",
          HttpProtocolIpv6: "disabled",
          InstanceMetadataTags: "disabled",
        },
        Monitoring: { State: "disabled" },
        EbsOptimized: true,
        Tags: tags,
      };
      if (publicIp) {
        instance.PublicIpAddress = publicIp;
        instance.PublicDnsName = `ec2-${publicIp.replaceAll(".", "-")}.${o.region === "us-east-1" ? "compute-1" : `${o.region}.compute`}.amazonaws.com`;
      }
      if (o.instanceProfileRole) {
        const profile = iam.getRole(o.instanceProfileRole).InstanceProfileList?.[0];
        if (!profile)
          throw new Error(
            `role "${o.instanceProfileRole}" of ${accountId} has no instance profile`,
          );
        instance.IamInstanceProfile = { Arn: profile.Arn, Id: profile.InstanceProfileId };
      }
      e.Instances.push(instance);
      return { instance, volumes, networkInterface };
    },

    addVolume(o) {
      const volumeId = `vol-${rng.hex(17)}`;
      const volume: TWorldShape<Volume> = {
        VolumeId: volumeId,
        Size: o.sizeGiB,
        VolumeType: "gp3",
        Iops: 3000,
        Throughput: 125,
        AvailabilityZone: o.availabilityZone,
        CreateTime: days(rng.int(1, 800)),
        Encrypted: o.encrypted,
        State: o.attachedTo ? "in-use" : "available",
        MultiAttachEnabled: false,
        Attachments: o.attachedTo
          ? [
              {
                VolumeId: volumeId,
                InstanceId: o.attachedTo,
                Device: "/dev/xvda",
                State: "attached",
                DeleteOnTermination: true,
              },
            ]
          : [],
        Tags: o.tags ?? [],
      };
      if (o.encrypted)
        volume.KmsKeyId = `arn:aws:kms:${o.availabilityZone.slice(0, -1)}:${accountId}:alias/aws/ebs`;
      ec2(o.region).Volumes.push(volume);
      return volume;
    },

    addSnapshot(o) {
      const snapshot: TWorldSnapshot = {
        SnapshotId: `snap-${rng.hex(17)}`,
        VolumeId: o.volume.VolumeId,
        VolumeSize: o.volume.Size,
        State: "completed",
        Progress: "100%",
        StartTime: days(rng.int(1, 400)),
        OwnerId: accountId,
        Encrypted: o.volume.Encrypted ?? false,
        Description: o.description ?? `Backup of ${o.volume.VolumeId}`,
        StorageTier: "standard",
        Tags: o.tags ?? [],
        CreateVolumePermissions: [
          ...(o.public ? [{ Group: "all" as const }] : []),
          ...(o.sharedWith ?? []).map((UserId) => ({ UserId })),
        ],
      };
      ec2(o.region).Snapshots.push(snapshot);
      return snapshot;
    },

    addElasticIp(o) {
      const address: TWorldShape<Address> = {
        AllocationId: `eipalloc-${rng.hex(17)}`,
        PublicIp: o.publicIp,
        Domain: "vpc",
        NetworkBorderGroup: o.region,
        PublicIpv4Pool: "amazon",
        Tags: o.tags ?? [],
      };
      if (o.instanceId) {
        address.InstanceId = o.instanceId;
        address.AssociationId = `eipassoc-${rng.hex(17)}`;
      }
      if (o.networkInterfaceId) address.NetworkInterfaceId = o.networkInterfaceId;
      ec2(o.region).Addresses.push(address);
      return address;
    },

    addVpcEndpoint(o) {
      const endpoint: TWorldShape<VpcEndpoint> = {
        VpcEndpointId: `vpce-${rng.hex(17)}`,
        VpcEndpointType: o.type,
        VpcId: o.vpcId,
        ServiceName: `com.amazonaws.${o.region}.${o.service}`,
        State: "available" as VpcEndpoint["State"],
        PolicyDocument:
          o.policy ??
          JSON.stringify({
            Version: "2008-10-17",
            Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }],
          }),
        RouteTableIds: o.type === "Gateway" ? [`rtb-${rng.hex(17)}`] : [],
        SubnetIds: o.subnetIds ?? [],
        PrivateDnsEnabled: o.type === "Interface",
        CreationTimestamp: days(rng.int(30, 700)),
        OwnerId: accountId,
        Tags: [],
      };
      ec2(o.region).VpcEndpoints.push(endpoint);
      return endpoint;
    },

    addFlowLog(o) {
      const flowLog: TWorldShape<FlowLog> = {
        FlowLogId: `fl-${rng.hex(17)}`,
        CreationTime: days(rng.int(30, 700)),
        DeliverLogsStatus: "SUCCESS",
        FlowLogStatus: "ACTIVE",
        ResourceId: o.resourceId,
        TrafficType: "ALL",
        LogDestinationType: "s3",
        LogDestination: `arn:aws:s3:::acme-vpc-flow-logs-${accountId}`,
        MaxAggregationInterval: 600,
      };
      ec2(o.region).FlowLogs.push(flowLog);
      return flowLog;
    },

    addBucket(o) {
      const { createdDaysAgo, ...rest } = o;
      const bucket: TWorldBucket = {
        ...rest,
        CreationDate: days(createdDaysAgo ?? rng.int(30, 1500)),
      };
      buckets.push(bucket);
      return bucket;
    },

    addFunction(o) {
      const r = region(o.region);
      r.lambda ??= { Functions: [] };
      const fn: TWorldFunction = {
        FunctionName: o.name,
        FunctionArn: `arn:aws:lambda:${o.region}:${accountId}:function:${o.name}`,
        Runtime: o.runtime as TWorldFunction["Runtime"],
        Role: o.roleArn,
        Handler: o.runtime.startsWith("python") ? "app.handler" : "index.handler",
        CodeSize: rng.int(2_000, 9_000_000),
        Description: "",
        Timeout: rng.pick([3, 15, 30, 60, 300]),
        MemorySize: o.memorySize ?? rng.pick([128, 256, 512, 1024]),
        LastModified: `${days(rng.int(1, 600))}`,
        CodeSha256: rng.hex(43),
        Version: "$LATEST",
        PackageType: "Zip",
        Architectures: [rng.pick(["x86_64", "arm64"] as const)],
        TracingConfig: { Mode: "PassThrough" },
        RevisionId: `${rng.hex(8)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(4)}-${rng.hex(12)}`,
        EphemeralStorage: { Size: 512 },
      };
      if (o.vpcSubnetIds) fn.VpcConfig = { SubnetIds: o.vpcSubnetIds, SecurityGroupIds: [] };
      if (o.policy) fn.Policy = o.policy;
      r.lambda.Functions.push(fn);
      return fn;
    },

    addQueue(o) {
      const r = region(o.region);
      r.sqs ??= { Queues: [] };
      const queue: TWorldQueue = {
        QueueUrl: `https://sqs.${o.region}.amazonaws.com/${accountId}/${o.name}`,
        Attributes: {
          QueueArn: `arn:aws:sqs:${o.region}:${accountId}:${o.name}`,
          ApproximateNumberOfMessages: String(rng.int(0, 500)),
          CreatedTimestamp: String(1_700_000_000 - rng.int(0, 50_000_000)),
          VisibilityTimeout: "30",
          MessageRetentionPeriod: "345600",
          DelaySeconds: "0",
          ...o.attributes,
        },
      };
      r.sqs.Queues.push(queue);
      return queue;
    },

    addTopic(o) {
      const r = region(o.region);
      r.sns ??= { Topics: [] };
      const arn = `arn:aws:sns:${o.region}:${accountId}:${o.name}`;
      const topic: TWorldTopic = {
        TopicArn: arn,
        Attributes: {
          TopicArn: arn,
          Owner: accountId,
          DisplayName: "",
          SubscriptionsConfirmed: String(rng.int(0, 5)),
          SubscriptionsPending: "0",
          Policy: JSON.stringify({
            Version: "2008-10-17",
            Id: "__default_policy_ID",
            Statement: [
              {
                Sid: "__default_statement_ID",
                Effect: "Allow",
                Principal: { AWS: "*" },
                Action: [
                  "SNS:GetTopicAttributes",
                  "SNS:SetTopicAttributes",
                  "SNS:AddPermission",
                  "SNS:RemovePermission",
                  "SNS:DeleteTopic",
                  "SNS:Subscribe",
                  "SNS:ListSubscriptionsByTopic",
                  "SNS:Publish",
                ],
                Resource: arn,
                Condition: { StringEquals: { "AWS:SourceOwner": accountId } },
              },
            ],
          }),
          ...o.attributes,
        },
      };
      r.sns.Topics.push(topic);
      return topic;
    },

    addKey(o) {
      const r = region(o.region);
      r.kms ??= { Keys: [] };
      const keyId = `${rng.hex(8)}-${rng.hex(4)}-4${rng.hex(3)}-a${rng.hex(3)}-${rng.hex(12)}`;
      const manager = o.keyManager ?? "CUSTOMER";
      const key: TWorldKey = {
        KeyMetadata: {
          AWSAccountId: accountId,
          KeyId: keyId,
          Arn: `arn:aws:kms:${o.region}:${accountId}:key/${keyId}`,
          CreationDate: days(rng.int(30, 1200)),
          Enabled: true,
          Description: o.description,
          KeyUsage: "ENCRYPT_DECRYPT",
          KeyState: "Enabled",
          Origin: "AWS_KMS",
          KeyManager: manager,
          KeySpec: "SYMMETRIC_DEFAULT",
          CustomerMasterKeySpec: "SYMMETRIC_DEFAULT",
          EncryptionAlgorithms: ["SYMMETRIC_DEFAULT"],
          MultiRegion: false,
        },
        KeyRotationEnabled: manager === "AWS" ? true : o.rotation,
        Policy:
          o.policy ??
          JSON.stringify({
            Version: "2012-10-17",
            Id: "key-default-1",
            Statement: [
              {
                Sid: "Enable IAM User Permissions",
                Effect: "Allow",
                Principal: { AWS: `arn:aws:iam::${accountId}:root` },
                Action: "kms:*",
                Resource: "*",
              },
            ],
          }),
      };
      r.kms.Keys.push(key);
      return key;
    },

    addDbInstance(o) {
      const r = region(o.region);
      r.rds ??= { DBInstances: [], DBSnapshots: [] };
      r.rds.DBInstances ??= [];
      const db: TWorldShape<DBInstance> = {
        DBInstanceIdentifier: o.identifier,
        DBInstanceArn: `arn:aws:rds:${o.region}:${accountId}:db:${o.identifier}`,
        DBInstanceClass: rng.pick(["db.t3.medium", "db.m6g.large", "db.r6g.large"]),
        Engine: o.engine,
        EngineVersion: o.engine === "postgres" ? "15.5" : "8.0.35",
        DBInstanceStatus: "available",
        MasterUsername: "dbadmin",
        Endpoint: {
          Address: `${o.identifier}.c${rng.hex(11)}.${o.region}.rds.amazonaws.com`,
          Port: o.engine === "postgres" ? 5432 : 3306,
        },
        AllocatedStorage: rng.pick([20, 100, 500]),
        InstanceCreateTime: days(rng.int(60, 1200)),
        BackupRetentionPeriod: o.backupRetentionDays,
        MultiAZ: o.multiAz ?? false,
        PubliclyAccessible: o.publiclyAccessible,
        StorageEncrypted: o.encrypted,
        StorageType: "gp3",
        DbiResourceId: `db-${rng.upper(26)}`,
        DeletionProtection: o.backupRetentionDays > 0,
        AutoMinorVersionUpgrade: true,
        IAMDatabaseAuthenticationEnabled: false,
        TagList: o.tags ?? [],
      };
      if (o.encrypted)
        db.KmsKeyId = o.kmsKeyArn ?? `arn:aws:kms:${o.region}:${accountId}:alias/aws/rds`;
      r.rds.DBInstances.push(db);
      return db;
    },

    addDbSnapshot(o) {
      const r = region(o.region);
      r.rds ??= { DBInstances: [], DBSnapshots: [] };
      r.rds.DBSnapshots ??= [];
      const snapshot: TWorldDbSnapshot = {
        DBSnapshotIdentifier: o.name,
        DBSnapshotArn: `arn:aws:rds:${o.region}:${accountId}:snapshot:${o.name}`,
        DBInstanceIdentifier: o.db.DBInstanceIdentifier,
        SnapshotCreateTime: days(rng.int(1, 300)),
        Engine: o.db.Engine,
        AllocatedStorage: o.db.AllocatedStorage,
        Status: "available",
        SnapshotType: "manual",
        Encrypted: o.db.StorageEncrypted ?? false,
        Attributes: [{ AttributeName: "restore", AttributeValues: o.public ? ["all"] : [] }],
      };
      r.rds.DBSnapshots.push(snapshot);
      return snapshot;
    },

    addTrail(o) {
      const r = region(o.region);
      r.cloudtrail ??= { Trails: [] };
      const trail: TWorldTrail = {
        Name: o.name,
        TrailARN: `arn:aws:cloudtrail:${o.region}:${accountId}:trail/${o.name}`,
        S3BucketName: o.bucketName,
        IncludeGlobalServiceEvents: o.multiRegion,
        IsMultiRegionTrail: o.multiRegion,
        HomeRegion: o.region,
        LogFileValidationEnabled: o.logFileValidation,
        HasCustomEventSelectors: false,
        HasInsightSelectors: false,
        IsOrganizationTrail: o.organizationTrail ?? false,
        Status: {
          IsLogging: o.isLogging,
          LatestDeliveryTime: o.isLogging ? "now-15m" : days(120),
          StartLoggingTime: days(900),
          ...(o.isLogging ? {} : { StopLoggingTime: days(120) }),
        },
        EventSelectors: [
          {
            ReadWriteType: "All",
            IncludeManagementEvents: true,
            DataResources: [],
            ExcludeManagementEventSources: [],
          },
        ],
      };
      if (o.kmsKeyArn) trail.KmsKeyId = o.kmsKeyArn;
      r.cloudtrail.Trails.push(trail);
      return trail;
    },

    addCluster(o) {
      const { region: regionName, ...cluster } = o;
      const r = region(regionName);
      r.eks ??= { Clusters: [] };
      r.eks.Clusters.push(cluster);
      return cluster;
    },

    setDetector(o) {
      const r = region(o.region);
      if ("none" in o) {
        r.guardduty = { Detectors: [] };
        return;
      }
      const status = o.enabled ? "ENABLED" : "DISABLED";
      r.guardduty = {
        Detectors: [
          {
            DetectorId: rng.hex(32),
            Status: status,
            Features: [
              "CLOUD_TRAIL",
              "DNS_LOGS",
              "FLOW_LOGS",
              "S3_DATA_EVENTS",
              "EKS_AUDIT_LOGS",
            ].map((Name) => ({
              Name: Name as "CLOUD_TRAIL",
              Status: status,
              UpdatedAt: days(200),
            })),
          },
        ],
      };
    },

    setConfigRecorder(o) {
      const r = region(o.region);
      if ("none" in o) {
        r.config = { ConfigurationRecorders: [], ConfigurationRecordersStatus: [] };
        return;
      }
      r.config = {
        ConfigurationRecorders: [
          {
            name: "default",
            roleARN: `arn:aws:iam::${accountId}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
            recordingGroup: {
              allSupported: o.allSupported,
              includeGlobalResourceTypes: o.allSupported,
              resourceTypes: [],
            },
          },
        ],
        ConfigurationRecordersStatus: [
          {
            name: "default",
            recording: o.recording,
            // AWS answers upper case here, whatever the SDK's enum says.
            lastStatus: (o.recording ? "SUCCESS" : "FAILURE") as "Success",
            lastStartTime: days(300),
            ...(o.recording ? {} : { lastStopTime: days(60) }),
            lastStatusChangeTime: o.recording ? "now-2h" : days(60),
          },
        ],
      };
    },

    addAnalyzer(o) {
      const r = region(o.region);
      r.accessanalyzer ??= { Analyzers: [] };
      r.accessanalyzer.Analyzers.push({
        arn: `arn:aws:access-analyzer:${o.region}:${accountId}:analyzer/${o.name}`,
        name: o.name,
        type: o.type,
        createdAt: days(400),
        status: "ACTIVE",
        tags: {},
      });
    },

    build() {
      return {
        Id: accountId,
        Arn: `arn:aws:organizations::${options.managementAccountId}:account/${options.organizationId}/${accountId}`,
        Name: options.name,
        Email: options.email,
        Status: options.status ?? "ACTIVE",
        JoinedMethod: options.joinedMethod ?? "CREATED",
        JoinedTimestamp: days(options.joinedDaysAgo),
        ParentId: options.parentId,
        Tags: options.tags ?? [],
        iam: iam.build(),
        s3: { Buckets: buckets },
        regions,
      };
    },
  };
  return builder;
}
