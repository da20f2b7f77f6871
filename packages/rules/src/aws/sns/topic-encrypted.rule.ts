import { defineRule, fail, pass } from "../../rule";
import { checkDataAvailable } from "../../lib/guard";
import { asRecord } from "../../lib/values";

export const snsTopicEncryptedRule = defineRule({
  id: "aws.sns.topic.encrypted",
  title: "SNS topics are encrypted at rest with AWS KMS",
  description: "Fails when a topic has no Attributes.KmsMasterKeyId.",
  rationale: "Encrypting topics keeps message payloads protected at rest and lets key policies control who can publish.",
  severity: "MEDIUM",
  service: "sns",
  resourceTypes: ["AWS::SNS::Topic"],
  requires: [{ service: "sns", resourceTypes: ["AWS::SNS::Topic"] }],
  frameworks: [
    { framework: "AWS-FSBP", controlId: "SNS.1" },
    { framework: "NIST-800-53-r5", controlId: "CA-9(1)" },
    { framework: "NIST-800-53-r5", controlId: "CM-3(6)" },
    { framework: "NIST-800-53-r5", controlId: "SC-13" },
    { framework: "NIST-800-53-r5", controlId: "SC-28" },
    { framework: "NIST-800-53-r5", controlId: "SC-28(1)" },
    { framework: "NIST-800-53-r5", controlId: "SC-7(10)" },
    { framework: "NIST-800-53-r5", controlId: "SI-7(6)" },
  ],
  remediation: {
    console: ["Open the SNS console → the topic → Edit → Encryption → Enable encryption, choose a KMS key → Save."],
    cli: "aws sns set-topic-attributes --topic-arn <topic-arn> --attribute-name KmsMasterKeyId --attribute-value alias/aws/sns",
    terraform: 'resource "aws_sns_topic" "this" {\n  name              = "events"\n  kms_master_key_id = "alias/aws/sns"\n}',
    cloudformation: "Topic:\n  Type: AWS::SNS::Topic\n  Properties:\n    KmsMasterKeyId: alias/aws/sns",
  },
  references: [
    "https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/sns-controls.html#sns-1",
  ],
  evaluate(resource, ctx) {
    const missing = checkDataAvailable(resource, ctx, { operations: ["GetTopicAttributes"] });
    if (missing) return missing;
    const key = asRecord(resource.configuration.Attributes)?.KmsMasterKeyId ?? null;
    const evidence = { "Attributes.KmsMasterKeyId": key };
    return key ? pass("Topic is encrypted with KMS", evidence) : fail("Topic is not encrypted at rest", evidence);
  },
});
