import { defineRule, fail, pass } from "../../rule";
import { checkDataAvailable } from "../../lib/guard";
import { asRecords } from "../../lib/values";

export const AWS_SUPPORT_ACCESS_ARN = "arn:aws:iam::aws:policy/AWSSupportAccess";

export const iamAccountSupportRoleRule = defineRule({
  id: "aws.iam.account.support-role",
  title: "A support role exists to manage incidents with AWS Support",
  description: "Fails when no IAM role in the account has the AWS managed policy AWSSupportAccess attached.",
  rationale: "A dedicated least-privilege support role lets responders open and manage AWS Support cases without broad access.",
  severity: "LOW",
  service: "iam",
  resourceTypes: ["AWS::IAM::AccountSettings"],
  requires: [{ service: "iam", resourceTypes: ["AWS::IAM::AccountSettings", "AWS::IAM::Role"] }],
  frameworks: [
    { framework: "CIS-AWS-3.0.0", controlId: "1.17" },
    { framework: "AWS-FSBP", controlId: "IAM.18" },
    { framework: "PCI-DSS-4.0", controlId: "12.10.3" },
  ],
  remediation: {
    console: [
      "Open the IAM console → Roles → Create role → AWS account (this account or the incident-response account).",
      "Attach AWSSupportAccess, name it e.g. aws-support, and create it.",
    ],
    cli: "aws iam create-role --role-name aws-support --assume-role-policy-document file://trust.json\naws iam attach-role-policy --role-name aws-support --policy-arn arn:aws:iam::aws:policy/AWSSupportAccess",
    terraform: 'resource "aws_iam_role" "support" {\n  name               = "aws-support"\n  assume_role_policy = data.aws_iam_policy_document.trust_account.json\n}\nresource "aws_iam_role_policy_attachment" "support" {\n  role       = aws_iam_role.support.name\n  policy_arn = "arn:aws:iam::aws:policy/AWSSupportAccess"\n}',
    cloudformation: "SupportRole:\n  Type: AWS::IAM::Role\n  Properties:\n    RoleName: aws-support\n    AssumeRolePolicyDocument:\n      Version: '2012-10-17'\n      Statement:\n        - Effect: Allow\n          Principal: { AWS: !Sub 'arn:aws:iam::${AWS::AccountId}:root' }\n          Action: sts:AssumeRole\n    ManagedPolicyArns: [arn:aws:iam::aws:policy/AWSSupportAccess]",
  },
  references: [
    "https://docs.aws.amazon.com/awssupport/latest/user/accessing-support.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-18",
  ],
  evaluate(resource, ctx) {
    const roles = ctx
      .byType("AWS::IAM::Role", { accountId: resource.accountId })
      .filter((r) => asRecords(r.configuration.AttachedManagedPolicies).some((p) => p.PolicyArn === AWS_SUPPORT_ACCESS_ARN));
    const evidence = { policyArn: AWS_SUPPORT_ACCESS_ARN, rolesWithPolicy: roles.map((r) => r.resourceId) };
    if (roles.length > 0) return pass("A role with AWSSupportAccess exists", evidence);
    const missing = checkDataAvailable(resource, ctx, { complete: [{ service: "iam", region: "global" }] });
    if (missing) return missing;
    return fail("No role has AWSSupportAccess attached", evidence);
  },
});
