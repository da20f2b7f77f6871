/**
 * ECS services and Secrets Manager secrets of the demo organization (issues 5 and 7): a service
 * in the management account, an exec-enabled service with an administrator task role that an
 * on-call role can exec into, and secrets with and without rotation, public and cross-account
 * resource policies. demo-coverage.md lists them.
 */
import type { TDemoAccountHandles } from "./demo-baseline";
import { THIRD_PARTY_ACCOUNTS, type TDemoAccountKey } from "./demo-organization";
import { addEcsService, addSecret } from "./ecs-secrets-builder";
import { allow, buildAccountTrustPolicy, buildPolicyDocument, buildServiceTrustPolicy } from "./policy-documents";

type TAccounts = Record<TDemoAccountKey, TDemoAccountHandles>;

const US = "us-east-1";
const ECS_TASKS = "ecs-tasks.amazonaws.com";

function subnetsOf(handles: TDemoAccountHandles, region: string): { publicSubnet: string; privateSubnet: string } {
  const [publicSubnet, privateSubnet] = handles.vpcs[region]?.subnets ?? [];
  if (!publicSubnet?.SubnetId || !privateSubnet?.SubnetId) throw new Error(`demo world: ${handles.spec.name} has no VPC subnets in ${region}`);
  return { publicSubnet: publicSubnet.SubnetId, privateSubnet: privateSubnet.SubnetId };
}

function addContainerScenarios(a: TAccounts): void {
  // management: a release bot runs as an ECS service (a workload that should not be there).
  const mgmt = a.management.builder;
  mgmt.iam.addRole({
    name: "release-bot-task-role",
    trustPolicy: buildServiceTrustPolicy(ECS_TASKS),
    inlinePolicies: [{ name: "read-release-notes", document: buildPolicyDocument([allow("s3:GetObject", "arn:aws:s3:::acme-release-notes/*")]) }],
    lastUsedDaysAgo: 1,
  });
  addEcsService(mgmt, {
    region: US,
    cluster: "platform-tools",
    service: "release-bot",
    taskRoleArn: mgmt.iam.roleArn("release-bot-task-role"),
    enableExecuteCommand: false,
    launchType: "FARGATE",
    runningTasks: 1,
    subnetIds: [subnetsOf(a.management, US).privateSubnet],
  });

  // retail-prod: storefront-api runs with an administrator task role and ECS Exec enabled;
  // retail-oncall may exec into any task: a shell there is the task role's credentials.
  const retail = a.retailProd.builder;
  const retailSubnets = subnetsOf(a.retailProd, US);
  retail.iam.addRole({
    name: "storefront-task-role",
    trustPolicy: buildServiceTrustPolicy(ECS_TASKS),
    managedPolicies: ["AdministratorAccess"],
    lastUsedDaysAgo: 0,
  });
  retail.iam.addRole({
    name: "retail-ecs-execution-role",
    trustPolicy: buildServiceTrustPolicy(ECS_TASKS),
    inlinePolicies: [{ name: "pull-and-log", document: buildPolicyDocument([allow(["ecr:GetAuthorizationToken", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "logs:CreateLogStream", "logs:PutLogEvents"], "*")]) }],
    lastUsedDaysAgo: 0,
  });
  retail.iam.addRole({
    name: "order-worker-task-role",
    trustPolicy: buildServiceTrustPolicy(ECS_TASKS),
    inlinePolicies: [{ name: "order-events", document: buildPolicyDocument([allow(["sqs:ReceiveMessage", "sqs:DeleteMessage"], `arn:aws:sqs:${US}:${a.retailProd.spec.id}:retail-order-events`)]) }],
    lastUsedDaysAgo: 0,
  });
  retail.iam.addRole({
    name: "retail-oncall",
    trustPolicy: buildAccountTrustPolicy({ trustedAccountId: a.retailProd.spec.id }),
    inlinePolicies: [{ name: "debug-containers", document: buildPolicyDocument([allow(["ecs:ExecuteCommand", "ecs:DescribeTasks", "ecs:ListTasks", "logs:GetLogEvents"], "*")]) }],
    lastUsedDaysAgo: 2,
  });
  addEcsService(retail, {
    region: US,
    cluster: "retail-apps",
    service: "storefront-api",
    taskRoleArn: retail.iam.roleArn("storefront-task-role"),
    executionRoleArn: retail.iam.roleArn("retail-ecs-execution-role"),
    enableExecuteCommand: true,
    launchType: "FARGATE",
    assignPublicIp: true,
    runningTasks: 2,
    subnetIds: [retailSubnets.publicSubnet],
    tags: [{ Key: "BusinessUnit", Value: "retail" }],
  });
  addEcsService(retail, {
    region: US,
    cluster: "retail-apps",
    service: "order-worker",
    taskRoleArn: retail.iam.roleArn("order-worker-task-role"),
    executionRoleArn: retail.iam.roleArn("retail-ecs-execution-role"),
    enableExecuteCommand: false,
    launchType: "FARGATE",
    runningTasks: 1,
    subnetIds: [retailSubnets.privateSubnet],
    tags: [{ Key: "BusinessUnit", Value: "retail" }],
  });
}

function addSecretScenarios(a: TAccounts): void {
  const pay = a.paymentsProd.builder;
  const payId = a.paymentsProd.spec.id;
  const secretsKey = pay.addKey({ region: US, description: "payments secrets", rotation: true });
  const secretResource = `arn:aws:secretsmanager:${US}:${payId}:secret:*`;
  // rotated every 30 days, encrypted with a customer managed key, readable by the API role only
  addSecret(pay, {
    region: US,
    name: "payments/stripe-api-key",
    description: "Stripe restricted API key",
    kmsKeyId: secretsKey.KeyMetadata.Arn,
    rotationDays: 30,
    lastRotatedDaysAgo: 12,
    resourcePolicy: buildPolicyDocument([
      { Effect: "Allow", Principal: { AWS: pay.iam.roleArn("payments-api-role") }, Action: "secretsmanager:GetSecretValue", Resource: "*" },
    ]),
    tags: [{ Key: "DataClassification", Value: "pci" }],
  });
  // never rotated; shared with the consultancy's account (cross-account, not public)
  addSecret(pay, {
    region: US,
    name: "payments/partner-sftp-credentials",
    description: "SFTP login of the settlement partner",
    resourcePolicy: buildPolicyDocument([
      { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${THIRD_PARTY_ACCOUNTS.consultancy}:root` }, Action: "secretsmanager:GetSecretValue", Resource: secretResource },
    ]),
  });
  // never rotated, and its resource policy lets anyone read it
  const retailId = a.retailProd.spec.id;
  addSecret(a.retailProd.builder, {
    region: US,
    name: "retail/legacy-export-token",
    description: "token of the legacy export job",
    resourcePolicy: buildPolicyDocument([
      { Effect: "Allow", Principal: "*", Action: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], Resource: `arn:aws:secretsmanager:${US}:${retailId}:secret:*` },
    ]),
  });
}

export function addContainerAndSecretScenarios(a: TAccounts): void {
  addContainerScenarios(a);
  addSecretScenarios(a);
}
