import { getRoleNameFromArn, renderManagementRoleTemplate, renderMemberStackSetTemplate, renderTerraformModule } from "@guardrail/core";

export interface TTemplateFile {
  file: string;
  title: string;
  content: string;
}

/** The onboarding files of one connection, by download name. */
export function listTemplateFiles(
  connection: { externalId: string; managementRoleArn: string; memberRoleName: string },
  vendorPrincipalArn: string,
): TTemplateFile[] {
  const input = {
    vendorPrincipalArn,
    externalId: connection.externalId,
    managementRoleName: getRoleNameFromArn(connection.managementRoleArn),
    memberRoleName: connection.memberRoleName,
  };
  const terraform = renderTerraformModule(input);
  return [
    { file: "guardrail-management-role.cfn.json", title: "CloudFormation: management-account role", content: renderManagementRoleTemplate(input) },
    { file: "guardrail-member-role-stackset.cfn.json", title: "CloudFormation StackSet (service-managed): member scanner role", content: renderMemberStackSetTemplate(input) },
    ...Object.entries(terraform).map(([name, content]) => ({ file: `terraform-${name}`, title: `Terraform module: ${name}`, content })),
  ];
}
