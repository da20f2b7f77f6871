/**
 * Onboarding templates: the management-account role (reads AWS Organizations), the
 * service-managed StackSet that deploys the member scanner role to the organization, and the
 * same two as a Terraform module. Every trust policy allows only our vendor principal and only
 * with the connection's external ID.
 */

export interface TTemplateInput {
  /** Guardrail's own AWS principal (the worker's identity), e.g. arn:aws:iam::999999999999:root. */
  vendorPrincipalArn: string;
  externalId: string;
  /** Name of the management-account role (the connection's managementRoleArn ends with it). */
  managementRoleName: string;
  memberRoleName: string;
}

const MEMBER_MANAGED_POLICIES = [
  "arn:aws:iam::aws:policy/SecurityAudit",
  "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess",
];

/** What the management role may do beyond the managed read-only Organizations policy. */
const MANAGEMENT_EXTRA_ACTIONS = [
  "organizations:Describe*",
  "organizations:List*",
  "account:ListRegions",
  "ec2:DescribeRegions",
  "iam:ListAccountAliases",
];

function trustPolicy(input: TTemplateInput) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "GuardrailWithExternalId",
        Effect: "Allow",
        Principal: { AWS: input.vendorPrincipalArn },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "sts:ExternalId": input.externalId } },
      },
    ],
  };
}

function checkInput(input: TTemplateInput): void {
  if (!/^arn:aws[a-z-]*:(iam|sts)::\d{12}:[\w+=,.@/-]+$/.test(input.vendorPrincipalArn)) {
    throw new Error(`vendorPrincipalArn is not an IAM principal ARN: ${input.vendorPrincipalArn}`);
  }
  if (input.externalId.length < 32) throw new Error("externalId must have at least 32 characters");
  for (const name of [input.managementRoleName, input.memberRoleName]) {
    if (!/^[\w+=,.@-]{1,64}$/.test(name)) throw new Error(`not an IAM role name: ${name}`);
  }
}

function memberRoleTemplate(input: TTemplateInput) {
  return {
    AWSTemplateFormatVersion: "2010-09-09",
    Description: "Guardrail read-only scanner role (SecurityAudit + ViewOnlyAccess).",
    Resources: {
      GuardrailScannerRole: {
        Type: "AWS::IAM::Role",
        Properties: {
          RoleName: input.memberRoleName,
          Description:
            "Read-only role assumed by Guardrail to assess this account's security posture.",
          MaxSessionDuration: 3600,
          AssumeRolePolicyDocument: trustPolicy(input),
          ManagedPolicyArns: MEMBER_MANAGED_POLICIES,
          Tags: [{ Key: "managed-by", Value: "guardrail" }],
        },
      },
    },
    Outputs: { RoleArn: { Value: { "Fn::GetAtt": ["GuardrailScannerRole", "Arn"] } } },
  };
}

/** CloudFormation (JSON) for the management account: the Organizations reader role. */
export function renderManagementRoleTemplate(input: TTemplateInput): string {
  checkInput(input);
  const template = {
    AWSTemplateFormatVersion: "2010-09-09",
    Description: "Guardrail organization reader role for the AWS Organizations management account.",
    Resources: {
      GuardrailOrgReaderRole: {
        Type: "AWS::IAM::Role",
        Properties: {
          RoleName: input.managementRoleName,
          Description: "Read-only role assumed by Guardrail to discover the organization.",
          MaxSessionDuration: 3600,
          AssumeRolePolicyDocument: trustPolicy(input),
          ManagedPolicyArns: ["arn:aws:iam::aws:policy/AWSOrganizationsReadOnlyAccess"],
          Policies: [
            {
              PolicyName: "GuardrailOrganizationDiscovery",
              PolicyDocument: {
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Action: MANAGEMENT_EXTRA_ACTIONS, Resource: "*" }],
              },
            },
          ],
          Tags: [{ Key: "managed-by", Value: "guardrail" }],
        },
      },
    },
    Outputs: { RoleArn: { Value: { "Fn::GetAtt": ["GuardrailOrgReaderRole", "Arn"] } } },
  };
  return `${JSON.stringify(template, null, 2)}\n`;
}

/** CloudFormation (JSON) for the member role alone (what each StackSet instance deploys). */
export function renderMemberRoleTemplate(input: TTemplateInput): string {
  checkInput(input);
  return `${JSON.stringify(memberRoleTemplate(input), null, 2)}\n`;
}

/**
 * CloudFormation (JSON) launched in the management account: a service-managed StackSet that
 * deploys the member role to the chosen OUs (default: the root) and to every account that
 * joins them later (auto-deployment). Service-managed StackSets skip the management account
 * itself: launch `renderMemberRoleTemplate` there too if it should be scanned.
 */
export function renderMemberStackSetTemplate(input: TTemplateInput): string {
  checkInput(input);
  const template = {
    AWSTemplateFormatVersion: "2010-09-09",
    Description: "Guardrail scanner role in every member account (service-managed StackSet).",
    Parameters: {
      OrganizationalUnitIds: {
        Type: "CommaDelimitedList",
        Description: "The root id (r-…) or OU ids (ou-…) to deploy the scanner role to.",
      },
      DeploymentRegion: {
        Type: "String",
        Default: "us-east-1",
        Description: "IAM is global: one region is enough.",
      },
    },
    Resources: {
      GuardrailScannerStackSet: {
        Type: "AWS::CloudFormation::StackSet",
        Properties: {
          StackSetName: `guardrail-${input.memberRoleName}`,
          Description: "Guardrail read-only scanner role",
          PermissionModel: "SERVICE_MANAGED",
          AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
          Capabilities: ["CAPABILITY_NAMED_IAM"],
          ManagedExecution: { Active: true },
          OperationPreferences: { FailureTolerancePercentage: 100, MaxConcurrentPercentage: 100 },
          StackInstancesGroup: [
            {
              DeploymentTargets: { OrganizationalUnitIds: { Ref: "OrganizationalUnitIds" } },
              Regions: [{ Ref: "DeploymentRegion" }],
            },
          ],
          TemplateBody: JSON.stringify(memberRoleTemplate(input)),
        },
      },
    },
  };
  return `${JSON.stringify(template, null, 2)}\n`;
}

const hcl = (value: unknown) => JSON.stringify(value);

/** The same two as a Terraform module: file name → content. */
export function renderTerraformModule(input: TTemplateInput): Record<string, string> {
  checkInput(input);
  const variables = `variable "organizational_unit_ids" {
  description = "Root id (r-...) or OU ids (ou-...) that receive the Guardrail scanner role."
  type        = list(string)
}

variable "stackset_region" {
  description = "Region of the StackSet instances (IAM is global: one is enough)."
  type        = string
  default     = "us-east-1"
}
`;
  const main = `# Guardrail onboarding: apply in the AWS Organizations management account.
# Trust is limited to Guardrail's principal with this connection's external ID.

locals {
  guardrail_principal = ${hcl(input.vendorPrincipalArn)}
  external_id         = ${hcl(input.externalId)}
  trust_policy = jsonencode(${hcl(trustPolicy(input))})
}

resource "aws_iam_role" "org_reader" {
  name                 = ${hcl(input.managementRoleName)}
  description          = "Read-only role assumed by Guardrail to discover the organization."
  max_session_duration = 3600
  assume_role_policy   = local.trust_policy
  tags                 = { "managed-by" = "guardrail" }
}

resource "aws_iam_role_policy_attachment" "org_reader_organizations" {
  role       = aws_iam_role.org_reader.name
  policy_arn = "arn:aws:iam::aws:policy/AWSOrganizationsReadOnlyAccess"
}

resource "aws_iam_role_policy" "org_reader_discovery" {
  name = "GuardrailOrganizationDiscovery"
  role = aws_iam_role.org_reader.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ${hcl(MANAGEMENT_EXTRA_ACTIONS)}, Resource = "*" }]
  })
}

resource "aws_cloudformation_stack_set" "scanner" {
  name             = ${hcl(`guardrail-${input.memberRoleName}`)}
  description      = "Guardrail read-only scanner role"
  permission_model = "SERVICE_MANAGED"
  capabilities     = ["CAPABILITY_NAMED_IAM"]
  template_body    = ${hcl(JSON.stringify(memberRoleTemplate(input)))}

  auto_deployment {
    enabled                          = true
    retain_stacks_on_account_removal = false
  }

  managed_execution {
    active = true
  }

  lifecycle {
    ignore_changes = [administration_role_arn]
  }
}

resource "aws_cloudformation_stack_set_instance" "scanner" {
  stack_set_name = aws_cloudformation_stack_set.scanner.name
  region         = var.stackset_region

  deployment_targets {
    organizational_unit_ids = var.organizational_unit_ids
  }
}
`;
  const outputs = `output "management_role_arn" {
  value = aws_iam_role.org_reader.arn
}

output "member_role_name" {
  value = ${hcl(input.memberRoleName)}
}

output "external_id" {
  value = local.external_id
}
`;
  return { "main.tf": main, "variables.tf": variables, "outputs.tf": outputs };
}

/** The role name at the end of a role ARN (for the templates of an existing connection). */
export function getRoleNameFromArn(roleArn: string): string {
  const name = roleArn.split("/").pop();
  if (!name || !roleArn.includes(":role/")) throw new Error(`not an IAM role ARN: ${roleArn}`);
  return name;
}
