import { defineRule, fail, pass } from "../../rule";
import { checkDataAvailable } from "../../lib/guard";
import { asRecord } from "../../lib/values";

export const sqsQueueEncryptedRule = defineRule({
  id: "aws.sqs.queue.encrypted",
  title: "SQS queues are encrypted at rest",
  description: "Fails when a queue has neither KmsMasterKeyId nor SqsManagedSseEnabled = true.",
  rationale: "Messages often carry personal or business data; encryption at rest protects them in storage and backups.",
  severity: "MEDIUM",
  service: "sqs",
  resourceTypes: ["AWS::SQS::Queue"],
  requires: [{ service: "sqs", resourceTypes: ["AWS::SQS::Queue"] }],
  frameworks: [
    { framework: "AWS-FSBP", controlId: "SQS.1" },
    { framework: "NIST-800-53-r5", controlId: "CA-9(1)" },
    { framework: "NIST-800-53-r5", controlId: "CM-3(6)" },
    { framework: "NIST-800-53-r5", controlId: "SC-13" },
    { framework: "NIST-800-53-r5", controlId: "SC-28" },
    { framework: "NIST-800-53-r5", controlId: "SC-28(1)" },
    { framework: "NIST-800-53-r5", controlId: "SC-7(10)" },
    { framework: "NIST-800-53-r5", controlId: "SI-7(6)" },
  ],
  remediation: {
    console: ["Open the SQS console → the queue → Edit → Encryption → Server-side encryption Enabled (SSE-SQS or SSE-KMS) → Save."],
    cli: "aws sqs set-queue-attributes --queue-url <queue-url> --attributes SqsManagedSseEnabled=true",
    terraform: 'resource "aws_sqs_queue" "this" {\n  name                    = "events"\n  sqs_managed_sse_enabled = true\n}',
    cloudformation: "Queue:\n  Type: AWS::SQS::Queue\n  Properties:\n    SqsManagedSseEnabled: true",
  },
  references: [
    "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/sqs-controls.html#sqs-1",
  ],
  evaluate(resource, ctx) {
    const missing = checkDataAvailable(resource, ctx, { operations: ["GetQueueAttributes"] });
    if (missing) return missing;
    const attrs = asRecord(resource.configuration.Attributes) ?? {};
    const evidence = {
      "Attributes.KmsMasterKeyId": attrs.KmsMasterKeyId ?? null,
      "Attributes.SqsManagedSseEnabled": attrs.SqsManagedSseEnabled ?? null,
    };
    const encrypted = Boolean(attrs.KmsMasterKeyId) || attrs.SqsManagedSseEnabled === true || attrs.SqsManagedSseEnabled === "true";
    return encrypted ? pass("Queue is encrypted at rest", evidence) : fail("Queue is not encrypted at rest", evidence);
  },
});
