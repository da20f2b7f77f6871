import type { TCollectedResource, TResourceType, TServiceKey } from "@guardrail/collectors";
import { defineRule, fail, notApplicable, pass } from "../../rule";
import { checkAccountServiceComplete } from "../../lib/guard";
import { instanceState } from "../../lib/ec2";
import { asString } from "../../lib/values";

const WORKLOAD_TYPES: { type: TResourceType; service: TServiceKey }[] = [
  { type: "AWS::EC2::Instance", service: "ec2" },
  { type: "AWS::Lambda::Function", service: "lambda" },
  { type: "AWS::EKS::Cluster", service: "eks" },
  { type: "AWS::ECS::Service", service: "ecs" },
  { type: "AWS::ECS::Task", service: "ecs" },
];

/** A task a service started counts through its service; a standalone running task counts itself. */
function isCountedWorkload(type: TResourceType, r: TCollectedResource): boolean {
  if (type === "AWS::EC2::Instance") return instanceState(r) !== "terminated";
  if (type === "AWS::ECS::Task") return r.configuration.serviceName === null || r.configuration.serviceName === undefined;
  return true;
}

export const organizationsManagementAccountNoWorkloadsRule = defineRule({
  id: "aws.organizations.management-account.no-workloads",
  title: "No workloads run in the organization's management account",
  description:
    "Evaluated on the management account's AWS::Organizations::Account: fails when it holds EC2 instances (not terminated), Lambda functions, EKS clusters, ECS services or standalone running ECS tasks (tasks a service started count through their service). AWS Organizations best practice; no CIS v3.0.0 or FSBP control, hence no framework mapping.",
  rationale: "SCPs do not apply to the management account and it can act on every member account: a compromised workload there compromises the whole organization.",
  severity: "HIGH",
  service: "organizations",
  resourceTypes: ["AWS::Organizations::Account"],
  requires: [{ service: "organizations", resourceTypes: ["AWS::Organizations::Account"] }, { service: "ec2" }, { service: "lambda" }, { service: "eks" }, { service: "ecs" }],
  frameworks: [],
  remediation: {
    console: [
      "Inventory the workloads in the management account (EC2, Lambda, EKS, ECS).",
      "Recreate them in a member account dedicated to that workload, then delete them from the management account.",
    ],
    cli: "aws ec2 describe-instances --query 'Reservations[].Instances[].InstanceId'\naws lambda list-functions --query 'Functions[].FunctionName'\naws eks list-clusters\naws ecs list-clusters",
    terraform: '# Point the workload\'s provider at a member account instead of the management account:\nprovider "aws" {\n  assume_role {\n    role_arn = "arn:aws:iam::<workload-account-id>:role/OrganizationAccountAccessRole"\n  }\n}',
    cloudformation: "# Deploy workload stacks to member accounts with StackSets (service-managed permissions) targeting OUs, never the management account.",
  },
  references: ["https://docs.aws.amazon.com/organizations/latest/userguide/orgs_best-practices_mgmt-acct.html"],
  evaluate(resource, ctx) {
    if (resource.configuration.IsManagementAccount !== true) {
      return notApplicable("Not the management account", { IsManagementAccount: resource.configuration.IsManagementAccount ?? false });
    }
    const accountId = asString(resource.configuration.Id) ?? resource.accountId;
    const workloads: { resourceType: string; resourceId: string; region: string }[] = [];
    for (const { type } of WORKLOAD_TYPES) {
      for (const r of ctx.byType(type, { accountId })) {
        if (!isCountedWorkload(type, r)) continue;
        workloads.push({ resourceType: type, resourceId: r.resourceId, region: r.region });
      }
    }
    const evidence = { managementAccountId: accountId, workloadCount: workloads.length, workloads: workloads.slice(0, 20) };
    if (workloads.length > 0) return fail(`${workloads.length} workload(s) run in the management account`, evidence);
    for (const service of new Set(WORKLOAD_TYPES.map((w) => w.service))) {
      const missing = checkAccountServiceComplete(ctx, accountId, service);
      if (missing) return missing;
    }
    return pass("No workloads in the management account", evidence);
  },
});
