/**
 * The demo organization's everyday content: per-account settings (root, password policy,
 * regional defaults, detective services) and background workloads drawn from the seeded PRNG.
 * The named resources that demonstrate each check live in demo-scenarios.ts.
 */
import type { TAccountBuilder, TVpcHandle } from "./account-builder";
import { addOrgReaderRole, addScannerRole, type TScannerRoleOptions } from "./common-roles";
import type { TDemoAccountSpec, TWorkloadProfile } from "./demo-organization";
import { DEMO_MANAGEMENT_ACCOUNT_ID } from "./demo-organization";
import type { TWorldTag } from "./iam-builder";
import {
  allow,
  buildAccountTrustPolicy,
  buildDenyInsecureTransport,
  buildPolicyDocument,
  buildServiceTrustPolicy,
  buildSsoTrustPolicy,
} from "./policy-documents";
import type { TPublicIpPool } from "./public-ip-pool";
import type { TWorldAccount } from "./world-types";

export interface TDemoContext {
  ipPool: TPublicIpPool;
  scanner: TScannerRoleOptions;
  ssoProviderName: string;
}

/** The per-account handles scenarios build on: the main VPC of each region. */
export interface TDemoAccountHandles {
  spec: TDemoAccountSpec;
  builder: TAccountBuilder;
  vpcs: Record<string, TVpcHandle>;
}

const PASSWORD_POLICIES = {
  strong: {
    MinimumPasswordLength: 14,
    PasswordReusePrevention: 24,
    RequireSymbols: true,
    RequireNumbers: true,
    RequireUppercaseCharacters: true,
    RequireLowercaseCharacters: true,
    ExpirePasswords: false,
    AllowUsersToChangePassword: true,
    HardExpiry: false,
  },
  short: {
    MinimumPasswordLength: 12,
    PasswordReusePrevention: 5,
    RequireSymbols: true,
    RequireNumbers: true,
    RequireUppercaseCharacters: true,
    RequireLowercaseCharacters: true,
    ExpirePasswords: false,
    AllowUsersToChangePassword: true,
    HardExpiry: false,
  },
  weak: {
    MinimumPasswordLength: 8,
    RequireSymbols: false,
    RequireNumbers: true,
    RequireUppercaseCharacters: false,
    RequireLowercaseCharacters: true,
    ExpirePasswords: false,
    AllowUsersToChangePassword: true,
    HardExpiry: false,
  },
} as const;

interface TProfileCounts {
  instances: number;
  lambdas: number;
  queues: number;
  topics: number;
  spareVolumes: number;
  keys: number;
  databases: number;
  buckets: number;
  serviceUsers: number;
  appRoles: number;
}

const PROFILE_COUNTS: Record<TWorkloadProfile, TProfileCounts> = {
  management: {
    instances: 3,
    lambdas: 2,
    queues: 1,
    topics: 2,
    spareVolumes: 1,
    keys: 1,
    databases: 0,
    buckets: 3,
    serviceUsers: 1,
    appRoles: 2,
  },
  security: {
    instances: 4,
    lambdas: 5,
    queues: 2,
    topics: 3,
    spareVolumes: 1,
    keys: 2,
    databases: 0,
    buckets: 4,
    serviceUsers: 0,
    appRoles: 4,
  },
  minimal: {
    instances: 0,
    lambdas: 1,
    queues: 0,
    topics: 1,
    spareVolumes: 0,
    keys: 1,
    databases: 0,
    buckets: 3,
    serviceUsers: 0,
    appRoles: 1,
  },
  sandbox: {
    instances: 5,
    lambdas: 3,
    queues: 2,
    topics: 1,
    spareVolumes: 3,
    keys: 0,
    databases: 0,
    buckets: 3,
    serviceUsers: 1,
    appRoles: 2,
  },
  prod: {
    instances: 22,
    lambdas: 8,
    queues: 5,
    topics: 4,
    spareVolumes: 4,
    keys: 3,
    databases: 2,
    buckets: 8,
    serviceUsers: 2,
    appRoles: 8,
  },
  nonprod: {
    instances: 14,
    lambdas: 6,
    queues: 4,
    topics: 3,
    spareVolumes: 3,
    keys: 2,
    databases: 1,
    buckets: 6,
    serviceUsers: 2,
    appRoles: 6,
  },
  shared: {
    instances: 12,
    lambdas: 6,
    queues: 3,
    topics: 3,
    spareVolumes: 2,
    keys: 2,
    databases: 1,
    buckets: 6,
    serviceUsers: 1,
    appRoles: 5,
  },
};

const APP_NAMES = [
  "api",
  "web",
  "worker",
  "batch",
  "cache",
  "search",
  "ingest",
  "auth",
  "billing",
  "reports",
  "gateway",
  "scheduler",
  "catalog",
  "ledger",
  "etl",
  "notifier",
];
const CURRENT_RUNTIMES = [
  "python3.12",
  "python3.13",
  "nodejs20.x",
  "nodejs22.x",
  "java21",
  "python3.11",
];
const DEPRECATED_RUNTIMES = ["python3.8", "nodejs16.x", "python3.7", "nodejs14.x", "go1.x"];
const OFFICE_CIDR = "198.51.100.0/24";

/** Resource tags: mostly complete, sometimes partial or missing, so every BU mapping step matters. */
export function pickResourceTags(builder: TAccountBuilder, spec: TDemoAccountSpec): TWorldTag[] {
  const { rng } = builder;
  const roll = rng.next();
  const bu = spec.businessUnit ?? rng.pick(["payments", "retail", "data"]);
  if (roll < 0.7) {
    return [
      { Key: "BusinessUnit", Value: bu },
      { Key: "Owner", Value: spec.owner },
      { Key: "Environment", Value: spec.environment },
    ];
  }
  if (roll < 0.85) return [{ Key: "Owner", Value: spec.owner }];
  return [];
}

export function applyDemoBaseline(handles: TDemoAccountHandles, ctx: TDemoContext): void {
  const { spec, builder } = handles;
  const { iam, rng } = builder;
  addScannerRole(iam, ctx.scanner);
  if (spec.id === DEMO_MANAGEMENT_ACCOUNT_ID) {
    addOrgReaderRole(iam, ctx.scanner);
  } else {
    iam.addRole({
      name: "OrganizationAccountAccessRole",
      trustPolicy: buildAccountTrustPolicy({ trustedAccountId: DEMO_MANAGEMENT_ACCOUNT_ID }),
      managedPolicies: ["AdministratorAccess"],
      createdDaysAgo: 1400,
      lastUsedDaysAgo: rng.int(5, 300),
    });
  }
  if (spec.status === "ACTIVE" && spec.identityCenter !== false) {
    const ssoPath = "/aws-reserved/sso.amazonaws.com/";
    const ssoTrust = buildSsoTrustPolicy(spec.id, ctx.ssoProviderName);
    iam.addRole({
      name: `AWSReservedSSO_AdministratorAccess_${rng.hex(16)}`,
      path: ssoPath,
      trustPolicy: ssoTrust,
      managedPolicies: ["AdministratorAccess"],
      createdDaysAgo: 900,
      lastUsedDaysAgo: rng.int(0, 20),
    });
    iam.addRole({
      name: `AWSReservedSSO_ReadOnlyAccess_${rng.hex(16)}`,
      path: ssoPath,
      trustPolicy: ssoTrust,
      managedPolicies: ["ReadOnlyAccess"],
      createdDaysAgo: 900,
      lastUsedDaysAgo: rng.int(0, 40),
    });
    if (spec.profile === "prod" || spec.profile === "nonprod" || spec.profile === "sandbox") {
      iam.addRole({
        name: `AWSReservedSSO_PowerUserAccess_${rng.hex(16)}`,
        path: ssoPath,
        trustPolicy: ssoTrust,
        managedPolicies: ["PowerUserAccess"],
        createdDaysAgo: 900,
        lastUsedDaysAgo: rng.int(0, 10),
      });
    }
  }
  iam.setRoot({
    mfa: spec.root.mfa,
    passwordLastUsedDaysAgo: spec.root.lastUsedDaysAgo,
    accessKey: spec.root.accessKey
      ? { active: true, rotatedDaysAgo: 1500, lastUsedDaysAgo: 700, lastUsedService: "s3" }
      : undefined,
  });
  iam.setPasswordPolicy(
    spec.passwordPolicy === "none" ? undefined : { ...PASSWORD_POLICIES[spec.passwordPolicy] },
  );

  spec.regions.forEach((region, index) => {
    const e = builder.ec2(region);
    e.EbsEncryptionByDefault = spec.ebsDefaultEncryption[region] ?? false;
    if (spec.imdsDefaultRequired.includes(region)) {
      e.InstanceMetadataDefaults = {
        HttpTokens: "required",
        HttpPutResponseHopLimit: 2,
        HttpEndpoint: "enabled",
        InstanceMetadataTags: "disabled",
      };
    }
    const accountOctet = Number(spec.id.slice(-2)) % 50;
    handles.vpcs[region] = builder.addVpc({
      region,
      cidrPrefix: `10.${accountOctet * 4 + index}`,
      subnets: 3,
      name: `${spec.name}-main`,
      flowLogs: spec.flowLogs[region] ?? false,
      defaultSgOpen: !spec.defaultSecurityGroupsRestricted,
      tags: [{ Key: "Environment", Value: spec.environment }],
    });
    if (spec.profile === "sandbox" || spec.profile === "nonprod") {
      builder.addVpc({
        region,
        cidrPrefix: "172.31",
        subnets: 3,
        isDefault: true,
        flowLogs: false,
        defaultSgOpen: true,
      });
    }
    const guardDuty = spec.guardDuty[region] ?? "none";
    builder.setDetector(
      guardDuty === "none" ? { region, none: true } : { region, enabled: guardDuty === "enabled" },
    );
    const config = spec.config[region] ?? "none";
    builder.setConfigRecorder(
      config === "none"
        ? { region, none: true }
        : { region, recording: config === "recording", allSupported: true },
    );
    if (spec.analyzer?.regions.includes(region)) {
      builder.addAnalyzer({
        region,
        name: spec.analyzer.type === "ORGANIZATION" ? "acme-organization" : `${spec.name}-analyzer`,
        type: spec.analyzer.type,
      });
    }
    builder.addKey({
      region,
      description: "Default key that protects my EBS volumes when no other key is defined",
      rotation: true,
      keyManager: "AWS",
    });
    builder.addKey({
      region,
      description: "Default key that protects my S3 objects when no other key is defined",
      rotation: true,
      keyManager: "AWS",
    });
  });
}

/** Applied after `build()`: fields the builders do not own. */
export function finishDemoAccount(account: TWorldAccount, spec: TDemoAccountSpec): void {
  account.iam.AccountAliases = spec.status === "ACTIVE" ? [spec.name] : [];
  const block = spec.accountPublicAccessBlock;
  if (block !== "none") {
    account.s3.AccountPublicAccessBlock = {
      BlockPublicAcls: true,
      IgnorePublicAcls: block === "all",
      BlockPublicPolicy: block === "all",
      RestrictPublicBuckets: block === "all",
    };
  }
}

export function addDemoWorkloads(handles: TDemoAccountHandles, ctx: TDemoContext): void {
  const { spec, builder } = handles;
  const { iam, rng } = builder;
  const counts = PROFILE_COUNTS[spec.profile];
  if (spec.regions.length === 0) return;
  const homeRegion = spec.regions[0] as string;
  const prefix = spec.name;

  // IAM: application roles, the Lambda execution role, service users, groups and policies.
  iam.addRole({
    name: "app-instance-role",
    trustPolicy: buildServiceTrustPolicy("ec2.amazonaws.com"),
    managedPolicies: ["AmazonSSMManagedInstanceCore"],
    withInstanceProfile: true,
    lastUsedDaysAgo: 0,
  });
  iam.addRole({
    name: "lambda-basic-execution",
    trustPolicy: buildServiceTrustPolicy("lambda.amazonaws.com"),
    managedPolicies: ["AWSLambdaBasicExecutionRole"],
    lastUsedDaysAgo: 0,
  });
  const appRoleNames: string[] = [];
  for (let i = 0; i < counts.appRoles; i++) {
    const app = `${APP_NAMES[i % APP_NAMES.length]}-${i >= APP_NAMES.length ? i : "svc"}`;
    const bucketArn = `arn:aws:s3:::${prefix}-${app}-data`;
    const role = iam.addRole({
      name: `${app}-role`,
      trustPolicy: buildServiceTrustPolicy(
        rng.chance(0.5) ? "lambda.amazonaws.com" : "ecs-tasks.amazonaws.com",
      ),
      managedPolicies: ["AWSLambdaBasicExecutionRole"],
      inlinePolicies: [
        {
          name: `${app}-access`,
          document: buildPolicyDocument([
            allow(["s3:GetObject", "s3:PutObject"], `${bucketArn}/*`),
            allow(
              ["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage"],
              `arn:aws:sqs:*:${spec.id}:${app}-*`,
            ),
          ]),
        },
      ],
      tags: pickResourceTags(builder, spec),
      lastUsedDaysAgo: rng.chance(0.85) ? rng.int(0, 20) : undefined,
    });
    appRoleNames.push(role.RoleName ?? "");
  }
  const readOnlyPolicy = iam.addCustomerPolicy({
    name: `${prefix}-app-read-only`,
    description: "Read the application's own buckets and tables",
    document: buildPolicyDocument([
      allow(
        ["s3:GetObject", "s3:ListBucket"],
        [`arn:aws:s3:::${prefix}-*`, `arn:aws:s3:::${prefix}-*/*`],
      ),
      allow(
        ["dynamodb:GetItem", "dynamodb:Query"],
        `arn:aws:dynamodb:*:${spec.id}:table/${prefix}-*`,
      ),
    ]),
  });
  iam.addCustomerPolicy({
    name: `${prefix}-deploy`,
    description: "CI deployment of application stacks",
    document: buildPolicyDocument([
      allow(["cloudformation:*", "s3:PutObject"], "*"),
      allow("iam:PassRole", `arn:aws:iam::${spec.id}:role/*-svc-role`),
    ]),
    previousVersions: [buildPolicyDocument([allow(["cloudformation:*"], "*")])],
  });
  iam.addGroup({
    name: "developers",
    managedPolicies: [readOnlyPolicy.Arn ?? "", "ViewOnlyAccess"],
  });
  for (let i = 0; i < counts.serviceUsers; i++) {
    const rotated = rng.pick([12, 40, 75, 130, 420]);
    iam.addUser({
      name: `svc-${APP_NAMES[(i + 3) % APP_NAMES.length]}`,
      groups: ["developers"],
      tags: pickResourceTags(builder, spec),
      accessKeys: [
        {
          active: true,
          rotatedDaysAgo: rotated,
          lastUsedDaysAgo: Math.min(rotated, rng.int(0, 10)),
          lastUsedService: "s3",
        },
      ],
    });
  }

  // Buckets (global listing, each in a region), owned by the account's canonical user.
  const canonicalId = rng.hex(64);
  for (let i = 0; i < counts.buckets; i++) {
    const region = rng.pick(spec.regions);
    const purpose = [
      "app-data",
      "artifacts",
      "backups",
      "exports",
      "static",
      "logs",
      "uploads",
      "reports",
      "ml-features",
      "tmp",
    ][i % 10] as string;
    const name = `${prefix}-${purpose}-${region.replaceAll("-", "")}-${rng.hex(4)}`;
    const encryption = rng.chance(0.4)
      ? {
          Rules: [
            {
              ApplyServerSideEncryptionByDefault: {
                SSEAlgorithm: "aws:kms" as const,
                KMSMasterKeyID: `arn:aws:kms:${region}:${spec.id}:alias/aws/s3`,
              },
              BucketKeyEnabled: true,
            },
          ],
        }
      : {
          Rules: [
            {
              ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" as const },
              BucketKeyEnabled: false,
            },
          ],
        };
    builder.addBucket({
      Name: name,
      BucketRegion: region,
      ServerSideEncryptionConfiguration: encryption,
      Versioning: rng.chance(0.6) ? { Status: "Enabled", MFADelete: "Disabled" } : {},
      ...(rng.chance(0.85)
        ? {
            PublicAccessBlockConfiguration: {
              BlockPublicAcls: true,
              IgnorePublicAcls: true,
              BlockPublicPolicy: true,
              RestrictPublicBuckets: true,
            },
          }
        : {}),
      ...(rng.chance(0.5)
        ? { Policy: buildPolicyDocument([buildDenyInsecureTransport(name)]) }
        : {}),
      ...(rng.chance(0.4)
        ? {
            LoggingEnabled: {
              TargetBucket: `acme-log-archive-s3-access-${region.replaceAll("-", "")}`,
              TargetPrefix: `${name}/`,
            },
          }
        : {}),
      ...(rng.chance(0.5)
        ? {
            LifecycleRules: [
              {
                ID: "expire-noncurrent",
                Status: "Enabled",
                Filter: { Prefix: "" },
                NoncurrentVersionExpiration: { NoncurrentDays: 90 },
              },
            ],
          }
        : {}),
      Acl: {
        Owner: { ID: canonicalId },
        Grants: [
          { Grantee: { Type: "CanonicalUser", ID: canonicalId }, Permission: "FULL_CONTROL" },
        ],
      },
      TagSet: pickResourceTags(builder, spec),
    });
  }

  for (const region of spec.regions) {
    const handle = handles.vpcs[region];
    if (!handle) continue;
    const vpcId = handle.vpc.VpcId ?? "";
    const vpcCidr = handle.vpc.CidrBlock ?? "10.0.0.0/16";
    const web = builder.addSecurityGroup({
      region,
      vpcId,
      name: `${prefix}-web`,
      ingress: [
        { protocol: "tcp", fromPort: 443, cidr: "0.0.0.0/0" },
        { protocol: "tcp", fromPort: 80, cidr: "0.0.0.0/0" },
      ],
    });
    const app = builder.addSecurityGroup({
      region,
      vpcId,
      name: `${prefix}-app`,
      ingress: [
        { protocol: "tcp", fromPort: 8080, cidr: vpcCidr },
        { protocol: "tcp", fromPort: 8443, sourceGroupId: web.GroupId },
      ],
    });
    const admin = builder.addSecurityGroup({
      region,
      vpcId,
      name: `${prefix}-admin`,
      ingress: [{ protocol: "tcp", fromPort: 22, cidr: OFFICE_CIDR, description: "office" }],
    });
    builder.addSecurityGroup({
      region,
      vpcId,
      name: `${prefix}-db`,
      ingress: [{ protocol: "tcp", fromPort: 5432, sourceGroupId: app.GroupId }],
    });
    const encryptedByDefault = spec.ebsDefaultEncryption[region] ?? false;

    for (let i = 0; i < counts.instances; i++) {
      const isPublic = rng.chance(0.12);
      const subnet = handle.subnets[isPublic ? 0 : 1 + (i % 2)] ?? handle.subnets[0];
      if (!subnet) continue;
      const volumes = Array.from({ length: rng.chance(0.4) ? 2 : 1 }, (_, v) => ({
        sizeGiB: v === 0 ? rng.pick([8, 20, 30]) : rng.pick([50, 100, 500]),
        encrypted: encryptedByDefault || rng.chance(0.88),
      }));
      const { volumes: attached } = builder.addInstance({
        region,
        subnet,
        securityGroups: isPublic ? [web] : rng.chance(0.2) ? [app, admin] : [app],
        name: `${spec.environment}-${APP_NAMES[i % APP_NAMES.length]}-${i + 1}`,
        httpTokens: rng.chance(0.78) ? "required" : "optional",
        ...(isPublic ? { publicIp: ctx.ipPool.allocate() } : {}),
        ...(rng.chance(0.8) ? { instanceProfileRole: "app-instance-role" } : {}),
        state: rng.chance(0.9) ? "running" : "stopped",
        tags: pickResourceTags(builder, spec),
        volumes,
      });
      for (const volume of attached) {
        if (rng.chance(0.25))
          builder.addSnapshot({
            region,
            volume,
            tags: (volume.Tags ?? []).map((t) => ({ Key: t.Key ?? "", Value: t.Value ?? "" })),
          });
      }
    }
    for (let i = 0; i < counts.spareVolumes; i++) {
      builder.addVolume({
        region,
        sizeGiB: rng.pick([10, 50, 200]),
        encrypted: encryptedByDefault || rng.chance(0.7),
        availabilityZone: `${region}a`,
        tags: pickResourceTags(builder, spec),
      });
    }
    if (counts.instances > 0) {
      builder.addVpcEndpoint({
        region,
        vpcId,
        service: rng.pick(["ssm", "ecr.dkr", "logs"]),
        type: "Interface",
        subnetIds: handle.subnets.slice(1).map((s) => s.SubnetId ?? ""),
      });
    }
    for (let i = 0; i < counts.lambdas; i++) {
      const runtime = rng.chance(0.12) ? rng.pick(DEPRECATED_RUNTIMES) : rng.pick(CURRENT_RUNTIMES);
      builder.addFunction({
        region,
        name: `${spec.environment}-${APP_NAMES[(i + 5) % APP_NAMES.length]}-${region.slice(0, 2)}${i}`,
        runtime,
        roleArn: iam.roleArn(
          appRoleNames.length > 0 && rng.chance(0.6)
            ? rng.pick(appRoleNames)
            : "lambda-basic-execution",
        ),
      });
    }
    for (let i = 0; i < counts.queues; i++) {
      const name = `${spec.environment}-${APP_NAMES[(i + 7) % APP_NAMES.length]}-queue${i}`;
      builder.addQueue({
        region,
        name,
        attributes: rng.chance(0.8)
          ? { SqsManagedSseEnabled: "true" }
          : { KmsMasterKeyId: "alias/aws/sqs", KmsDataKeyReusePeriodSeconds: "300" },
      });
    }
    for (let i = 0; i < counts.topics; i++) {
      builder.addTopic({
        region,
        name: `${spec.environment}-${APP_NAMES[(i + 9) % APP_NAMES.length]}-events${i}`,
      });
    }
    for (let i = 0; i < counts.keys; i++) {
      builder.addKey({
        region,
        description: `${prefix} ${APP_NAMES[i % APP_NAMES.length]} data key`,
        rotation: rng.chance(0.75),
      });
    }
    for (let i = 0; i < counts.databases; i++) {
      const db = builder.addDbInstance({
        region,
        identifier: `${spec.environment}-${APP_NAMES[(i + 11) % APP_NAMES.length]}-db-${region.slice(-1)}${i}`,
        engine: rng.pick(["postgres", "mysql"]),
        publiclyAccessible: false,
        encrypted: true,
        backupRetentionDays: rng.pick([7, 14, 35]),
        multiAz: spec.profile === "prod",
        tags: pickResourceTags(builder, spec),
      });
      builder.addDbSnapshot({
        region,
        db,
        name: `${db.DBInstanceIdentifier}-manual-${rng.hex(6)}`,
      });
    }
    if (region === homeRegion && counts.instances > 0) {
      builder.addElasticIp({
        region,
        publicIp: ctx.ipPool.allocate(),
        tags: [{ Key: "Name", Value: `${prefix}-reserved` }],
      });
    }
  }
}
