import { defineRule } from "../../rule";
import { evaluatePublicResourcePolicy } from "../../lib/resource-policy";

export const secretsmanagerSecretNotPublicRule = defineRule({
  id: "aws.secretsmanager.secret.not-public",
  title: "Secrets Manager secret resource policies do not allow public access",
  description:
    "Fails when the secret's resource policy (GetResourcePolicy) allows Principal '*' without a condition restricting it to known accounts, an organization, or a source. A grant to a named other account is not public (the access graph shows who can read it). Neither CIS v3.0.0 nor FSBP has a control for this that could be verified, so no framework mapping is claimed.",
  rationale: "A public secret policy lets any AWS principal call GetSecretValue: the credentials inside are one API call away from anyone (unless a customer managed key's policy still stops them).",
  severity: "CRITICAL",
  service: "secretsmanager",
  resourceTypes: ["AWS::SecretsManager::Secret"],
  requires: [{ service: "secretsmanager", resourceTypes: ["AWS::SecretsManager::Secret"] }],
  frameworks: [],
  remediation: {
    console: ["Open the Secrets Manager console → the secret → Overview → Resource permissions → Edit permissions; replace Principal '*' with specific principals or add an aws:PrincipalOrgID condition."],
    cli: "aws secretsmanager delete-resource-policy --secret-id <secret-arn>\naws secretsmanager put-resource-policy --secret-id <secret-arn> --resource-policy file://restricted-policy.json --block-public-policy",
    terraform: 'resource "aws_secretsmanager_secret_policy" "this" {\n  secret_arn          = aws_secretsmanager_secret.this.arn\n  block_public_policy = true\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Allow"\n      Principal = { AWS = aws_iam_role.app.arn }\n      Action    = "secretsmanager:GetSecretValue"\n      Resource  = "*"\n    }]\n  })\n}',
    cloudformation: "SecretPolicy:\n  Type: AWS::SecretsManager::ResourcePolicy\n  Properties:\n    SecretId: !Ref Secret\n    BlockPublicPolicy: true\n    ResourcePolicy:\n      Version: '2012-10-17'\n      Statement:\n        - Effect: Allow\n          Principal: { AWS: !GetAtt AppRole.Arn }\n          Action: secretsmanager:GetSecretValue\n          Resource: '*'",
  },
  references: [
    "https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_resource-policies.html",
    "https://docs.aws.amazon.com/secretsmanager/latest/userguide/determine-acccess_examine-iam-policies.html",
  ],
  evaluate: (resource, ctx) =>
    evaluatePublicResourcePolicy(resource, ctx, {
      policy: resource.configuration.ResourcePolicy,
      operation: "GetResourcePolicy",
      field: "ResourcePolicy",
      noun: "Secret",
    }),
});
