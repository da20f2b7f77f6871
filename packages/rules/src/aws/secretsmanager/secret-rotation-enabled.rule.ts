import { defineRule } from "../../rule";
import { evaluateFields } from "../../lib/simple-rule";
import { asRecord } from "../../lib/values";

export const secretsmanagerSecretRotationEnabledRule = defineRule({
  id: "aws.secretsmanager.secret.rotation-enabled",
  title: "Secrets Manager secrets have automatic rotation enabled",
  description: "Fails when the secret's RotationEnabled (ListSecrets) is not true. Secrets scheduled for deletion are not listed, hence not evaluated.",
  rationale: "A secret that never rotates stays valid for as long as it exists: a leaked copy (a log, a laptop, a former employee) keeps working.",
  severity: "MEDIUM",
  service: "secretsmanager",
  resourceTypes: ["AWS::SecretsManager::Secret"],
  requires: [{ service: "secretsmanager", resourceTypes: ["AWS::SecretsManager::Secret"] }],
  frameworks: [
    { framework: "AWS-FSBP", controlId: "SecretsManager.1" },
    { framework: "NIST-800-53-r5", controlId: "AC-2(1)" },
    { framework: "NIST-800-53-r5", controlId: "AC-3(15)" },
    { framework: "PCI-DSS-4.0", controlId: "8.6.3" },
    { framework: "PCI-DSS-4.0", controlId: "8.3.9" },
  ],
  remediation: {
    console: ["Open the Secrets Manager console → the secret → Rotation → Edit rotation; turn on automatic rotation, choose a schedule and a rotation function."],
    cli: "aws secretsmanager rotate-secret --secret-id <secret-arn> --rotation-lambda-arn <rotation-function-arn> --rotation-rules AutomaticallyAfterDays=30",
    terraform: 'resource "aws_secretsmanager_secret_rotation" "this" {\n  secret_id           = aws_secretsmanager_secret.this.id\n  rotation_lambda_arn = aws_lambda_function.rotation.arn\n  rotation_rules {\n    automatically_after_days = 30\n  }\n}',
    cloudformation: "SecretRotation:\n  Type: AWS::SecretsManager::RotationSchedule\n  Properties:\n    SecretId: !Ref Secret\n    RotationLambdaARN: !GetAtt RotationFunction.Arn\n    RotationRules:\n      AutomaticallyAfterDays: 30",
  },
  references: [
    "https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/secretsmanager-controls.html#secretsmanager-1",
  ],
  evaluate(resource, ctx) {
    const config = resource.configuration;
    return evaluateFields(resource, ctx, {
      evidence: {
        Name: config.Name ?? null,
        RotationEnabled: config.RotationEnabled ?? false,
        RotationRules: asRecord(config.RotationRules) ?? null,
        LastRotatedDate: config.LastRotatedDate ?? null,
      },
      ok: config.RotationEnabled === true,
      passMessage: "Automatic rotation is enabled",
      failMessage: "Automatic rotation is not enabled",
    });
  },
});
