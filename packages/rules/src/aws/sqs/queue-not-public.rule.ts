import { defineRule } from "../../rule";
import { evaluatePublicResourcePolicy } from "../../lib/resource-policy";
import { asRecord } from "../../lib/values";

export const sqsQueueNotPublicRule = defineRule({
  id: "aws.sqs.queue.not-public",
  title: "SQS queue policies do not allow public access",
  description:
    "Fails when the queue's access policy (Attributes.Policy) allows Principal '*' without a condition restricting it to known accounts, an organization, or a source ARN/account. CIS v3.0.0 has no queue control and the FSBP control id could not be verified, so no framework mapping is claimed.",
  rationale: "A public queue lets anyone inject messages into (or read them from) the systems that consume it.",
  severity: "HIGH",
  service: "sqs",
  resourceTypes: ["AWS::SQS::Queue"],
  requires: [{ service: "sqs", resourceTypes: ["AWS::SQS::Queue"] }],
  frameworks: [],
  remediation: {
    console: ["Open the SQS console → the queue → Access policy → Edit; replace Principal '*' with specific accounts or add an aws:SourceArn / aws:PrincipalOrgID condition."],
    cli: "aws sqs set-queue-attributes --queue-url <queue-url> --attributes file://restricted-policy-attributes.json",
    terraform: 'resource "aws_sqs_queue_policy" "this" {\n  queue_url = aws_sqs_queue.this.id\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Allow"\n      Principal = { Service = "sns.amazonaws.com" }\n      Action    = "sqs:SendMessage"\n      Resource  = aws_sqs_queue.this.arn\n      Condition = { ArnEquals = { "aws:SourceArn" = aws_sns_topic.events.arn } }\n    }]\n  })\n}',
    cloudformation: "QueuePolicy:\n  Type: AWS::SQS::QueuePolicy\n  Properties:\n    Queues: [!Ref Queue]\n    PolicyDocument:\n      Version: '2012-10-17'\n      Statement:\n        - Effect: Allow\n          Principal: { Service: sns.amazonaws.com }\n          Action: sqs:SendMessage\n          Resource: !GetAtt Queue.Arn\n          Condition:\n            ArnEquals:\n              aws:SourceArn: !Ref Topic",
  },
  references: ["https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-basic-examples-of-sqs-policies.html"],
  evaluate: (resource, ctx) =>
    evaluatePublicResourcePolicy(resource, ctx, {
      policy: asRecord(resource.configuration.Attributes)?.Policy,
      operation: "GetQueueAttributes",
      field: "Attributes.Policy",
      noun: "Queue",
    }),
});
