/**
 * A freshly set-up landing zone (deterministic, two accounts): the management account holds
 * only the organization trail and its bucket, as AWS recommends; one workload account runs
 * one instance. It is the counterpart of the demo organization for checks that a world can
 * answer only once — an organization has exactly one management account, and the demo's runs
 * workloads (`aws.organizations.management-account.no-workloads` fails there and passes here).
 */
import { createAccountBuilder } from "./account-builder";
import {
  addOrgReaderRole,
  addScannerRole,
  DEFAULT_MANAGEMENT_ROLE_NAME,
  DEFAULT_MEMBER_ROLE_NAME,
} from "./common-roles";
import { buildDenyInsecureTransport, buildPolicyDocument, SCP_CONTENT } from "./policy-documents";
import { createRng } from "./prng";
import { assertVendor, DEMO_VENDOR, type TVendorOptions } from "./vendor";
import type { TWorld } from "../world/world.types";
import type { TGeneratedWorld, TWorldOrganization } from "./world-types";

export const LANDING_ZONE_MANAGEMENT_ACCOUNT_ID = "204060801012";
export const LANDING_ZONE_WORKLOAD_ACCOUNT_ID = "204060801029";

const ORG_ID = "o-lz4k8m2q6w";
const ROOT_ID = "r-lz4k";
const WORKLOADS_OU = "ou-lz4k-workload";
const REGION = "us-east-1";

export interface TLandingZoneWorldOptions {
  seed?: number;
  externalId: string;
  vendor?: TVendorOptions;
  memberRoleName?: string;
  managementRoleName?: string;
}

function buildOrganization(): TWorldOrganization {
  const arn = (suffix: string) =>
    `arn:aws:organizations::${LANDING_ZONE_MANAGEMENT_ACCOUNT_ID}:${suffix}`;
  return {
    Id: ORG_ID,
    Arn: arn(`organization/${ORG_ID}`),
    FeatureSet: "ALL",
    MasterAccountId: LANDING_ZONE_MANAGEMENT_ACCOUNT_ID,
    MasterAccountArn: arn(`account/${ORG_ID}/${LANDING_ZONE_MANAGEMENT_ACCOUNT_ID}`),
    MasterAccountEmail: "aws+lz-management@example.com",
    Roots: [
      {
        Id: ROOT_ID,
        Arn: arn(`root/${ORG_ID}/${ROOT_ID}`),
        Name: "Root",
        PolicyTypes: [{ Type: "SERVICE_CONTROL_POLICY", Status: "ENABLED" }],
      },
    ],
    OrganizationalUnits: [
      {
        Id: WORKLOADS_OU,
        Arn: arn(`ou/${ORG_ID}/${WORKLOADS_OU}`),
        Name: "Workloads",
        ParentId: ROOT_ID,
      },
    ],
    Policies: [
      {
        PolicySummary: {
          Id: "p-FullAWSAccess",
          Arn: "arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess",
          Name: "FullAWSAccess",
          Description: "Allows access to every operation",
          Type: "SERVICE_CONTROL_POLICY",
          AwsManaged: true,
        },
        Content: SCP_CONTENT.fullAwsAccess,
        Targets: [
          ROOT_ID,
          WORKLOADS_OU,
          LANDING_ZONE_MANAGEMENT_ACCOUNT_ID,
          LANDING_ZONE_WORKLOAD_ACCOUNT_ID,
        ],
      },
    ],
  };
}

export function generateLandingZoneWorld(options: TLandingZoneWorldOptions): TWorld {
  if (!options.externalId)
    throw new Error("generateLandingZoneWorld: externalId must be a non-empty string");
  const rng = createRng(options.seed ?? 4242);
  const vendor = { ...(options.vendor ?? DEMO_VENDOR) };
  assertVendor(vendor, [LANDING_ZONE_MANAGEMENT_ACCOUNT_ID, LANDING_ZONE_WORKLOAD_ACCOUNT_ID]);
  const scanner = {
    vendorAccountId: vendor.accountId,
    externalId: options.externalId,
    memberRoleName: options.memberRoleName ?? DEFAULT_MEMBER_ROLE_NAME,
    managementRoleName: options.managementRoleName ?? DEFAULT_MANAGEMENT_ROLE_NAME,
  };
  const common = {
    organizationId: ORG_ID,
    managementAccountId: LANDING_ZONE_MANAGEMENT_ACCOUNT_ID,
    homeRegion: REGION,
    rng,
  };

  const management = createAccountBuilder({
    ...common,
    accountId: LANDING_ZONE_MANAGEMENT_ACCOUNT_ID,
    name: "lz-management",
    email: "aws+lz-management@example.com",
    parentId: ROOT_ID,
    joinedDaysAgo: 90,
  });
  addScannerRole(management.iam, scanner);
  addOrgReaderRole(management.iam, scanner);
  management.iam.setRoot({ mfa: "hardware", passwordLastUsedDaysAgo: 90 });
  management.addBucket({
    Name: "lz-organization-trail-logs",
    BucketRegion: REGION,
    PublicAccessBlockConfiguration: {
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    },
    Policy: buildPolicyDocument([buildDenyInsecureTransport("lz-organization-trail-logs")]),
    ServerSideEncryptionConfiguration: {
      Rules: [
        { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" }, BucketKeyEnabled: false },
      ],
    },
    Versioning: { Status: "Enabled" },
  });
  management.addTrail({
    region: REGION,
    name: "organization-trail",
    bucketName: "lz-organization-trail-logs",
    multiRegion: true,
    organizationTrail: true,
    logFileValidation: true,
    isLogging: true,
  });
  // the region exists for the collectors (empty EC2, Lambda, EKS inventories), nothing runs there
  management.ec2(REGION);

  const workload = createAccountBuilder({
    ...common,
    accountId: LANDING_ZONE_WORKLOAD_ACCOUNT_ID,
    name: "lz-workload",
    email: "aws+lz-workload@example.com",
    parentId: WORKLOADS_OU,
    joinedDaysAgo: 60,
  });
  addScannerRole(workload.iam, scanner);
  workload.iam.setRoot({ mfa: "hardware", passwordLastUsedDaysAgo: 60 });
  const vpc = workload.addVpc({
    region: REGION,
    cidrPrefix: "10.20",
    subnets: 2,
    name: "workload",
    flowLogs: true,
  });
  workload.addInstance({
    region: REGION,
    subnet: vpc.subnets[1] ?? vpc.subnets[0]!,
    securityGroups: [vpc.defaultSecurityGroup],
    name: "app-1",
    httpTokens: "required",
    volumes: [{ sizeGiB: 20, encrypted: true }],
  });

  const world: TGeneratedWorld = {
    version: 1,
    vendor,
    organization: buildOrganization(),
    accounts: [management.build(), workload.build()],
  };
  return world;
}
