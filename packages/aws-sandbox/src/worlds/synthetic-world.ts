/**
 * Synthetic organizations of any size, for benchmarks: N accounts over a few OUs, each with
 * about `resourcesPerAccount` resources over the given regions, a mix of passing and failing
 * configurations. Built in memory in one pass; every account has its own PRNG stream.
 */
import type { TWorld, TWorldBehaviour } from "../world/world.types";
import { createAccountBuilder, type TAccountBuilder, type TVpcHandle } from "./account-builder";
import {
  addOrgReaderRole,
  addScannerRole,
  DEFAULT_MANAGEMENT_ROLE_NAME,
  DEFAULT_MEMBER_ROLE_NAME,
  type TScannerRoleOptions,
} from "./common-roles";
import {
  allow,
  buildAccountTrustPolicy,
  buildDenyInsecureTransport,
  buildPolicyDocument,
  buildServiceTrustPolicy,
  SCP_CONTENT,
} from "./policy-documents";
import { createRng, deriveSeed, type TRng } from "./prng";
import { createPublicIpPool, type TPublicIpPool } from "./public-ip-pool";
import { assertVendor, DEMO_VENDOR, type TVendorOptions } from "./vendor";
import type { TGeneratedWorld, TWorldOrganization, TWorldPolicy } from "./world-types";

export interface TSyntheticWorldOptions {
  accounts: number;
  regions: string[];
  resourcesPerAccount: number;
  seed?: number;
  externalId: string;
  vendor?: TVendorOptions;
  behaviour?: TWorldBehaviour;
  memberRoleName?: string;
  managementRoleName?: string;
}

const ORG_ID = "o-synth00001";
const ROOT_ID = "r-syn1";
const OUS = [
  { Id: "ou-syn1-security", Name: "Security", ParentId: ROOT_ID },
  { Id: "ou-syn1-workload", Name: "Workloads", ParentId: ROOT_ID },
  { Id: "ou-syn1-prod0001", Name: "Prod", ParentId: "ou-syn1-workload" },
  { Id: "ou-syn1-nonprod01", Name: "NonProd", ParentId: "ou-syn1-workload" },
  { Id: "ou-syn1-sandbox1", Name: "Sandbox", ParentId: ROOT_ID },
];
/** Where member accounts go, in proportion: mostly workloads. */
const OU_SPREAD = [
  "ou-syn1-prod0001",
  "ou-syn1-prod0001",
  "ou-syn1-nonprod01",
  "ou-syn1-nonprod01",
  "ou-syn1-nonprod01",
  "ou-syn1-sandbox1",
  "ou-syn1-security",
];
const BUSINESS_UNITS = ["payments", "retail", "data", "platform", "marketing"];
const RUNTIMES = [
  "python3.12",
  "python3.13",
  "nodejs20.x",
  "nodejs22.x",
  "java21",
  "python3.8",
  "nodejs16.x",
];

type TKind =
  | "instance"
  | "securityGroup"
  | "volume"
  | "snapshot"
  | "bucket"
  | "role"
  | "user"
  | "function"
  | "queue"
  | "topic"
  | "key";
/** [kind, weight, cost in resources]: an instance brings its network interface and root volume. */
const KIND_TABLE: [TKind, number, number][] = [
  ["instance", 24, 3],
  ["securityGroup", 10, 1],
  ["volume", 8, 1],
  ["snapshot", 5, 1],
  ["bucket", 12, 1],
  ["role", 12, 1],
  ["user", 6, 1],
  ["function", 12, 1],
  ["queue", 4, 1],
  ["topic", 4, 1],
  ["key", 3, 1],
];
const TOTAL_WEIGHT = KIND_TABLE.reduce((sum, [, weight]) => sum + weight, 0);

function pickKind(rng: TRng): [TKind, number] {
  let roll = rng.next() * TOTAL_WEIGHT;
  for (const [kind, weight, cost] of KIND_TABLE) {
    roll -= weight;
    if (roll < 0) return [kind, cost];
  }
  return ["bucket", 1];
}

function validateOptions(o: TSyntheticWorldOptions): void {
  if (!Number.isInteger(o.accounts) || o.accounts < 1)
    throw new Error(`generateSyntheticWorld: accounts must be an integer ≥ 1, got ${o.accounts}`);
  if (o.accounts > 99_999)
    throw new Error(`generateSyntheticWorld: at most 99,999 accounts, got ${o.accounts}`);
  if (!Number.isInteger(o.resourcesPerAccount) || o.resourcesPerAccount < 0)
    throw new Error(
      `generateSyntheticWorld: resourcesPerAccount must be an integer ≥ 0, got ${o.resourcesPerAccount}`,
    );
  if (o.regions.length === 0) throw new Error("generateSyntheticWorld: give at least one region");
  for (const region of o.regions) {
    if (!/^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(region))
      throw new Error(`generateSyntheticWorld: "${region}" is not a region name`);
  }
  if (!o.externalId)
    throw new Error("generateSyntheticWorld: externalId must be a non-empty string");
}

function buildSyntheticAccountId(index: number): string {
  return String(100_000_000_000 + index * 1_000_003).padStart(12, "0");
}

interface TSharedDocuments {
  ec2Trust: string;
  lambdaTrust: string;
  thirdPartyTrust: string;
  adminInline: string;
  appInline: string;
  escalationInline: string;
  publicQueuePolicy: (arn: string) => string;
}

function addSyntheticResources(options: {
  builder: TAccountBuilder;
  regions: string[];
  budget: number;
  accountIndex: number;
  ipPool: TPublicIpPool;
  docs: TSharedDocuments;
}): void {
  const { builder, regions, ipPool, docs } = options;
  const { rng, iam, accountId } = builder;
  const bu = BUSINESS_UNITS[options.accountIndex % BUSINESS_UNITS.length] as string;
  const tags = () =>
    rng.chance(0.75)
      ? [
          { Key: "BusinessUnit", Value: bu },
          { Key: "Owner", Value: `${bu}@example.com` },
        ]
      : [];
  let budget = options.budget;

  // Network foundations: one VPC with two subnets per region, and the regional settings.
  const vpcs: { region: string; handle: TVpcHandle }[] = [];
  const groupsByRegion: Record<string, { GroupId?: string; GroupName?: string }[]> = {};
  regions.forEach((region, i) => {
    if (budget <= 0) return;
    const handle = builder.addVpc({
      region,
      cidrPrefix: `10.${i}`,
      subnets: 2,
      flowLogs: rng.chance(0.6),
      defaultSgOpen: rng.chance(0.5),
      name: `vpc-${region}`,
    });
    vpcs.push({ region, handle });
    groupsByRegion[region] = [handle.defaultSecurityGroup];
    budget -= 4;
    const e = builder.ec2(region);
    e.EbsEncryptionByDefault = rng.chance(0.6);
    if (rng.chance(0.3))
      e.InstanceMetadataDefaults = { HttpTokens: "required", HttpPutResponseHopLimit: 2 };
    builder.setDetector({ region, enabled: rng.chance(0.8) });
    if (rng.chance(0.85))
      builder.setConfigRecorder({ region, recording: rng.chance(0.9), allSupported: true });
  });
  iam.addRole({
    name: "app-instance",
    trustPolicy: docs.ec2Trust,
    managedPolicies: ["AmazonSSMManagedInstanceCore"],
    withInstanceProfile: true,
    lastUsedDaysAgo: 0,
  });
  iam.addRole({
    name: "admin-instance",
    trustPolicy: docs.ec2Trust,
    managedPolicies: ["AdministratorAccess"],
    withInstanceProfile: true,
    lastUsedDaysAgo: 3,
  });
  budget -= 2;

  const volumesByRegion: Record<string, ReturnType<TAccountBuilder["addVolume"]>[]> = {};
  let n = 0;
  while (budget > 0) {
    const [kind, cost] = pickKind(rng);
    budget -= cost;
    n++;
    const slot = vpcs[n % Math.max(1, vpcs.length)];
    const handle = slot?.handle;
    const region = slot?.region ?? (regions[0] as string);
    switch (kind) {
      case "instance": {
        if (!handle) break;
        const isPublic = rng.chance(0.1);
        const subnet = handle.subnets[isPublic ? 0 : 1] ?? handle.subnets[0];
        if (!subnet) break;
        const groups = groupsByRegion[region] ?? [];
        const sg = groups.length > 1 ? rng.pick(groups.slice(1)) : handle.defaultSecurityGroup;
        const { volumes } = builder.addInstance({
          region,
          subnet,
          securityGroups: [sg],
          name: `i-${bu}-${n}`,
          httpTokens: rng.chance(0.7) ? "required" : "optional",
          ...(isPublic ? { publicIp: ipPool.allocate() } : {}),
          instanceProfileRole: rng.chance(0.05) ? "admin-instance" : "app-instance",
          instanceType: "t3.medium",
          volumes: [{ sizeGiB: 20, encrypted: rng.chance(0.8) }],
          tags: tags(),
        });
        (volumesByRegion[region] ??= []).push(...volumes);
        break;
      }
      case "securityGroup": {
        if (!handle) break;
        const open = rng.chance(0.15);
        const sg = builder.addSecurityGroup({
          region,
          vpcId: handle.vpc.VpcId ?? "",
          name: `sg-${bu}-${n}`,
          ingress: [
            { protocol: "tcp", fromPort: 443, cidr: "0.0.0.0/0" },
            open
              ? { protocol: "tcp", fromPort: rng.pick([22, 3389, 5432, 3306]), cidr: "0.0.0.0/0" }
              : { protocol: "tcp", fromPort: 22, cidr: "10.0.0.0/8" },
          ],
          tags: tags(),
        });
        (groupsByRegion[region] ??= []).push(sg);
        break;
      }
      case "volume": {
        const volume = builder.addVolume({
          region,
          sizeGiB: rng.pick([10, 50, 100]),
          encrypted: rng.chance(0.8),
          availabilityZone: `${region}a`,
          tags: tags(),
        });
        (volumesByRegion[region] ??= []).push(volume);
        break;
      }
      case "snapshot": {
        const volumes = volumesByRegion[region];
        if (volumes && volumes.length > 0)
          builder.addSnapshot({ region, volume: rng.pick(volumes), public: rng.chance(0.03) });
        else
          builder.addVolume({
            region,
            sizeGiB: 10,
            encrypted: true,
            availabilityZone: `${region}a`,
          });
        break;
      }
      case "bucket": {
        const name = `synth-${accountId}-${n}`;
        const blocked = rng.chance(0.75);
        builder.addBucket({
          Name: name,
          BucketRegion: rng.pick(regions),
          ServerSideEncryptionConfiguration: {
            Rules: [
              {
                ApplyServerSideEncryptionByDefault: {
                  SSEAlgorithm: rng.chance(0.3) ? "aws:kms" : "AES256",
                },
              },
            ],
          },
          Versioning: rng.chance(0.5) ? { Status: "Enabled" } : {},
          ...(blocked
            ? {
                PublicAccessBlockConfiguration: {
                  BlockPublicAcls: true,
                  IgnorePublicAcls: true,
                  BlockPublicPolicy: true,
                  RestrictPublicBuckets: true,
                },
              }
            : {}),
          ...(!blocked && rng.chance(0.2)
            ? {
                Policy: buildPolicyDocument([
                  {
                    Effect: "Allow",
                    Principal: "*",
                    Action: "s3:GetObject",
                    Resource: `arn:aws:s3:::${name}/*`,
                  },
                ]),
              }
            : rng.chance(0.4)
              ? { Policy: buildPolicyDocument([buildDenyInsecureTransport(name)]) }
              : {}),
          TagSet: tags(),
        });
        break;
      }
      case "role": {
        const roll = rng.next();
        if (roll < 0.03) {
          iam.addRole({
            name: `vendor-${n}`,
            trustPolicy: docs.thirdPartyTrust,
            managedPolicies: ["ReadOnlyAccess"],
            lastUsedDaysAgo: 2,
          });
        } else {
          const inline =
            roll < 0.08 ? docs.adminInline : roll < 0.12 ? docs.escalationInline : docs.appInline;
          iam.addRole({
            name: `role-${bu}-${n}`,
            trustPolicy: rng.chance(0.5) ? docs.lambdaTrust : docs.ec2Trust,
            inlinePolicies: [{ name: "access", document: inline }],
            tags: tags(),
            lastUsedDaysAgo: rng.chance(0.8) ? rng.int(0, 120) : undefined,
          });
        }
        break;
      }
      case "user": {
        const rotated = rng.pick([10, 60, 120, 400, 900]);
        iam.addUser({
          name: `user-${n}`,
          ...(rng.chance(0.3)
            ? { console: { lastUsedDaysAgo: rng.int(0, 200), changedDaysAgo: 300 } }
            : {}),
          ...(rng.chance(0.5) ? { mfa: "virtual" as const } : {}),
          ...(rng.chance(0.2) ? { managedPolicies: ["ReadOnlyAccess"] } : {}),
          accessKeys: rng.chance(0.7)
            ? [
                {
                  active: true,
                  rotatedDaysAgo: rotated,
                  lastUsedDaysAgo: rng.chance(0.8) ? Math.min(rotated, rng.int(0, 100)) : undefined,
                },
              ]
            : [],
        });
        break;
      }
      case "function": {
        builder.addFunction({
          region,
          name: `fn-${bu}-${n}`,
          runtime: rng.pick(RUNTIMES),
          roleArn: iam.roleArn("app-instance"),
          memorySize: 256,
        });
        break;
      }
      case "queue": {
        const queue = builder.addQueue({
          region,
          name: `q-${bu}-${n}`,
          attributes: { SqsManagedSseEnabled: "true" },
        });
        if (rng.chance(0.05))
          queue.Attributes.Policy = docs.publicQueuePolicy(queue.Attributes.QueueArn ?? "");
        break;
      }
      case "topic":
        builder.addTopic({ region, name: `t-${bu}-${n}` });
        break;
      case "key":
        builder.addKey({ region, description: `${bu} key ${n}`, rotation: rng.chance(0.7) });
        break;
    }
  }
}

function buildSyntheticOrganization(accountIds: string[]): TWorldOrganization {
  const management = accountIds[0] as string;
  const arn = (suffix: string) => `arn:aws:organizations::${management}:${suffix}`;
  const policy = (
    id: string,
    name: string,
    content: string,
    targets: string[],
    awsManaged = false,
  ): TWorldPolicy => ({
    PolicySummary: {
      Id: id,
      Arn: awsManaged
        ? `arn:aws:organizations::aws:policy/service_control_policy/${id}`
        : arn(`policy/${ORG_ID}/service_control_policy/${id}`),
      Name: name,
      Type: "SERVICE_CONTROL_POLICY",
      AwsManaged: awsManaged,
    },
    Content: content,
    Targets: targets,
  });
  return {
    Id: ORG_ID,
    Arn: arn(`organization/${ORG_ID}`),
    FeatureSet: "ALL",
    MasterAccountId: management,
    MasterAccountArn: arn(`account/${ORG_ID}/${management}`),
    MasterAccountEmail: `aws+${management}@example.com`,
    Roots: [
      {
        Id: ROOT_ID,
        Arn: arn(`root/${ORG_ID}/${ROOT_ID}`),
        Name: "Root",
        PolicyTypes: [{ Type: "SERVICE_CONTROL_POLICY", Status: "ENABLED" }],
      },
    ],
    OrganizationalUnits: OUS.map((ou) => ({ ...ou, Arn: arn(`ou/${ORG_ID}/${ou.Id}`) })),
    Policies: [
      policy(
        "p-FullAWSAccess",
        "FullAWSAccess",
        SCP_CONTENT.fullAwsAccess,
        [ROOT_ID, ...OUS.map((o) => o.Id)],
        true,
      ),
      policy("p-synthdenyl", "DenyLeaveOrganization", SCP_CONTENT.denyLeaveOrganization, [
        "ou-syn1-workload",
        "ou-syn1-security",
      ]),
      policy("p-synthprot1", "ProtectSecurityServices", SCP_CONTENT.protectSecurityServices, [
        "ou-syn1-prod0001",
      ]),
    ],
  };
}

export function generateSyntheticWorld(options: TSyntheticWorldOptions): TWorld {
  validateOptions(options);
  const seed = options.seed ?? 1;
  const vendor = { ...(options.vendor ?? DEMO_VENDOR) };
  const scanner: TScannerRoleOptions = {
    vendorAccountId: vendor.accountId,
    externalId: options.externalId,
    memberRoleName: options.memberRoleName ?? DEFAULT_MEMBER_ROLE_NAME,
    managementRoleName: options.managementRoleName ?? DEFAULT_MANAGEMENT_ROLE_NAME,
  };
  const docs: TSharedDocuments = {
    ec2Trust: buildServiceTrustPolicy("ec2.amazonaws.com"),
    lambdaTrust: buildServiceTrustPolicy("lambda.amazonaws.com"),
    thirdPartyTrust: buildAccountTrustPolicy({ trustedAccountId: "464622532012" }),
    adminInline: buildPolicyDocument([allow("*", "*")]),
    appInline: buildPolicyDocument([
      allow(["s3:GetObject", "s3:PutObject"], "arn:aws:s3:::synth-*/*"),
      allow(["sqs:SendMessage"], "*"),
    ]),
    escalationInline: buildPolicyDocument([allow(["iam:PassRole", "ec2:RunInstances"], "*")]),
    publicQueuePolicy: (arn) =>
      buildPolicyDocument([
        { Effect: "Allow", Principal: "*", Action: "sqs:SendMessage", Resource: arn },
      ]),
  };
  const ipPool = createPublicIpPool(createRng(deriveSeed(seed, "public-ips")));
  const accountIds = Array.from({ length: options.accounts }, (_, i) => buildSyntheticAccountId(i));
  assertVendor(vendor, accountIds);
  const organization = buildSyntheticOrganization(accountIds);
  const accounts = accountIds.map((accountId, i) => {
    const isManagement = i === 0;
    const rng = createRng(deriveSeed(seed, "account", i));
    const builder = createAccountBuilder({
      accountId,
      name: isManagement ? "synthetic-management" : `synthetic-${String(i).padStart(5, "0")}`,
      email: `aws+${accountId}@example.com`,
      organizationId: ORG_ID,
      managementAccountId: accountIds[0] as string,
      parentId: isManagement ? ROOT_ID : (OU_SPREAD[i % OU_SPREAD.length] as string),
      joinedDaysAgo: 30 + (i % 1500),
      tags: [{ Key: "BusinessUnit", Value: BUSINESS_UNITS[i % BUSINESS_UNITS.length] as string }],
      homeRegion: options.regions[0] as string,
      rng,
    });
    addScannerRole(builder.iam, scanner);
    if (isManagement) {
      addOrgReaderRole(builder.iam, scanner);
      builder.addTrail({
        region: options.regions[0] as string,
        name: "organization-trail",
        bucketName: `synth-${accountId}-cloudtrail`,
        multiRegion: true,
        organizationTrail: true,
        logFileValidation: true,
        isLogging: true,
      });
    }
    builder.iam.setRoot({
      mfa: rng.chance(0.85) ? "hardware" : "none",
      passwordLastUsedDaysAgo: rng.int(1, 900),
      ...(rng.chance(0.05)
        ? { accessKey: { active: true, rotatedDaysAgo: 900, lastUsedDaysAgo: 300 } }
        : {}),
    });
    if (rng.chance(0.7))
      builder.iam.setPasswordPolicy({
        MinimumPasswordLength: rng.pick([8, 14]),
        PasswordReusePrevention: rng.pick([0, 24]),
        RequireSymbols: true,
        RequireNumbers: true,
        RequireUppercaseCharacters: true,
        RequireLowercaseCharacters: true,
        AllowUsersToChangePassword: true,
        ExpirePasswords: false,
      });
    addSyntheticResources({
      builder,
      regions: options.regions,
      budget: options.resourcesPerAccount - (isManagement ? 2 : 1),
      accountIndex: i,
      ipPool,
      docs,
    });
    const account = builder.build();
    account.iam.AccountAliases = [account.Name];
    if (rng.chance(0.7))
      account.s3.AccountPublicAccessBlock = {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      };
    return account;
  });
  const world: TGeneratedWorld = { version: 1, vendor, organization, accounts };
  if (options.behaviour) world.behaviour = options.behaviour;
  return world;
}
