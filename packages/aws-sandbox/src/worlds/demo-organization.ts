/** The fixed shape of the demo organization "Acme Corp": OUs, accounts, their settings, SCPs/RCPs. */
import { SCP_CONTENT } from "./policy-documents";
import type { TWorldOrganization, TWorldPolicy } from "./world-types";

export const DEMO_ORG_ID = "o-acme7k2p9q";
export const DEMO_ROOT_ID = "r-ac7k";
export const DEMO_MANAGEMENT_ACCOUNT_ID = "381492650017";
export const DEMO_APPROVED_REGIONS = ["us-east-1", "eu-west-1"];

/** Third parties that Acme's roles trust (outside the organization). */
export const THIRD_PARTY_ACCOUNTS = {
  /** A Datadog-like monitoring vendor. */
  monitoringVendor: "464622532012",
  /** An IT consultancy with break-glass administrator access. */
  consultancy: "777788889999",
  /** A hosted CI provider. */
  ciVendor: "428571428571",
} as const;

export const DEMO_OU_IDS = {
  security: "ou-ac7k-sec4t9x1",
  sandbox: "ou-ac7k-sbx2m8q4",
  workloads: "ou-ac7k-wkl6p3r7",
  prod: "ou-ac7k-prd5n1v8",
  nonProd: "ou-ac7k-npd9c4w2",
  suspended: "ou-ac7k-sus3h7k5",
} as const;

export type TDemoAccountKey =
  | "management"
  | "securityTooling"
  | "logArchive"
  | "sandboxAlice"
  | "sandboxBob"
  | "paymentsProd"
  | "paymentsNonProd"
  | "retailProd"
  | "retailNonProd"
  | "dataProd"
  | "dataNonProd"
  | "sharedServices"
  | "legacyMarketing";

export type TWorkloadProfile =
  | "management"
  | "security"
  | "minimal"
  | "sandbox"
  | "prod"
  | "nonprod"
  | "shared";

export interface TDemoAccountSpec {
  key: TDemoAccountKey;
  id: string;
  name: string;
  parentId: string;
  status: "ACTIVE" | "SUSPENDED";
  tags: { Key: string; Value: string }[];
  /** Business unit used for resource tags (absent: resources carry mixed or no BU tags). */
  businessUnit?: string;
  environment: string;
  owner: string;
  regions: string[];
  profile: TWorkloadProfile;
  root: { mfa: "hardware" | "virtual" | "none"; lastUsedDaysAgo?: number; accessKey?: boolean };
  passwordPolicy: "strong" | "weak" | "short" | "none";
  ebsDefaultEncryption: Record<string, boolean>;
  imdsDefaultRequired: string[];
  guardDuty: Record<string, "enabled" | "disabled" | "none">;
  config: Record<string, "recording" | "stopped" | "none">;
  analyzer?: { type: "ACCOUNT" | "ORGANIZATION"; regions: string[] };
  accountPublicAccessBlock: "all" | "partial" | "none";
  flowLogs: Record<string, boolean>;
  defaultSecurityGroupsRestricted: boolean;
  /** IAM Identity Center roles (`AWSReservedSSO_*`) in an ACTIVE account; default true. */
  identityCenter?: boolean;
}

const tag = (Key: string, Value: string) => ({ Key, Value });
const both = <T>(value: T): Record<string, T> => ({ "us-east-1": value, "eu-west-1": value });
const US_EU = ["us-east-1", "eu-west-1"];

export const DEMO_ACCOUNTS: TDemoAccountSpec[] = [
  {
    key: "management",
    id: DEMO_MANAGEMENT_ACCOUNT_ID,
    name: "acme-management",
    parentId: DEMO_ROOT_ID,
    status: "ACTIVE",
    tags: [tag("Owner", "cloud-platform@acme.example"), tag("Environment", "shared")],
    environment: "shared",
    owner: "cloud-platform@acme.example",
    regions: US_EU,
    profile: "management",
    root: { mfa: "virtual", lastUsedDaysAgo: 3, accessKey: true },
    passwordPolicy: "weak",
    ebsDefaultEncryption: both(true),
    imdsDefaultRequired: [],
    guardDuty: both("enabled"),
    config: both("recording"),
    accountPublicAccessBlock: "all",
    flowLogs: both(true),
    defaultSecurityGroupsRestricted: false,
  },
  {
    key: "securityTooling",
    id: "502817364920",
    name: "acme-security-tooling",
    parentId: DEMO_OU_IDS.security,
    status: "ACTIVE",
    tags: [
      tag("Owner", "security@acme.example"),
      tag("Environment", "prod"),
      tag("BusinessUnit", "security"),
    ],
    businessUnit: "security",
    environment: "prod",
    owner: "security@acme.example",
    regions: US_EU,
    profile: "security",
    root: { mfa: "hardware", lastUsedDaysAgo: 400 },
    passwordPolicy: "strong",
    ebsDefaultEncryption: both(true),
    imdsDefaultRequired: US_EU,
    guardDuty: both("enabled"),
    config: both("recording"),
    analyzer: { type: "ORGANIZATION", regions: US_EU },
    accountPublicAccessBlock: "all",
    flowLogs: both(true),
    defaultSecurityGroupsRestricted: true,
  },
  {
    key: "logArchive",
    id: "617283940516",
    name: "acme-log-archive",
    parentId: DEMO_OU_IDS.security,
    status: "ACTIVE",
    tags: [
      tag("Owner", "security@acme.example"),
      tag("Environment", "prod"),
      tag("BusinessUnit", "security"),
    ],
    businessUnit: "security",
    environment: "prod",
    owner: "security@acme.example",
    regions: US_EU,
    profile: "minimal",
    root: { mfa: "hardware", lastUsedDaysAgo: 700 },
    passwordPolicy: "strong",
    ebsDefaultEncryption: both(true),
    imdsDefaultRequired: US_EU,
    guardDuty: both("enabled"),
    config: both("recording"),
    analyzer: { type: "ACCOUNT", regions: ["us-east-1"] },
    accountPublicAccessBlock: "all",
    flowLogs: both(true),
    defaultSecurityGroupsRestricted: true,
  },
  {
    key: "sandboxAlice",
    id: "728394015627",
    name: "acme-sandbox-alice",
    parentId: DEMO_OU_IDS.sandbox,
    status: "ACTIVE",
    tags: [],
    environment: "sandbox",
    owner: "alice@acme.example",
    regions: US_EU,
    profile: "sandbox",
    root: { mfa: "hardware", lastUsedDaysAgo: 300 },
    passwordPolicy: "none",
    ebsDefaultEncryption: both(false),
    imdsDefaultRequired: [],
    guardDuty: both("none"),
    config: both("none"),
    accountPublicAccessBlock: "none",
    flowLogs: both(false),
    defaultSecurityGroupsRestricted: false,
  },
  {
    key: "sandboxBob",
    id: "839405126738",
    name: "acme-sandbox-bob",
    parentId: DEMO_OU_IDS.sandbox,
    status: "ACTIVE",
    tags: [tag("Owner", "bob@acme.example")],
    environment: "sandbox",
    owner: "bob@acme.example",
    regions: [...US_EU, "eu-west-3"],
    profile: "sandbox",
    root: { mfa: "none", lastUsedDaysAgo: 45 },
    passwordPolicy: "none",
    ebsDefaultEncryption: { ...both(false), "eu-west-3": false },
    imdsDefaultRequired: [],
    guardDuty: { ...both("disabled"), "eu-west-3": "none" },
    config: { ...both("stopped"), "eu-west-3": "none" },
    accountPublicAccessBlock: "none",
    flowLogs: { ...both(false), "eu-west-3": false },
    defaultSecurityGroupsRestricted: false,
    // Bob's sandbox was never onboarded to IAM Identity Center: he signs in as an IAM user.
    identityCenter: false,
  },
  {
    key: "paymentsProd",
    id: "240681357924",
    name: "acme-payments-prod",
    parentId: DEMO_OU_IDS.prod,
    status: "ACTIVE",
    tags: [
      tag("BusinessUnit", "payments"),
      tag("Environment", "prod"),
      tag("Owner", "payments-team@acme.example"),
    ],
    businessUnit: "payments",
    environment: "prod",
    owner: "payments-team@acme.example",
    regions: US_EU,
    profile: "prod",
    root: { mfa: "hardware", lastUsedDaysAgo: 500 },
    passwordPolicy: "strong",
    ebsDefaultEncryption: { "us-east-1": true, "eu-west-1": false },
    imdsDefaultRequired: ["us-east-1"],
    guardDuty: both("enabled"),
    config: both("recording"),
    analyzer: { type: "ACCOUNT", regions: ["us-east-1"] },
    accountPublicAccessBlock: "all",
    flowLogs: { "us-east-1": true, "eu-west-1": false },
    defaultSecurityGroupsRestricted: true,
  },
  {
    key: "paymentsNonProd",
    id: "351792468035",
    name: "acme-payments-nonprod",
    parentId: DEMO_OU_IDS.nonProd,
    status: "ACTIVE",
    tags: [
      tag("BusinessUnit", "payments"),
      tag("Environment", "nonprod"),
      tag("Owner", "payments-team@acme.example"),
    ],
    businessUnit: "payments",
    environment: "nonprod",
    owner: "payments-team@acme.example",
    regions: US_EU,
    profile: "nonprod",
    root: { mfa: "hardware", lastUsedDaysAgo: 600 },
    passwordPolicy: "short",
    ebsDefaultEncryption: both(true),
    imdsDefaultRequired: [],
    guardDuty: both("enabled"),
    config: both("recording"),
    accountPublicAccessBlock: "all",
    flowLogs: both(true),
    defaultSecurityGroupsRestricted: false,
  },
  {
    key: "retailProd",
    id: "462803579146",
    name: "acme-retail-prod",
    parentId: DEMO_OU_IDS.prod,
    status: "ACTIVE",
    tags: [
      tag("BusinessUnit", "retail"),
      tag("Environment", "prod"),
      tag("Owner", "retail-team@acme.example"),
    ],
    businessUnit: "retail",
    environment: "prod",
    owner: "retail-team@acme.example",
    regions: US_EU,
    profile: "prod",
    root: { mfa: "virtual", lastUsedDaysAgo: 200 },
    passwordPolicy: "strong",
    ebsDefaultEncryption: both(true),
    imdsDefaultRequired: [],
    guardDuty: both("enabled"),
    config: { "us-east-1": "recording", "eu-west-1": "none" },
    accountPublicAccessBlock: "partial",
    flowLogs: both(true),
    defaultSecurityGroupsRestricted: false,
  },
  {
    key: "retailNonProd",
    id: "573914680257",
    name: "acme-retail-nonprod",
    parentId: DEMO_OU_IDS.nonProd,
    status: "ACTIVE",
    tags: [
      tag("BusinessUnit", "retail"),
      tag("Environment", "nonprod"),
      tag("Owner", "retail-team@acme.example"),
    ],
    businessUnit: "retail",
    environment: "nonprod",
    owner: "retail-team@acme.example",
    regions: US_EU,
    profile: "nonprod",
    root: { mfa: "hardware", lastUsedDaysAgo: 250 },
    passwordPolicy: "weak",
    ebsDefaultEncryption: both(false),
    imdsDefaultRequired: [],
    guardDuty: both("enabled"),
    config: both("recording"),
    accountPublicAccessBlock: "none",
    flowLogs: both(false),
    defaultSecurityGroupsRestricted: false,
  },
  {
    key: "dataProd",
    id: "684025791368",
    name: "acme-data-prod",
    parentId: DEMO_OU_IDS.prod,
    status: "ACTIVE",
    tags: [
      tag("BusinessUnit", "data"),
      tag("Environment", "prod"),
      tag("Owner", "data-team@acme.example"),
    ],
    businessUnit: "data",
    environment: "prod",
    owner: "data-team@acme.example",
    regions: US_EU,
    profile: "prod",
    root: { mfa: "hardware", lastUsedDaysAgo: 900 },
    passwordPolicy: "strong",
    ebsDefaultEncryption: both(true),
    imdsDefaultRequired: US_EU,
    guardDuty: both("enabled"),
    config: both("recording"),
    accountPublicAccessBlock: "all",
    flowLogs: both(true),
    defaultSecurityGroupsRestricted: true,
  },
  {
    // No BusinessUnit tag on purpose: business-unit mapping must fall back to the account id.
    key: "dataNonProd",
    id: "795136802479",
    name: "acme-data-nonprod",
    parentId: DEMO_OU_IDS.nonProd,
    status: "ACTIVE",
    tags: [tag("Environment", "nonprod")],
    environment: "nonprod",
    owner: "data-team@acme.example",
    regions: [...US_EU, "eu-west-3"],
    profile: "nonprod",
    root: { mfa: "hardware", lastUsedDaysAgo: 800 },
    passwordPolicy: "strong",
    ebsDefaultEncryption: { ...both(true), "eu-west-3": true },
    imdsDefaultRequired: [],
    guardDuty: { "us-east-1": "enabled", "eu-west-1": "none", "eu-west-3": "none" },
    config: { ...both("recording"), "eu-west-3": "none" },
    accountPublicAccessBlock: "all",
    flowLogs: { ...both(true), "eu-west-3": false },
    defaultSecurityGroupsRestricted: false,
  },
  {
    key: "sharedServices",
    id: "806247913580",
    name: "acme-shared-services",
    parentId: DEMO_OU_IDS.workloads,
    status: "ACTIVE",
    tags: [
      tag("Owner", "platform@acme.example"),
      tag("Environment", "prod"),
      tag("BusinessUnit", "platform"),
    ],
    environment: "prod",
    owner: "platform@acme.example",
    regions: US_EU,
    profile: "shared",
    root: { mfa: "hardware", lastUsedDaysAgo: 1000 },
    passwordPolicy: "strong",
    ebsDefaultEncryption: both(true),
    imdsDefaultRequired: ["us-east-1"],
    guardDuty: both("enabled"),
    config: both("recording"),
    accountPublicAccessBlock: "all",
    flowLogs: both(true),
    defaultSecurityGroupsRestricted: true,
  },
  {
    key: "legacyMarketing",
    id: "917358024691",
    name: "acme-legacy-marketing",
    parentId: DEMO_OU_IDS.suspended,
    status: "SUSPENDED",
    tags: [
      tag("BusinessUnit", "retail"),
      tag("Environment", "prod"),
      tag("Owner", "marketing@acme.example"),
    ],
    businessUnit: "retail",
    environment: "prod",
    owner: "marketing@acme.example",
    regions: [],
    profile: "minimal",
    root: { mfa: "hardware", lastUsedDaysAgo: 1100 },
    passwordPolicy: "none",
    ebsDefaultEncryption: {},
    imdsDefaultRequired: [],
    guardDuty: {},
    config: {},
    accountPublicAccessBlock: "none",
    flowLogs: {},
    defaultSecurityGroupsRestricted: false,
  },
];

function buildOrgPolicy(options: {
  id: string;
  name: string;
  type: "SERVICE_CONTROL_POLICY" | "RESOURCE_CONTROL_POLICY";
  description: string;
  content: string;
  targets: string[];
  awsManaged?: boolean;
}): TWorldPolicy {
  const kind =
    options.type === "SERVICE_CONTROL_POLICY"
      ? "service_control_policy"
      : "resource_control_policy";
  return {
    PolicySummary: {
      Id: options.id,
      Arn: options.awsManaged
        ? `arn:aws:organizations::aws:policy/${kind}/${options.id}`
        : `arn:aws:organizations::${DEMO_MANAGEMENT_ACCOUNT_ID}:policy/${DEMO_ORG_ID}/${kind}/${options.id}`,
      Name: options.name,
      Description: options.description,
      Type: options.type,
      AwsManaged: options.awsManaged ?? false,
    },
    Content: options.content,
    Targets: options.targets,
  };
}

export function buildDemoOrganization(): TWorldOrganization {
  const orgArnPrefix = `arn:aws:organizations::${DEMO_MANAGEMENT_ACCOUNT_ID}`;
  const ou = (id: string, name: string, parentId: string) => ({
    Id: id,
    Arn: `${orgArnPrefix}:ou/${DEMO_ORG_ID}/${id}`,
    Name: name,
    ParentId: parentId,
  });
  const { security, sandbox, workloads, prod, nonProd, suspended } = DEMO_OU_IDS;
  return {
    Id: DEMO_ORG_ID,
    Arn: `${orgArnPrefix}:organization/${DEMO_ORG_ID}`,
    FeatureSet: "ALL",
    MasterAccountArn: `${orgArnPrefix}:account/${DEMO_ORG_ID}/${DEMO_MANAGEMENT_ACCOUNT_ID}`,
    MasterAccountId: DEMO_MANAGEMENT_ACCOUNT_ID,
    MasterAccountEmail: "aws+management@acme.example",
    Roots: [
      {
        Id: DEMO_ROOT_ID,
        Arn: `${orgArnPrefix}:root/${DEMO_ORG_ID}/${DEMO_ROOT_ID}`,
        Name: "Root",
        PolicyTypes: [
          { Type: "SERVICE_CONTROL_POLICY", Status: "ENABLED" },
          { Type: "RESOURCE_CONTROL_POLICY", Status: "ENABLED" },
        ],
      },
    ],
    OrganizationalUnits: [
      ou(security, "Security", DEMO_ROOT_ID),
      ou(sandbox, "Sandbox", DEMO_ROOT_ID),
      ou(workloads, "Workloads", DEMO_ROOT_ID),
      ou(prod, "Prod", workloads),
      ou(nonProd, "NonProd", workloads),
      ou(suspended, "Suspended", DEMO_ROOT_ID),
    ],
    Policies: [
      buildOrgPolicy({
        id: "p-FullAWSAccess",
        name: "FullAWSAccess",
        type: "SERVICE_CONTROL_POLICY",
        awsManaged: true,
        description: "Allows access to every operation",
        content: SCP_CONTENT.fullAwsAccess,
        targets: [
          DEMO_ROOT_ID,
          security,
          sandbox,
          workloads,
          prod,
          nonProd,
          suspended,
          ...DEMO_ACCOUNTS.map((a) => a.id),
        ],
      }),
      buildOrgPolicy({
        id: "p-2kq8dl4nzv",
        name: "DenyLeaveOrganization",
        type: "SERVICE_CONTROL_POLICY",
        description: "Accounts cannot leave the organization",
        content: SCP_CONTENT.denyLeaveOrganization,
        targets: [security, workloads],
      }),
      buildOrgPolicy({
        id: "p-7hx3mw9c1b",
        name: "DenyRootUser",
        type: "SERVICE_CONTROL_POLICY",
        description: "Deny every action by the root user of member accounts",
        content: SCP_CONTENT.denyRootUser,
        targets: [security, prod],
      }),
      buildOrgPolicy({
        id: "p-4rt6yu2ps8",
        name: "ProtectSecurityServices",
        type: "SERVICE_CONTROL_POLICY",
        description: "CloudTrail, GuardDuty and Config cannot be disabled",
        content: SCP_CONTENT.protectSecurityServices,
        targets: [security, prod],
      }),
      buildOrgPolicy({
        id: "p-9ab5cd3ef1",
        name: "DenyUnapprovedRegions",
        type: "SERVICE_CONTROL_POLICY",
        description: "Only us-east-1 and eu-west-1",
        content: SCP_CONTENT.denyUnapprovedRegions(DEMO_APPROVED_REGIONS),
        targets: [prod],
      }),
      buildOrgPolicy({
        id: "p-5zz0suspnd",
        name: "DenyAllSuspended",
        type: "SERVICE_CONTROL_POLICY",
        description: "Quarantine for closed and suspended accounts",
        content: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Deny", Action: "*", Resource: "*" }],
        }),
        targets: [suspended],
      }),
      buildOrgPolicy({
        id: "p-RCPFullAWSAccess",
        name: "RCPFullAWSAccess",
        type: "RESOURCE_CONTROL_POLICY",
        awsManaged: true,
        description: "Allows access to every resource",
        content: SCP_CONTENT.rcpFullAwsAccess,
        targets: [
          DEMO_ROOT_ID,
          security,
          sandbox,
          workloads,
          prod,
          nonProd,
          suspended,
          ...DEMO_ACCOUNTS.map((a) => a.id),
        ],
      }),
      buildOrgPolicy({
        id: "p-rcp3s3perim",
        name: "S3DataPerimeter",
        type: "RESOURCE_CONTROL_POLICY",
        description:
          "S3 data in Prod is reachable only by identities of the organization, over TLS",
        content: SCP_CONTENT.rcpS3DataPerimeter(DEMO_ORG_ID),
        targets: [prod],
      }),
    ],
    DelegatedAdministrators: [
      {
        Id: "502817364920",
        Arn: `${orgArnPrefix}:account/${DEMO_ORG_ID}/502817364920`,
        Email: "aws+security-tooling@acme.example",
        Name: "acme-security-tooling",
        Status: "ACTIVE",
        JoinedMethod: "CREATED",
        JoinedTimestamp: "now-1400d",
        DelegationEnabledDate: "now-900d",
      },
    ],
  };
}
