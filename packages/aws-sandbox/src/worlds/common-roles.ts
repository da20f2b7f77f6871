/** Roles that every generated world puts in its accounts: the scanner roles the product assumes. */
import type { TIamBuilder } from "./iam-builder";
import { buildAccountTrustPolicy, buildPolicyDocument } from "./policy-documents";

export const DEFAULT_MEMBER_ROLE_NAME = "GuardrailScanner";
export const DEFAULT_MANAGEMENT_ROLE_NAME = "GuardrailOrgReader";

export interface TScannerRoleOptions {
  vendorAccountId: string;
  externalId: string;
  memberRoleName: string;
  managementRoleName: string;
}

/** The member-account scanner role: vendor account + external ID, SecurityAudit + ViewOnlyAccess. */
export function addScannerRole(iam: TIamBuilder, options: TScannerRoleOptions): void {
  iam.addRole({
    name: options.memberRoleName,
    trustPolicy: buildAccountTrustPolicy({
      trustedAccountId: options.vendorAccountId,
      externalId: options.externalId,
    }),
    managedPolicies: ["SecurityAudit", "ViewOnlyAccess"],
    tags: [{ Key: "ManagedBy", Value: "guardrail" }],
    createdDaysAgo: 400,
    lastUsedDaysAgo: 1,
  });
}

/** The management-account role that reads the organization's structure and policies. */
export function addOrgReaderRole(iam: TIamBuilder, options: TScannerRoleOptions): void {
  iam.addRole({
    name: options.managementRoleName,
    trustPolicy: buildAccountTrustPolicy({
      trustedAccountId: options.vendorAccountId,
      externalId: options.externalId,
    }),
    managedPolicies: ["ViewOnlyAccess"],
    inlinePolicies: [
      {
        name: "OrganizationsReadOnly",
        document: buildPolicyDocument([
          {
            Effect: "Allow",
            Action: [
              "organizations:Describe*",
              "organizations:List*",
              "account:GetAlternateContact",
            ],
            Resource: "*",
          },
        ]),
      },
    ],
    tags: [{ Key: "ManagedBy", Value: "guardrail" }],
    createdDaysAgo: 400,
    lastUsedDaysAgo: 1,
  });
}
