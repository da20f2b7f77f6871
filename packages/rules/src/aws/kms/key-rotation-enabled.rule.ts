import { defineRule, notApplicable } from "../../rule";
import { evaluateFields } from "../../lib/simple-rule";
import { asRecord } from "../../lib/values";

export const kmsKeyRotationEnabledRule = defineRule({
  id: "aws.kms.key.rotation-enabled",
  title: "Customer managed symmetric KMS keys have rotation enabled",
  description: "Applies to enabled, customer managed (KeyManager = CUSTOMER) SYMMETRIC_DEFAULT keys with AWS_KMS origin; fails when KeyRotationEnabled is false.",
  rationale: "Rotation limits how much data one key version protects and is required by most cryptographic policies.",
  severity: "MEDIUM",
  service: "kms",
  resourceTypes: ["AWS::KMS::Key"],
  requires: [{ service: "kms", resourceTypes: ["AWS::KMS::Key"] }],
  frameworks: [
    { framework: "CIS-AWS-3.0.0", controlId: "3.6" },
    { framework: "AWS-FSBP", controlId: "KMS.4" },
    { framework: "NIST-800-53-r5", controlId: "SC-12" },
    { framework: "NIST-800-53-r5", controlId: "SC-12(2)" },
    { framework: "NIST-800-53-r5", controlId: "SC-28(3)" },
  ],
  remediation: {
    console: ["Open the KMS console → Customer managed keys → the key → Key rotation → tick Automatically rotate this KMS key every year → Save."],
    cli: "aws kms enable-key-rotation --key-id <key-id>",
    terraform: 'resource "aws_kms_key" "this" {\n  description         = "app"\n  enable_key_rotation = true\n}',
    cloudformation: "Key:\n  Type: AWS::KMS::Key\n  Properties:\n    EnableKeyRotation: true\n    KeyPolicy: { Version: '2012-10-17', Statement: [{ Effect: Allow, Principal: { AWS: !Sub 'arn:aws:iam::${AWS::AccountId}:root' }, Action: 'kms:*', Resource: '*' }] }",
  },
  references: [
    "https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/kms-controls.html#kms-4",
  ],
  evaluate(resource, ctx) {
    const meta = asRecord(resource.configuration.KeyMetadata) ?? {};
    const scope = { KeyManager: meta.KeyManager ?? null, KeySpec: meta.KeySpec ?? meta.CustomerMasterKeySpec ?? null, KeyState: meta.KeyState ?? null, Origin: meta.Origin ?? null };
    if (scope.KeyManager !== "CUSTOMER" || scope.KeySpec !== "SYMMETRIC_DEFAULT" || scope.KeyState !== "Enabled" || (scope.Origin !== null && scope.Origin !== "AWS_KMS")) {
      return notApplicable("Only enabled customer managed symmetric keys can rotate automatically", scope);
    }
    return evaluateFields(resource, ctx, {
      operations: ["GetKeyRotationStatus"],
      evidence: { KeyId: meta.KeyId ?? null, KeyRotationEnabled: resource.configuration.KeyRotationEnabled ?? null },
      ok: resource.configuration.KeyRotationEnabled === true,
      passMessage: "Automatic key rotation is enabled",
      failMessage: "Automatic key rotation is disabled",
    });
  },
});
