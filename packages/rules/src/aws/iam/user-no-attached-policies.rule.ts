import { defineRule, fail, pass } from "../../rule";
import { checkDataAvailable } from "../../lib/guard";
import { asRecords } from "../../lib/values";

export const iamUserNoAttachedPoliciesRule = defineRule({
  id: "aws.iam.user.no-attached-policies",
  title: "IAM users receive permissions only through groups",
  description: "Fails when a user has inline policies (UserPolicyList) or directly attached managed policies (AttachedManagedPolicies).",
  rationale: "Per-user grants are invisible in group reviews and accumulate; groups (or roles) keep permissions reviewable.",
  severity: "LOW",
  service: "iam",
  resourceTypes: ["AWS::IAM::User"],
  requires: [{ service: "iam", resourceTypes: ["AWS::IAM::User"] }],
  frameworks: [
    { framework: "CIS-AWS-3.0.0", controlId: "1.15" },
    { framework: "AWS-FSBP", controlId: "IAM.2" },
    { framework: "NIST-800-53-r5", controlId: "AC-2" },
    { framework: "NIST-800-53-r5", controlId: "AC-2(1)" },
    { framework: "NIST-800-53-r5", controlId: "AC-3" },
    { framework: "NIST-800-53-r5", controlId: "AC-3(15)" },
    { framework: "NIST-800-53-r5", controlId: "AC-3(7)" },
    { framework: "NIST-800-53-r5", controlId: "AC-6" },
    { framework: "NIST-800-53-r5", controlId: "AC-6(3)" },
  ],
  remediation: {
    console: [
      "Open the IAM console → User groups → create or pick a group with the needed policies and add the user.",
      "Users → select the user → Permissions → remove the directly attached and inline policies.",
    ],
    cli: "aws iam add-user-to-group --user-name <user> --group-name <group>\naws iam detach-user-policy --user-name <user> --policy-arn <policy-arn>\naws iam delete-user-policy --user-name <user> --policy-name <inline-policy>",
    terraform: 'resource "aws_iam_group_policy_attachment" "dev" {\n  group      = aws_iam_group.developers.name\n  policy_arn = aws_iam_policy.dev.arn\n}\nresource "aws_iam_user_group_membership" "alice" {\n  user   = "alice"\n  groups = [aws_iam_group.developers.name]\n}',
    cloudformation: "Developers:\n  Type: AWS::IAM::Group\n  Properties:\n    ManagedPolicyArns: [!Ref DevPolicy]\nAlice:\n  Type: AWS::IAM::User\n  Properties:\n    Groups: [!Ref Developers]",
  },
  references: [
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups_manage_attach-policy.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-2",
  ],
  evaluate(resource, ctx) {
    const missing = checkDataAvailable(resource, ctx);
    if (missing) return missing;
    const inline = asRecords(resource.configuration.UserPolicyList).map((p) => p.PolicyName);
    const attached = asRecords(resource.configuration.AttachedManagedPolicies).map((p) => p.PolicyArn);
    const evidence = { "UserPolicyList[].PolicyName": inline, "AttachedManagedPolicies[].PolicyArn": attached };
    return inline.length + attached.length > 0
      ? fail("User has policies attached directly", evidence)
      : pass("User receives permissions only through groups", evidence);
  },
});
