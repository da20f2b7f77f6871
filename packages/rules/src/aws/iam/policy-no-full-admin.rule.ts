import { defineRule, fail, notApplicable, pass, unable } from "../../rule";
import { checkDataAvailable } from "../../lib/guard";
import { readDefaultPolicyVersion } from "../../lib/iam-policies";
import { asString } from "../../lib/values";

export const iamPolicyNoFullAdminRule = defineRule({
  id: "aws.iam.policy.no-full-admin",
  title: "Customer managed policies do not grant full '*:*' administrative privileges",
  description:
    "Fails when the default version of a customer managed policy has an Allow statement with Action '*' (or '*:*') on Resource '*'. AWS managed policies are out of scope.",
  rationale: "Hand-written full-admin policies spread unrestricted power; grant the actions a job needs, and keep admin to a few audited roles.",
  severity: "HIGH",
  service: "iam",
  resourceTypes: ["AWS::IAM::Policy"],
  requires: [{ service: "iam", resourceTypes: ["AWS::IAM::Policy"] }],
  frameworks: [
    { framework: "CIS-AWS-3.0.0", controlId: "1.16" },
    { framework: "AWS-FSBP", controlId: "IAM.1" },
    { framework: "NIST-800-53-r5", controlId: "AC-2" },
    { framework: "NIST-800-53-r5", controlId: "AC-2(1)" },
    { framework: "NIST-800-53-r5", controlId: "AC-3" },
    { framework: "NIST-800-53-r5", controlId: "AC-3(15)" },
    { framework: "NIST-800-53-r5", controlId: "AC-3(7)" },
    { framework: "NIST-800-53-r5", controlId: "AC-5" },
    { framework: "NIST-800-53-r5", controlId: "AC-6" },
    { framework: "NIST-800-53-r5", controlId: "AC-6(10)" },
    { framework: "NIST-800-53-r5", controlId: "AC-6(2)" },
    { framework: "NIST-800-53-r5", controlId: "AC-6(3)" },
  ],
  remediation: {
    console: [
      "Open the IAM console → Policies → filter Customer managed → select the policy → Entities attached.",
      "Create a least-privilege version (Edit → JSON), set it as default, and delete the '*:*' version.",
    ],
    cli: "aws iam create-policy-version --policy-arn <policy-arn> --policy-document file://least-privilege.json --set-as-default\naws iam delete-policy-version --policy-arn <policy-arn> --version-id <old-version>",
    terraform: 'resource "aws_iam_policy" "app" {\n  name = "app"\n  policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "arn:aws:s3:::app-bucket/*" }]\n  })\n}',
    cloudformation: "AppPolicy:\n  Type: AWS::IAM::ManagedPolicy\n  Properties:\n    PolicyDocument:\n      Version: '2012-10-17'\n      Statement:\n        - Effect: Allow\n          Action: ['s3:GetObject']\n          Resource: arn:aws:s3:::app-bucket/*",
  },
  references: [
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html#iam-1",
  ],
  evaluate(resource, ctx) {
    const arn = asString(resource.configuration.Arn) ?? resource.resourceId;
    if (arn.startsWith("arn:aws:iam::aws:policy/")) return notApplicable("AWS managed policy", { Arn: arn });
    const missing = checkDataAvailable(resource, ctx, { operations: ["GetPolicyVersion"] });
    if (missing) return missing;
    const doc = readDefaultPolicyVersion(resource, ctx);
    if (!doc.ok) return unable(`Policy document unreadable: ${doc.error}`, { Arn: arn });
    const adminStatements = doc.policy.Statement.filter(
      (s) =>
        s.Effect === "Allow" &&
        (s.Action ?? []).some((a) => a === "*" || a === "*:*") &&
        (s.Resource ?? []).includes("*"),
    ).map((s) => ({ Sid: s.Sid ?? null, Action: s.Action, Resource: s.Resource, Condition: s.Condition ?? null }));
    const evidence = {
      Arn: arn,
      DefaultVersionId: doc.versionId,
      AttachmentCount: resource.configuration.AttachmentCount ?? null,
      fullAdminStatements: adminStatements,
    };
    return adminStatements.length > 0
      ? fail("Policy allows '*' on '*'", evidence)
      : pass("Policy does not grant full administrative privileges", evidence);
  },
});
