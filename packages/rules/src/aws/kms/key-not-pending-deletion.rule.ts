import { defineRule, notApplicable } from "../../rule";
import { evaluateFields } from "../../lib/simple-rule";
import { asRecord } from "../../lib/values";

export const kmsKeyNotPendingDeletionRule = defineRule({
  id: "aws.kms.key.not-pending-deletion",
  title: "Customer managed KMS keys are not scheduled for deletion unintentionally",
  description: "Fails when a customer managed key has KeyState = PendingDeletion (data encrypted under it becomes unrecoverable once deleted).",
  rationale: "Deleting a key destroys every piece of data it encrypts; scheduled deletion is also a ransomware technique.",
  severity: "HIGH",
  service: "kms",
  resourceTypes: ["AWS::KMS::Key"],
  requires: [{ service: "kms", resourceTypes: ["AWS::KMS::Key"] }],
  frameworks: [
    { framework: "AWS-FSBP", controlId: "KMS.3" },
    { framework: "NIST-800-53-r5", controlId: "SC-12" },
    { framework: "NIST-800-53-r5", controlId: "SC-12(2)" },
  ],
  remediation: {
    console: ["Open the KMS console → Customer managed keys → the key → Key actions → Cancel key deletion, then re-enable the key if needed."],
    cli: "aws kms cancel-key-deletion --key-id <key-id>\naws kms enable-key --key-id <key-id>",
    terraform: 'resource "aws_kms_key" "this" {\n  description             = "app"\n  deletion_window_in_days = 30\n  lifecycle {\n    prevent_destroy = true\n  }\n}',
    cloudformation: "Key:\n  Type: AWS::KMS::Key\n  DeletionPolicy: Retain\n  UpdateReplacePolicy: Retain\n  Properties:\n    PendingWindowInDays: 30",
  },
  references: [
    "https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/kms-controls.html#kms-3",
  ],
  evaluate(resource, ctx) {
    const meta = asRecord(resource.configuration.KeyMetadata) ?? {};
    if (meta.KeyManager !== "CUSTOMER") return notApplicable("AWS managed key", { KeyManager: meta.KeyManager ?? null });
    return evaluateFields(resource, ctx, {
      evidence: { KeyId: meta.KeyId ?? null, KeyState: meta.KeyState ?? null, DeletionDate: meta.DeletionDate ?? null },
      ok: meta.KeyState !== "PendingDeletion",
      passMessage: "Key is not scheduled for deletion",
      failMessage: "Key is scheduled for deletion",
    });
  },
});
