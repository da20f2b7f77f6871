/**
 * Named resources of the demo organization that demonstrate each check of the catalog (one
 * failing and one passing resource per check) and the attack paths of the access graph.
 * demo-coverage.md lists them; keep the two in step.
 */
import type { TDemoAccountHandles, TDemoContext } from "./demo-baseline";
import { addContainerAndSecretScenarios } from "./demo-container-secret-scenarios";
import { DEMO_ORG_ID, THIRD_PARTY_ACCOUNTS, type TDemoAccountKey } from "./demo-organization";
import {
  allow,
  buildAccountTrustPolicy,
  buildDenyInsecureTransport,
  buildPolicyDocument,
  buildPrincipalTrustPolicy,
  buildServiceTrustPolicy,
} from "./policy-documents";

type TAccounts = Record<TDemoAccountKey, TDemoAccountHandles>;

const US = "us-east-1";
const EU = "eu-west-1";
const FULL_BPA = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
};
const ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";

function requireVpc(handles: TDemoAccountHandles, region: string) {
  const vpc = handles.vpcs[region];
  if (!vpc) throw new Error(`demo world: ${handles.spec.name} has no VPC in ${region}`);
  const [publicSubnet, privateSubnet] = vpc.subnets;
  if (!publicSubnet || !privateSubnet)
    throw new Error(`demo world: ${handles.spec.name} VPC lacks subnets`);
  return { ...vpc, publicSubnet, privateSubnet, vpcId: vpc.vpc.VpcId ?? "" };
}

/** Identity and credentials: users, keys, MFA, password policies, customer policies. */
function addIdentityScenarios(a: TAccounts): void {
  const mgmt = a.management.builder.iam;
  mgmt.addUser({
    name: "admin-legacy",
    managedPolicies: ["AdministratorAccess"],
    createdDaysAgo: 1600,
    console: { lastUsedDaysAgo: 10, changedDaysAgo: 900 },
  });

  // An administrator the organization means to have (break-glass, tagged
  // guardrail:intended-admin=true) next to admin-legacy above, an administrator nobody vouches for.
  mgmt.addUser({
    name: "break-glass-admin",
    managedPolicies: ["AdministratorAccess"],
    tags: [
      { Key: "guardrail:intended-admin", Value: "true" },
      { Key: "Owner", Value: "security@acme.example" },
    ],
    createdDaysAgo: 1200,
    mfa: "hardware",
    console: { lastUsedDaysAgo: 200, changedDaysAgo: 200 },
  });

  // acme-sandbox-bob has no IAM Identity Center roles: Bob's console user is the only way in
  // (a human IAM user where the account has no federation: passes the federation check).
  a.sandboxBob.builder.iam.addUser({
    name: "bob",
    managedPolicies: ["PowerUserAccess"],
    createdDaysAgo: 500,
    mfa: "virtual",
    console: { lastUsedDaysAgo: 1, changedDaysAgo: 80 },
  });

  const sec = a.securityTooling.builder.iam;
  sec.addGroup({ name: "SecurityEngineers", managedPolicies: ["SecurityAudit", "ReadOnlyAccess"] });
  sec.addUser({
    name: "alice.secops",
    groups: ["SecurityEngineers"],
    mfa: "virtual",
    createdDaysAgo: 700,
    console: { lastUsedDaysAgo: 2, changedDaysAgo: 60 },
  });
  sec.addRole({
    name: "AcmeSupportRole",
    trustPolicy: buildAccountTrustPolicy({ trustedAccountId: a.securityTooling.spec.id }),
    managedPolicies: ["AWSSupportAccess"],
    lastUsedDaysAgo: 30,
  });

  a.paymentsProd.builder.iam.addUser({
    name: "ci-deployer",
    managedPolicies: ["PowerUserAccess"],
    createdDaysAgo: 1600,
    accessKeys: [
      {
        active: true,
        rotatedDaysAgo: 1200,
        lastUsedDaysAgo: 400,
        lastUsedService: "cloudformation",
      },
    ],
  });
  a.dataProd.builder.iam.addUser({
    name: "etl-service",
    groups: ["developers"],
    createdDaysAgo: 500,
    accessKeys: [{ active: true, rotatedDaysAgo: 30, lastUsedDaysAgo: 1, lastUsedService: "s3" }],
  });

  const retail = a.retailProd.builder.iam;
  const reportingArn = `arn:aws:iam::${a.retailProd.spec.id}:user/reporting-bot`;
  retail.addUser({
    name: "reporting-bot",
    createdDaysAgo: 800,
    inlinePolicies: [
      {
        name: "self-service-permissions",
        document: buildPolicyDocument([
          allow(["iam:AttachUserPolicy", "iam:ListAttachedUserPolicies"], reportingArn),
          allow(["athena:*", "s3:GetObject"], "*"),
        ]),
      },
    ],
    accessKeys: [
      { active: true, rotatedDaysAgo: 60, lastUsedDaysAgo: 0, lastUsedService: "athena" },
      { active: true, rotatedDaysAgo: 20, lastUsedDaysAgo: 3, lastUsedService: "s3" },
    ],
  });
  const legacyFull = retail.addCustomerPolicy({
    name: "LegacyFullAccess",
    description: "Created during the 2019 migration",
    createdDaysAgo: 2000,
    document: buildPolicyDocument([allow("*", "*")]),
  });
  retail.addCustomerPolicy({
    name: "RetailAppReadOnly",
    description: "Read the storefront's catalog bucket",
    document: buildPolicyDocument([
      allow(
        ["s3:GetObject", "s3:ListBucket"],
        ["arn:aws:s3:::acme-retail-catalog", "arn:aws:s3:::acme-retail-catalog/*"],
      ),
    ]),
  });
  retail.addGroup({ name: "retail-admins", managedPolicies: [legacyFull.Arn ?? ""] });

  a.sandboxAlice.builder.iam.addUser({
    name: "contractor-jane",
    createdDaysAgo: 400,
    console: { lastUsedDaysAgo: 120, changedDaysAgo: 390 },
    accessKeys: [
      { active: true, rotatedDaysAgo: 150, lastUsedDaysAgo: 100, lastUsedService: "ec2" },
    ],
  });

  const shared = a.sharedServices.builder.iam;
  shared.addUser({
    name: "helpdesk-automation",
    createdDaysAgo: 300,
    inlinePolicies: [
      {
        name: "rotate-user-keys",
        document: buildPolicyDocument([
          allow(
            ["iam:CreateAccessKey", "iam:ListAccessKeys", "iam:UpdateAccessKey"],
            `arn:aws:iam::${a.sharedServices.spec.id}:user/*`,
          ),
        ]),
      },
    ],
    accessKeys: [{ active: true, rotatedDaysAgo: 80, lastUsedDaysAgo: 0, lastUsedService: "iam" }],
  });

  const paymentsNonProd = a.paymentsNonProd.builder.iam;
  const qaRoleArn = paymentsNonProd.roleArn("qa-automation");
  paymentsNonProd.addRole({
    name: "qa-automation",
    trustPolicy: buildServiceTrustPolicy("codebuild.amazonaws.com"),
    inlinePolicies: [
      {
        name: "qa-self-manage",
        document: buildPolicyDocument([
          allow(["iam:PutRolePolicy", "iam:GetRolePolicy"], qaRoleArn),
          allow(["codebuild:*", "logs:*"], "*"),
        ]),
      },
    ],
    lastUsedDaysAgo: 2,
  });
}

/** Cross-account trust: third-party vendors with and without external IDs, open trust policies. */
function addTrustScenarios(a: TAccounts): void {
  a.retailProd.builder.iam.addRole({
    name: "DatadogIntegration",
    trustPolicy: buildAccountTrustPolicy({
      trustedAccountId: THIRD_PARTY_ACCOUNTS.monitoringVendor,
      externalId: "5f1c9a7e2b0d4c8f9e3a6b1d7c2e8f40",
    }),
    inlinePolicies: [
      {
        name: "metrics-read",
        document: buildPolicyDocument([
          allow(
            [
              "cloudwatch:Get*",
              "cloudwatch:List*",
              "ec2:DescribeInstances",
              "tag:GetResources",
              "logs:FilterLogEvents",
            ],
            "*",
          ),
        ]),
      },
    ],
    lastUsedDaysAgo: 0,
  });
  a.paymentsProd.builder.iam.addRole({
    name: "datadog-legacy",
    trustPolicy: buildAccountTrustPolicy({
      trustedAccountId: THIRD_PARTY_ACCOUNTS.monitoringVendor,
    }),
    managedPolicies: ["ReadOnlyAccess"],
    createdDaysAgo: 1300,
    lastUsedDaysAgo: 0,
  });
  a.dataProd.builder.iam.addRole({
    name: "acme-consulting-admin",
    trustPolicy: buildAccountTrustPolicy({
      trustedAccountId: THIRD_PARTY_ACCOUNTS.consultancy,
      externalId: "acme-consulting-7731",
    }),
    managedPolicies: ["AdministratorAccess"],
    lastUsedDaysAgo: 90,
  });
  const retailNonProd = a.retailNonProd.builder.iam;
  const ciPolicyArn = retailNonProd.policyArn("CiVendorDeploy");
  retailNonProd.addCustomerPolicy({
    name: "CiVendorDeploy",
    description: "Hosted CI deploys the storefront",
    document: buildPolicyDocument([
      allow(
        ["s3:PutObject", "s3:GetObject", "ecr:*", "ecs:UpdateService", "ecs:DescribeServices"],
        "*",
      ),
      allow(["iam:CreatePolicyVersion", "iam:GetPolicy", "iam:GetPolicyVersion"], ciPolicyArn),
    ]),
  });
  retailNonProd.addRole({
    name: "legacy-ci-vendor",
    trustPolicy: buildAccountTrustPolicy({ trustedAccountId: THIRD_PARTY_ACCOUNTS.ciVendor }),
    managedPolicies: [ciPolicyArn],
    lastUsedDaysAgo: 4,
  });
  a.sandboxAlice.builder.iam.addRole({
    name: "public-assume-test",
    trustPolicy: buildPolicyDocument([
      { Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" },
    ]),
    managedPolicies: ["ReadOnlyAccess"],
    lastUsedDaysAgo: 200,
  });
  a.sharedServices.builder.iam.addRole({
    name: "org-wide-reader",
    trustPolicy: buildPolicyDocument([
      {
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:PrincipalOrgID": DEMO_ORG_ID } },
      },
    ]),
    managedPolicies: ["ViewOnlyAccess"],
    lastUsedDaysAgo: 1,
  });
}

/** Compute and network: instances, security groups, VPC endpoints, snapshots, Lambda, EKS. */
function addComputeScenarios(a: TAccounts, ctx: TDemoContext): void {
  // payments-prod: the internet-exposed IMDSv1 instance with an administrator role (toxic).
  const pay = a.paymentsProd.builder;
  const payVpc = requireVpc(a.paymentsProd, US);
  pay.iam.addRole({
    name: "payments-web-role",
    trustPolicy: buildServiceTrustPolicy("ec2.amazonaws.com"),
    managedPolicies: ["AdministratorAccess"],
    withInstanceProfile: true,
    lastUsedDaysAgo: 0,
  });
  pay.iam.addRole({
    name: "payments-api-role",
    trustPolicy: buildServiceTrustPolicy("ec2.amazonaws.com"),
    managedPolicies: ["AmazonSSMManagedInstanceCore"],
    inlinePolicies: [
      {
        name: "ledger-read",
        document: buildPolicyDocument([
          allow("s3:GetObject", "arn:aws:s3:::acme-payments-ledger/*"),
        ]),
      },
    ],
    withInstanceProfile: true,
    lastUsedDaysAgo: 0,
  });
  const paymentsWebSg = pay.addSecurityGroup({
    region: US,
    vpcId: payVpc.vpcId,
    name: "payments-web-sg",
    ingress: [
      { protocol: "tcp", fromPort: 443, cidr: "0.0.0.0/0" },
      { protocol: "tcp", fromPort: 22, cidr: "0.0.0.0/0" },
    ],
  });
  const paymentsApiSg = pay.addSecurityGroup({
    region: US,
    vpcId: payVpc.vpcId,
    name: "payments-api-sg",
    ingress: [
      { protocol: "tcp", fromPort: 8443, cidr: "10.0.0.0/8" },
      { protocol: "tcp", fromPort: 8443, sourceGroupId: paymentsWebSg.GroupId },
    ],
  });
  const tags = (bu: string, env: string, owner: string) => [
    { Key: "BusinessUnit", Value: bu },
    { Key: "Environment", Value: env },
    { Key: "Owner", Value: owner },
  ];
  pay.addInstance({
    region: US,
    subnet: payVpc.publicSubnet,
    securityGroups: [paymentsWebSg],
    name: "payments-web-1",
    httpTokens: "optional",
    publicIp: ctx.ipPool.allocate(),
    instanceProfileRole: "payments-web-role",
    volumes: [{ sizeGiB: 50, encrypted: false }],
    tags: tags("payments", "prod", "payments-team@acme.example"),
  });
  const { volumes: apiVolumes } = pay.addInstance({
    region: US,
    subnet: payVpc.privateSubnet,
    securityGroups: [paymentsApiSg],
    name: "payments-api-1",
    httpTokens: "required",
    instanceProfileRole: "payments-api-role",
    volumes: [
      { sizeGiB: 30, encrypted: true },
      { sizeGiB: 200, encrypted: true },
    ],
    tags: tags("payments", "prod", "payments-team@acme.example"),
  });
  // S3 gateway endpoint with the default full-access policy (us-east-1); eu-west-1 has none.
  pay.addVpcEndpoint({ region: US, vpcId: payVpc.vpcId, service: "s3", type: "Gateway" });

  // payments-prod Lambda: PassRole + RunInstances (escalation to the admin instance profile), deprecated runtime.
  pay.iam.addRole({
    name: "settlement-batch-role",
    trustPolicy: buildServiceTrustPolicy("lambda.amazonaws.com"),
    managedPolicies: ["AWSLambdaBasicExecutionRole"],
    inlinePolicies: [
      {
        name: "launch-workers",
        document: buildPolicyDocument([
          allow(["iam:PassRole", "ec2:RunInstances", "ec2:CreateTags"], "*"),
        ]),
      },
    ],
    lastUsedDaysAgo: 0,
  });
  pay.addFunction({
    region: US,
    name: "settlement-batch",
    runtime: "python3.8",
    roleArn: pay.iam.roleArn("settlement-batch-role"),
  });
  pay.iam.addRole({
    name: "payments-s3-trigger-role",
    trustPolicy: buildServiceTrustPolicy("lambda.amazonaws.com"),
    managedPolicies: ["AWSLambdaBasicExecutionRole"],
    inlinePolicies: [
      {
        name: "read-inbox",
        document: buildPolicyDocument([
          allow("s3:GetObject", "arn:aws:s3:::acme-payments-inbox/*"),
        ]),
      },
    ],
    lastUsedDaysAgo: 0,
  });
  pay.addFunction({
    region: US,
    name: "payments-s3-trigger",
    runtime: "nodejs20.x",
    roleArn: pay.iam.roleArn("payments-s3-trigger-role"),
    policy: buildPolicyDocument([
      {
        Sid: "s3invoke",
        Effect: "Allow",
        Principal: { Service: "s3.amazonaws.com" },
        Action: "lambda:InvokeFunction",
        Resource: `arn:aws:lambda:${US}:${a.paymentsProd.spec.id}:function:payments-s3-trigger`,
        Condition: {
          StringEquals: { "AWS:SourceAccount": a.paymentsProd.spec.id },
          ArnLike: { "AWS:SourceArn": "arn:aws:s3:::acme-payments-inbox" },
        },
      },
    ]),
  });
  pay.addSnapshot({
    region: US,
    volume: apiVolumes[1] ?? apiVolumes[0]!,
    sharedWith: [a.logArchive.spec.id],
    description: "payments-api-1 data volume, shared with log-archive for retention",
    tags: [{ Key: "Name", Value: "payments-api-1-data-backup" }],
  });

  // retail-prod: private IMDSv1 batch host, a bastion with a lateral-movement role, a wide-open DB SG, a public Lambda.
  const retail = a.retailProd.builder;
  const retailVpc = requireVpc(a.retailProd, US);
  retail.addInstance({
    region: US,
    subnet: retailVpc.privateSubnet,
    securityGroups: [retailVpc.defaultSecurityGroup],
    name: "retail-batch-1",
    httpTokens: "optional",
    instanceProfileRole: "app-instance-role",
    tags: tags("retail", "prod", "retail-team@acme.example"),
  });
  retail.iam.addRole({
    name: "retail-bastion-role",
    trustPolicy: buildServiceTrustPolicy("ec2.amazonaws.com"),
    inlinePolicies: [
      {
        name: "fleet-access",
        document: buildPolicyDocument([
          allow(
            [
              "ssm:StartSession",
              "ssm:SendCommand",
              "ec2-instance-connect:SendSSHPublicKey",
              "ec2:DescribeInstances",
            ],
            "*",
          ),
        ]),
      },
    ],
    withInstanceProfile: true,
    lastUsedDaysAgo: 0,
  });
  const bastionSg = retail.addSecurityGroup({
    region: US,
    vpcId: retailVpc.vpcId,
    name: "retail-bastion-sg",
    ingress: [{ protocol: "tcp", fromPort: 22, cidr: "0.0.0.0/0" }],
  });
  retail.addInstance({
    region: US,
    subnet: retailVpc.publicSubnet,
    securityGroups: [bastionSg],
    name: "retail-bastion",
    httpTokens: "required",
    publicIp: ctx.ipPool.allocate(),
    instanceProfileRole: "retail-bastion-role",
    tags: [{ Key: "Owner", Value: "retail-team@acme.example" }],
  });
  retail.addSecurityGroup({
    region: US,
    vpcId: retailVpc.vpcId,
    name: "retail-db-open",
    description: "temporary: vendor migration",
    ingress: [
      { protocol: "tcp", fromPort: 5432, cidr: "0.0.0.0/0" },
      { protocol: "tcp", fromPort: 3306, cidr: "0.0.0.0/0" },
    ],
  });
  retail.iam.addRole({
    name: "retail-webhook-role",
    trustPolicy: buildServiceTrustPolicy("lambda.amazonaws.com"),
    managedPolicies: ["AWSLambdaBasicExecutionRole"],
    inlinePolicies: [
      {
        name: "webhook",
        document: buildPolicyDocument([
          allow("s3:*", "*"),
          allow(["iam:AttachRolePolicy", "iam:PassRole"], "*"),
        ]),
      },
    ],
    lastUsedDaysAgo: 0,
  });
  retail.addFunction({
    region: US,
    name: "retail-webhook",
    runtime: "python3.12",
    roleArn: retail.iam.roleArn("retail-webhook-role"),
    policy: buildPolicyDocument([
      {
        Sid: "public-url",
        Effect: "Allow",
        Principal: "*",
        Action: "lambda:InvokeFunction",
        Resource: `arn:aws:lambda:${US}:${a.retailProd.spec.id}:function:retail-webhook`,
      },
    ]),
  });

  // retail-nonprod: a deprecated runtime and a public EBS snapshot.
  const retailNp = a.retailNonProd.builder;
  retailNp.addFunction({
    region: US,
    name: "image-resizer",
    runtime: "nodejs14.x",
    roleArn: retailNp.iam.roleArn("lambda-basic-execution"),
  });
  const exportVolume = retailNp.addVolume({
    region: US,
    sizeGiB: 100,
    encrypted: false,
    availabilityZone: `${US}a`,
    tags: [{ Key: "Name", Value: "catalog-export" }],
  });
  retailNp.addSnapshot({
    region: US,
    volume: exportVolume,
    public: true,
    description: "catalog export for agency",
    tags: [{ Key: "Name", Value: "catalog-export-public" }],
  });

  // sandbox-bob: everything open, IMDSv1, public.
  const bob = a.sandboxBob.builder;
  const bobVpc = requireVpc(a.sandboxBob, US);
  const allOpen = bob.addSecurityGroup({
    region: US,
    vpcId: bobVpc.vpcId,
    name: "sandbox-all-open",
    ingress: [
      { protocol: "-1", cidr: "0.0.0.0/0" },
      { protocol: "-1", cidrIpv6: "::/0" },
    ],
  });
  bob.addInstance({
    region: US,
    subnet: bobVpc.publicSubnet,
    securityGroups: [allOpen],
    name: "bob-test-box",
    httpTokens: "optional",
    publicIp: ctx.ipPool.allocate(),
  });
  const bobParis = requireVpc(a.sandboxBob, "eu-west-3");
  bob.addInstance({
    region: "eu-west-3",
    subnet: bobParis.privateSubnet,
    securityGroups: [bobParis.defaultSecurityGroup],
    name: "bob-paris-experiment",
    httpTokens: "required",
  });

  // data-nonprod (Paris, an unapproved region): RDP open to the world.
  const dataNp = a.dataNonProd.builder;
  const parisVpc = requireVpc(a.dataNonProd, "eu-west-3");
  const rdp = dataNp.addSecurityGroup({
    region: "eu-west-3",
    vpcId: parisVpc.vpcId,
    name: "legacy-rdp",
    ingress: [
      { protocol: "tcp", fromPort: 3389, cidr: "0.0.0.0/0" },
      { protocol: "tcp", fromPort: 3389, cidrIpv6: "::/0" },
    ],
  });
  dataNp.addInstance({
    region: "eu-west-3",
    subnet: parisVpc.publicSubnet,
    securityGroups: [rdp],
    name: "legacy-windows-1",
    httpTokens: "required",
    publicIp: ctx.ipPool.allocate(),
    instanceType: "m5.large",
  });

  // data-prod: a restricted S3 gateway endpoint.
  const data = a.dataProd.builder;
  const dataVpc = requireVpc(a.dataProd, US);
  data.addVpcEndpoint({
    region: US,
    vpcId: dataVpc.vpcId,
    service: "s3",
    type: "Gateway",
    policy: buildPolicyDocument([
      {
        Sid: "OrgBucketsOnly",
        Effect: "Allow",
        Principal: "*",
        Action: ["s3:GetObject", "s3:PutObject", "s3:ListBucket"],
        Resource: ["arn:aws:s3:::acme-data-*", "arn:aws:s3:::acme-data-*/*"],
        Condition: { StringEquals: { "aws:PrincipalOrgID": DEMO_ORG_ID } },
      },
    ]),
  });

  // management: workloads that should not be there.
  const mgmt = a.management.builder;
  const mgmtVpc = requireVpc(a.management, US);
  mgmt.addInstance({
    region: US,
    subnet: mgmtVpc.privateSubnet,
    securityGroups: [mgmtVpc.defaultSecurityGroup],
    name: "build-runner",
    httpTokens: "required",
    instanceProfileRole: "app-instance-role",
    tags: [{ Key: "Owner", Value: "cloud-platform@acme.example" }],
  });
  // account-vending runs with an administrator execution role (in the management account, where
  // no SCP applies), and the vending pipeline's CodeBuild role can pass that role to a new
  // function it creates and invokes: the iam:PassRole + lambda:CreateFunction escalation path.
  mgmt.iam.addRole({
    name: "account-vending-role",
    trustPolicy: buildServiceTrustPolicy("lambda.amazonaws.com"),
    managedPolicies: ["AdministratorAccess"],
    lastUsedDaysAgo: 3,
  });
  mgmt.addFunction({
    region: US,
    name: "account-vending",
    runtime: "python3.12",
    roleArn: mgmt.iam.roleArn("account-vending-role"),
  });
  mgmt.iam.addRole({
    name: "vending-pipeline",
    trustPolicy: buildServiceTrustPolicy("codebuild.amazonaws.com"),
    inlinePolicies: [
      {
        name: "deploy-vending-functions",
        document: buildPolicyDocument([
          allow(
            [
              "iam:PassRole",
              "lambda:CreateFunction",
              "lambda:InvokeFunction",
              "lambda:UpdateFunctionCode",
            ],
            "*",
          ),
          allow(["logs:*", "codebuild:*"], "*"),
        ]),
      },
    ],
    lastUsedDaysAgo: 3,
  });
}

/** Attack paths of the access graph (issue 7). */
function addAttackPathScenarios(a: TAccounts): void {
  // data-prod: a three-role same-account chain analytics-reader → etl-runner → data-admin,
  // and an EKS cluster with a public endpoint whose node role is dangerous.
  const data = a.dataProd.builder;
  const dataVpc = requireVpc(a.dataProd, US);
  const readerArn = data.iam.roleArn("analytics-reader");
  const etlArn = data.iam.roleArn("etl-runner");
  const adminArn = data.iam.roleArn("data-admin");
  data.iam.addRole({
    name: "analytics-reader",
    trustPolicy: buildServiceTrustPolicy("ec2.amazonaws.com"),
    inlinePolicies: [
      {
        name: "assume-etl",
        document: buildPolicyDocument([
          allow("sts:AssumeRole", etlArn),
          allow(["athena:StartQueryExecution", "athena:GetQueryResults"], "*"),
        ]),
      },
    ],
    withInstanceProfile: true,
    lastUsedDaysAgo: 0,
  });
  data.iam.addRole({
    name: "etl-runner",
    trustPolicy: buildPrincipalTrustPolicy([readerArn]),
    inlinePolicies: [
      {
        name: "assume-admin",
        document: buildPolicyDocument([
          allow("sts:AssumeRole", adminArn),
          allow(
            ["s3:GetObject", "s3:ListBucket"],
            ["arn:aws:s3:::acme-data-lake", "arn:aws:s3:::acme-data-lake/*"],
          ),
        ]),
      },
    ],
    lastUsedDaysAgo: 1,
  });
  data.iam.addRole({
    name: "data-admin",
    trustPolicy: buildPrincipalTrustPolicy([etlArn]),
    managedPolicies: ["AdministratorAccess"],
    lastUsedDaysAgo: 12,
  });
  data.addInstance({
    region: US,
    subnet: dataVpc.privateSubnet,
    securityGroups: [dataVpc.defaultSecurityGroup],
    name: "analytics-worker-1",
    httpTokens: "required",
    instanceProfileRole: "analytics-reader",
    tags: [
      { Key: "BusinessUnit", Value: "data" },
      { Key: "Environment", Value: "prod" },
    ],
  });

  data.iam.addRole({
    name: "data-platform-cluster",
    trustPolicy: buildServiceTrustPolicy("eks.amazonaws.com"),
    managedPolicies: ["AmazonEKSClusterPolicy"],
    lastUsedDaysAgo: 0,
  });
  data.iam.addRole({
    name: "data-platform-node",
    trustPolicy: buildServiceTrustPolicy("ec2.amazonaws.com"),
    managedPolicies: [
      "AmazonEKSWorkerNodePolicy",
      "AmazonEC2ContainerRegistryReadOnly",
      "AmazonS3ReadOnlyAccess",
      "AmazonSSMManagedInstanceCore",
    ],
    inlinePolicies: [
      {
        name: "spark-autoscaler",
        document: buildPolicyDocument([
          allow(["iam:PassRole", "ec2:RunInstances", "ssm:StartSession"], "*"),
        ]),
      },
    ],
    withInstanceProfile: true,
    lastUsedDaysAgo: 0,
  });
  data.iam.addRole({
    name: "data-platform-ops-node",
    trustPolicy: buildServiceTrustPolicy("ec2.amazonaws.com"),
    managedPolicies: ["AmazonEKSWorkerNodePolicy", "AdministratorAccess"],
    withInstanceProfile: true,
    lastUsedDaysAgo: 0,
  });
  const dataId = a.dataProd.spec.id;
  const subnetIds = dataVpc.subnets.map((s) => s.SubnetId ?? "");
  data.addCluster({
    region: US,
    name: "data-platform",
    arn: `arn:aws:eks:${US}:${dataId}:cluster/data-platform`,
    createdAt: "now-500d",
    version: "1.29",
    endpoint: "https://4F1A2B3C4D5E6F7A8B9C0D1E2F3A4B5C.gr7.us-east-1.eks.amazonaws.com",
    roleArn: data.iam.roleArn("data-platform-cluster"),
    resourcesVpcConfig: {
      vpcId: dataVpc.vpcId,
      subnetIds,
      securityGroupIds: [],
      endpointPublicAccess: true,
      endpointPrivateAccess: false,
      publicAccessCidrs: ["0.0.0.0/0"],
    },
    kubernetesNetworkConfig: { serviceIpv4Cidr: "172.20.0.0/16", ipFamily: "ipv4" },
    logging: {
      clusterLogging: [
        {
          types: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
          enabled: false,
        },
      ],
    },
    status: "ACTIVE",
    platformVersion: "eks.8",
    tags: { BusinessUnit: "data", Environment: "prod" },
    Nodegroups: [
      {
        nodegroupName: "data-platform-workers",
        nodegroupArn: `arn:aws:eks:${US}:${dataId}:nodegroup/data-platform/data-platform-workers/6ac7d1e2-0000-4a1b-9c2d-3e4f5a6b7c8d`,
        clusterName: "data-platform",
        version: "1.29",
        status: "ACTIVE",
        capacityType: "ON_DEMAND",
        scalingConfig: { minSize: 3, maxSize: 12, desiredSize: 6 },
        instanceTypes: ["r6i.2xlarge"],
        subnets: subnetIds.slice(1),
        amiType: "AL2_x86_64",
        nodeRole: data.iam.roleArn("data-platform-node"),
        createdAt: "now-500d",
        modifiedAt: "now-20d",
        tags: { BusinessUnit: "data" },
      },
      {
        // ops node group whose node role is an administrator (any pod reaching IMDS owns the account)
        nodegroupName: "data-platform-ops",
        nodegroupArn: `arn:aws:eks:${US}:${dataId}:nodegroup/data-platform/data-platform-ops/9f8e7d6c-0000-4b5a-8c7d-6e5f4a3b2c1d`,
        clusterName: "data-platform",
        version: "1.29",
        status: "ACTIVE",
        capacityType: "ON_DEMAND",
        scalingConfig: { minSize: 1, maxSize: 3, desiredSize: 2 },
        instanceTypes: ["m6i.large"],
        subnets: subnetIds.slice(1),
        amiType: "AL2_x86_64",
        nodeRole: data.iam.roleArn("data-platform-ops-node"),
        createdAt: "now-200d",
        modifiedAt: "now-30d",
        tags: { BusinessUnit: "data" },
      },
    ],
  });

  const pay = a.paymentsProd.builder;
  const payVpc = requireVpc(a.paymentsProd, US);
  const payId = a.paymentsProd.spec.id;
  const paySubnets = payVpc.subnets.slice(1).map((s) => s.SubnetId ?? "");
  pay.iam.addRole({
    name: "payments-core-cluster",
    trustPolicy: buildServiceTrustPolicy("eks.amazonaws.com"),
    managedPolicies: ["AmazonEKSClusterPolicy"],
    lastUsedDaysAgo: 0,
  });
  pay.iam.addRole({
    name: "payments-core-node",
    trustPolicy: buildServiceTrustPolicy("ec2.amazonaws.com"),
    managedPolicies: ["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryReadOnly"],
    withInstanceProfile: true,
    lastUsedDaysAgo: 0,
  });
  const secretsKey = pay.addKey({
    region: US,
    description: "payments-core EKS secrets",
    rotation: true,
  });
  pay.addCluster({
    region: US,
    name: "payments-core",
    arn: `arn:aws:eks:${US}:${payId}:cluster/payments-core`,
    createdAt: "now-300d",
    version: "1.30",
    endpoint: "https://9B8A7C6D5E4F3A2B1C0D9E8F7A6B5C4D.yl4.us-east-1.eks.amazonaws.com",
    roleArn: pay.iam.roleArn("payments-core-cluster"),
    resourcesVpcConfig: {
      vpcId: payVpc.vpcId,
      subnetIds: paySubnets,
      securityGroupIds: [],
      endpointPublicAccess: false,
      endpointPrivateAccess: true,
      publicAccessCidrs: [],
    },
    kubernetesNetworkConfig: { serviceIpv4Cidr: "172.20.0.0/16", ipFamily: "ipv4" },
    logging: {
      clusterLogging: [
        {
          types: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
          enabled: true,
        },
      ],
    },
    encryptionConfig: [
      { resources: ["secrets"], provider: { keyArn: secretsKey.KeyMetadata.Arn ?? "" } },
    ],
    status: "ACTIVE",
    platformVersion: "eks.5",
    tags: { BusinessUnit: "payments", Environment: "prod" },
    Nodegroups: [
      {
        nodegroupName: "payments-core-general",
        nodegroupArn: `arn:aws:eks:${US}:${payId}:nodegroup/payments-core/payments-core-general/0bd2e3f4-0000-4c5d-8e9f-0a1b2c3d4e5f`,
        clusterName: "payments-core",
        version: "1.30",
        status: "ACTIVE",
        capacityType: "ON_DEMAND",
        scalingConfig: { minSize: 2, maxSize: 6, desiredSize: 3 },
        instanceTypes: ["m6i.large"],
        subnets: paySubnets,
        amiType: "AL2023_x86_64_STANDARD",
        nodeRole: pay.iam.roleArn("payments-core-node"),
        createdAt: "now-300d",
        modifiedAt: "now-10d",
        tags: { BusinessUnit: "payments" },
      },
    ],
  });

  // shared-services: a CI role that can rewrite the trust policy of an administrator role.
  const shared = a.sharedServices.builder;
  const sharedVpc = requireVpc(a.sharedServices, US);
  const ssoAdmin = shared.iam.roleArn("platform-admin");
  shared.iam.addRole({
    name: "platform-admin",
    trustPolicy: buildAccountTrustPolicy({ trustedAccountId: a.sharedServices.spec.id }),
    managedPolicies: ["AdministratorAccess"],
    tags: [{ Key: "guardrail:intended-admin", Value: "true" }],
    lastUsedDaysAgo: 6,
  });
  shared.iam.addRole({
    name: "deploy-automation",
    trustPolicy: buildServiceTrustPolicy("ec2.amazonaws.com"),
    managedPolicies: ["AmazonSSMManagedInstanceCore"],
    inlinePolicies: [
      {
        name: "manage-platform-roles",
        document: buildPolicyDocument([
          allow(["iam:UpdateAssumeRolePolicy", "iam:GetRole"], ssoAdmin),
          allow(["cloudformation:*"], "*"),
        ]),
      },
    ],
    withInstanceProfile: true,
    lastUsedDaysAgo: 0,
  });
  shared.addInstance({
    region: US,
    subnet: sharedVpc.privateSubnet,
    securityGroups: [sharedVpc.defaultSecurityGroup],
    name: "jenkins-1",
    httpTokens: "required",
    instanceProfileRole: "deploy-automation",
    tags: [
      { Key: "Owner", Value: "platform@acme.example" },
      { Key: "BusinessUnit", Value: "platform" },
    ],
  });
}

/** Storage and data: buckets, queues, topics, RDS, KMS. */
function addDataScenarios(a: TAccounts): void {
  const bucketPolicy = (statements: Parameters<typeof buildPolicyDocument>[0]) =>
    buildPolicyDocument(statements);
  const kms = (region: string, accountId: string) => ({
    Rules: [
      {
        ApplyServerSideEncryptionByDefault: {
          SSEAlgorithm: "aws:kms" as const,
          KMSMasterKeyID: `arn:aws:kms:${region}:${accountId}:alias/acme-data`,
        },
        BucketKeyEnabled: true,
      },
    ],
  });
  const aes = {
    Rules: [
      {
        ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" as const },
        BucketKeyEnabled: false,
      },
    ],
  };
  const owner = (id: string) => ({
    Owner: { ID: id },
    Grants: [
      { Grantee: { Type: "CanonicalUser" as const, ID: id }, Permission: "FULL_CONTROL" as const },
    ],
  });
  const lifecycle = [
    {
      ID: "archive",
      Status: "Enabled" as const,
      Filter: { Prefix: "" },
      Transitions: [{ Days: 90, StorageClass: "GLACIER" as const }],
    },
  ];

  const payId = a.paymentsProd.spec.id;
  a.paymentsProd.builder.addBucket({
    Name: "acme-payments-ledger",
    BucketRegion: US,
    Policy: bucketPolicy([
      buildDenyInsecureTransport("acme-payments-ledger"),
      {
        Sid: "OrgOnly",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: ["arn:aws:s3:::acme-payments-ledger", "arn:aws:s3:::acme-payments-ledger/*"],
        Condition: { StringNotEquals: { "aws:PrincipalOrgID": DEMO_ORG_ID } },
      },
    ]),
    Acl: owner("9a1c0e3f5b7d9a1c0e3f5b7d9a1c0e3f5b7d9a1c0e3f5b7d9a1c0e3f5b7d9a1c"),
    PublicAccessBlockConfiguration: FULL_BPA,
    ServerSideEncryptionConfiguration: kms(US, payId),
    Versioning: { Status: "Enabled", MFADelete: "Disabled" },
    LoggingEnabled: {
      TargetBucket: "acme-log-archive-s3-access",
      TargetPrefix: "acme-payments-ledger/",
    },
    LifecycleRules: lifecycle,
    TagSet: [
      { Key: "BusinessUnit", Value: "payments" },
      { Key: "DataClassification", Value: "restricted" },
    ],
  });
  a.paymentsProd.builder.addBucket({
    Name: "acme-payments-exports",
    BucketRegion: US,
    Policy: bucketPolicy([
      {
        Sid: "PublicRead",
        Effect: "Allow",
        Principal: "*",
        Action: "s3:GetObject",
        Resource: "arn:aws:s3:::acme-payments-exports/*",
      },
    ]),
    ServerSideEncryptionConfiguration: aes,
    Versioning: {},
    // classified (PCI) yet encrypted with SSE-S3 only: fails the KMS encryption check
    TagSet: [
      { Key: "BusinessUnit", Value: "payments" },
      { Key: "DataClassification", Value: "pci" },
    ],
  });
  a.retailProd.builder.addBucket({
    Name: "acme-retail-public-assets",
    BucketRegion: US,
    Policy: bucketPolicy([
      {
        Sid: "PublicRead",
        Effect: "Allow",
        Principal: "*",
        Action: "s3:GetObject",
        Resource: "arn:aws:s3:::acme-retail-public-assets/*",
      },
    ]),
    ServerSideEncryptionConfiguration: aes,
    Versioning: { Status: "Suspended" },
    TagSet: [{ Key: "BusinessUnit", Value: "retail" }],
  });
  a.retailProd.builder.addBucket({
    Name: "acme-retail-catalog",
    BucketRegion: US,
    ServerSideEncryptionConfiguration: aes,
    Versioning: { Status: "Enabled" },
    PublicAccessBlockConfiguration: FULL_BPA,
    Policy: bucketPolicy([buildDenyInsecureTransport("acme-retail-catalog")]),
    LifecycleRules: lifecycle,
  });
  a.sandboxAlice.builder.addBucket({
    Name: "acme-sandbox-alice-uploads",
    BucketRegion: US,
    Acl: {
      Owner: { ID: "7f6e5d4c3b2a19087f6e5d4c3b2a19087f6e5d4c3b2a19087f6e5d4c3b2a1908" },
      Grants: [
        { Grantee: { Type: "Group", URI: ALL_USERS }, Permission: "WRITE" },
        { Grantee: { Type: "Group", URI: ALL_USERS }, Permission: "READ" },
      ],
    },
    ServerSideEncryptionConfiguration: aes,
  });
  a.dataNonProd.builder.addBucket({
    Name: "acme-data-legacy-share",
    BucketRegion: EU,
    Acl: {
      Owner: { ID: "1029384756abcdef1029384756abcdef1029384756abcdef1029384756abcdef" },
      Grants: [{ Grantee: { Type: "Group", URI: ALL_USERS }, Permission: "READ" }],
    },
    ServerSideEncryptionConfiguration: aes,
    Versioning: { Status: "Enabled" },
  });
  a.retailNonProd.builder.addBucket({
    Name: "acme-retail-legacy-reports",
    BucketRegion: US,
    createdDaysAgo: 2400,
  });
  a.dataProd.builder.addBucket({
    Name: "acme-data-lake",
    BucketRegion: US,
    Policy: bucketPolicy([
      buildDenyInsecureTransport("acme-data-lake"),
      {
        Sid: "AccountOnly",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: ["arn:aws:s3:::acme-data-lake", "arn:aws:s3:::acme-data-lake/*"],
        Condition: { StringNotEquals: { "aws:PrincipalAccount": a.dataProd.spec.id } },
      },
    ]),
    PublicAccessBlockConfiguration: FULL_BPA,
    ServerSideEncryptionConfiguration: kms(US, a.dataProd.spec.id),
    Versioning: { Status: "Enabled" },
    LoggingEnabled: { TargetBucket: "acme-log-archive-s3-access", TargetPrefix: "acme-data-lake/" },
    LifecycleRules: lifecycle,
  });
  const logId = a.logArchive.spec.id;
  a.logArchive.builder.addBucket({
    Name: "acme-org-cloudtrail-logs",
    BucketRegion: US,
    Policy: bucketPolicy([
      buildDenyInsecureTransport("acme-org-cloudtrail-logs"),
      {
        Sid: "AWSCloudTrailWrite",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: `arn:aws:s3:::acme-org-cloudtrail-logs/AWSLogs/${DEMO_ORG_ID}/*`,
        Condition: {
          StringEquals: {
            "s3:x-amz-acl": "bucket-owner-full-control",
            "aws:SourceOrgID": DEMO_ORG_ID,
          },
        },
      },
    ]),
    PublicAccessBlockConfiguration: FULL_BPA,
    ServerSideEncryptionConfiguration: kms(US, logId),
    Versioning: { Status: "Enabled", MFADelete: "Disabled" },
    LifecycleRules: lifecycle,
    LoggingEnabled: { TargetBucket: "acme-log-archive-s3-access", TargetPrefix: "cloudtrail/" },
  });
  a.logArchive.builder.addBucket({
    Name: "acme-log-archive-s3-access",
    BucketRegion: US,
    PublicAccessBlockConfiguration: FULL_BPA,
    ServerSideEncryptionConfiguration: aes,
    Versioning: { Status: "Enabled" },
    LifecycleRules: lifecycle,
    Policy: bucketPolicy([buildDenyInsecureTransport("acme-log-archive-s3-access")]),
  });

  // Queues and topics.
  const pay = a.paymentsProd.builder;
  pay.addQueue({
    region: US,
    name: "payment-events",
    attributes: {
      SqsManagedSseEnabled: "true",
      Policy: buildPolicyDocument([
        {
          Effect: "Allow",
          Principal: "*",
          Action: "sqs:SendMessage",
          Resource: `arn:aws:sqs:${US}:${payId}:payment-events`,
        },
      ]),
    },
  });
  pay.addTopic({
    region: US,
    name: "payments-alerts",
    attributes: { KmsMasterKeyId: "alias/aws/sns" },
  });
  pay.addQueue({
    region: US,
    name: "settlement-jobs",
    attributes: {
      KmsMasterKeyId: "alias/aws/sqs",
      Policy: buildPolicyDocument([
        {
          Effect: "Allow",
          Principal: "*",
          Action: "sqs:SendMessage",
          Resource: `arn:aws:sqs:${US}:${payId}:settlement-jobs`,
          Condition: {
            ArnEquals: { "aws:SourceArn": `arn:aws:sns:${US}:${payId}:payments-alerts` },
          },
        },
      ]),
    },
  });
  const retailId = a.retailProd.spec.id;
  a.retailProd.builder.addQueue({
    region: US,
    name: "retail-order-events",
    attributes: { SqsManagedSseEnabled: "false" },
  });
  a.retailProd.builder.addTopic({
    region: US,
    name: "retail-order-notifications",
    attributes: {
      Policy: buildPolicyDocument([
        {
          Effect: "Allow",
          Principal: { AWS: "*" },
          Action: ["SNS:Publish", "SNS:Subscribe"],
          Resource: `arn:aws:sns:${US}:${retailId}:retail-order-notifications`,
        },
      ]),
    },
  });

  // RDS and KMS.
  const ledgerKey = pay.addKey({
    region: US,
    description: "payments ledger database",
    rotation: true,
  });
  const ledgerDb = pay.addDbInstance({
    region: US,
    identifier: "payments-ledger-db",
    engine: "postgres",
    publiclyAccessible: false,
    encrypted: true,
    backupRetentionDays: 35,
    kmsKeyArn: ledgerKey.KeyMetadata.Arn,
    multiAz: true,
    tags: [{ Key: "BusinessUnit", Value: "payments" }],
  });
  pay.addDbSnapshot({ region: US, db: ledgerDb, name: "payments-ledger-db-monthly" });
  const retail = a.retailProd.builder;
  const legacyKey = retail.addKey({
    region: US,
    description: "retail legacy exports",
    rotation: false,
  });
  // scheduled for deletion while retail-legacy-db's old exports may still need it
  legacyKey.KeyMetadata.KeyState = "PendingDeletion";
  legacyKey.KeyMetadata.Enabled = false;
  legacyKey.KeyMetadata.PendingDeletionWindowInDays = 7;
  const legacyDb = retail.addDbInstance({
    region: US,
    identifier: "retail-legacy-db",
    engine: "mysql",
    publiclyAccessible: true,
    encrypted: false,
    backupRetentionDays: 0,
  });
  legacyDb.AutoMinorVersionUpgrade = false;
  retail.addDbSnapshot({
    region: US,
    db: legacyDb,
    public: true,
    name: "retail-legacy-db-2023-export",
  });
}

/** Logging and detection: trails. (GuardDuty, Config, Access Analyzer come from the account specs.) */
function addLoggingScenarios(a: TAccounts): void {
  const mgmt = a.management.builder;
  const trailKey = mgmt.addKey({
    region: US,
    description: "organization trail",
    rotation: true,
  });
  mgmt.addTrail({
    region: US,
    name: "acme-org-trail",
    bucketName: "acme-org-cloudtrail-logs",
    multiRegion: true,
    organizationTrail: true,
    logFileValidation: true,
    kmsKeyArn: trailKey.KeyMetadata.Arn,
    isLogging: true,
  });
  a.sandboxAlice.builder.addTrail({
    region: US,
    name: "alice-test-trail",
    bucketName: "acme-sandbox-alice-uploads",
    multiRegion: false,
    logFileValidation: false,
    isLogging: true,
  });
  a.dataProd.builder.addTrail({
    region: US,
    name: "data-audit-trail",
    bucketName: "acme-data-lake",
    multiRegion: true,
    logFileValidation: true,
    kmsKeyArn: `arn:aws:kms:${US}:${a.dataProd.spec.id}:alias/acme-data`,
    isLogging: false,
  });
}

/** Route 53: records pointing at live and at vanished resources (dangling DNS). */
function addDnsScenarios(a: TAccounts, ctx: TDemoContext): void {
  const shared = a.sharedServices.builder;
  const sharedVpc = requireVpc(a.sharedServices, US);
  const edgeSg = shared.addSecurityGroup({
    region: US,
    vpcId: sharedVpc.vpcId,
    name: "edge-proxy-sg",
    ingress: [
      { protocol: "tcp", fromPort: 443, cidr: "0.0.0.0/0" },
      { protocol: "tcp", fromPort: 443, cidrIpv6: "::/0" },
    ],
  });
  const edgeIp = ctx.ipPool.allocate();
  const { instance, networkInterface } = shared.addInstance({
    region: US,
    subnet: sharedVpc.publicSubnet,
    securityGroups: [edgeSg],
    name: "edge-proxy",
    httpTokens: "required",
    publicIp: edgeIp,
    tags: [{ Key: "Owner", Value: "platform@acme.example" }],
  });
  shared.addElasticIp({
    region: US,
    publicIp: edgeIp,
    instanceId: instance.InstanceId,
    networkInterfaceId: networkInterface.NetworkInterfaceId,
    tags: [{ Key: "Name", Value: "edge-proxy" }],
  });
  const releasedIp = ctx.ipPool.allocate();
  const zone = "acme.example.";
  const statusZone = "status.acme.example.";
  const record = (Name: string, Type: "A" | "CNAME" | "TXT" | "MX", value: string, TTL = 300) => ({
    Name,
    Type,
    TTL,
    ResourceRecords: [{ Value: value }],
  });
  const us = shared.region(US);
  us.route53 = {
    HostedZones: [
      {
        Id: "/hostedzone/Z0483726ACMEEXAMPLE",
        Name: zone,
        CallerReference: "acme-public-zone-2019",
        Config: { Comment: "Acme public zone", PrivateZone: false },
        ResourceRecordSetCount: 8,
        ResourceRecordSets: [
          {
            Name: zone,
            Type: "NS",
            TTL: 172800,
            ResourceRecords: [
              { Value: "ns-1536.awsdns-00.co.uk." },
              { Value: "ns-0.awsdns-00.com." },
              { Value: "ns-1024.awsdns-00.org." },
              { Value: "ns-512.awsdns-00.net." },
            ],
          },
          {
            Name: zone,
            Type: "SOA",
            TTL: 900,
            ResourceRecords: [
              {
                Value:
                  "ns-1536.awsdns-00.co.uk. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400",
              },
            ],
          },
          record(zone, "MX", "10 inbound-smtp.us-east-1.amazonaws.com"),
          record(zone, "TXT", '"v=spf1 include:amazonses.com -all"'),
          record(`www.${zone}`, "A", edgeIp),
          record(`assets.${zone}`, "CNAME", "acme-retail-public-assets.s3.amazonaws.com"),
          record(`old-campaign.${zone}`, "A", releasedIp),
          record(`promo.${zone}`, "CNAME", "acme-promo-2021.s3-website-us-east-1.amazonaws.com"),
        ],
      },
      {
        // a well-kept zone: every record points at something the organization still owns
        Id: "/hostedzone/Z0719264STATUSACME",
        Name: statusZone,
        CallerReference: "acme-status-zone-2023",
        Config: { Comment: "Acme status page", PrivateZone: false },
        ResourceRecordSetCount: 4,
        ResourceRecordSets: [
          {
            Name: statusZone,
            Type: "NS",
            TTL: 172800,
            ResourceRecords: [
              { Value: "ns-1100.awsdns-09.org." },
              { Value: "ns-300.awsdns-37.com." },
            ],
          },
          {
            Name: statusZone,
            Type: "SOA",
            TTL: 900,
            ResourceRecords: [
              {
                Value:
                  "ns-1100.awsdns-09.org. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400",
              },
            ],
          },
          record(statusZone, "A", edgeIp),
          record(`assets.${statusZone}`, "CNAME", "acme-retail-public-assets.s3.amazonaws.com"),
        ],
      },
    ],
  };
}

export function addDemoScenarios(accounts: TAccounts, ctx: TDemoContext): void {
  addIdentityScenarios(accounts);
  addTrustScenarios(accounts);
  addComputeScenarios(accounts, ctx);
  addAttackPathScenarios(accounts);
  addDataScenarios(accounts);
  addLoggingScenarios(accounts);
  addDnsScenarios(accounts, ctx);
  addContainerAndSecretScenarios(accounts);
}
