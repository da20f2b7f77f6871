import { defineRule } from "../../rule";
import { evaluatePublicResourcePolicy } from "../../lib/resource-policy";
import { asRecord } from "../../lib/values";

export const snsTopicNotPublicRule = defineRule({
  id: "aws.sns.topic.not-public",
  title: "SNS topic policies do not allow public access",
  description:
    "Fails when the topic's access policy (Attributes.Policy) allows Principal '*' without a restricting condition (aws:SourceOwner, aws:SourceArn, aws:PrincipalOrgID…). CIS v3.0.0 has no topic control and the FSBP control id could not be verified, so no framework mapping is claimed.",
  rationale: "A public topic lets anyone publish to your subscribers or subscribe an endpoint of theirs to your messages.",
  severity: "HIGH",
  service: "sns",
  resourceTypes: ["AWS::SNS::Topic"],
  requires: [{ service: "sns", resourceTypes: ["AWS::SNS::Topic"] }],
  frameworks: [],
  remediation: {
    console: ["Open the SNS console → the topic → Edit → Access policy; replace Principal '*' or add an aws:SourceOwner / aws:PrincipalOrgID condition → Save."],
    cli: "aws sns set-topic-attributes --topic-arn <topic-arn> --attribute-name Policy --attribute-value file://restricted-policy.json",
    terraform: 'resource "aws_sns_topic_policy" "this" {\n  arn = aws_sns_topic.this.arn\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Allow"\n      Principal = { AWS = "*" }\n      Action    = ["sns:Publish"]\n      Resource  = aws_sns_topic.this.arn\n      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-exampleorgid" } }\n    }]\n  })\n}',
    cloudformation: "TopicPolicy:\n  Type: AWS::SNS::TopicPolicy\n  Properties:\n    Topics: [!Ref Topic]\n    PolicyDocument:\n      Version: '2012-10-17'\n      Statement:\n        - Effect: Allow\n          Principal: { AWS: '*' }\n          Action: sns:Publish\n          Resource: !Ref Topic\n          Condition:\n            StringEquals:\n              aws:PrincipalOrgID: o-exampleorgid",
  },
  references: ["https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html"],
  evaluate: (resource, ctx) =>
    evaluatePublicResourcePolicy(resource, ctx, {
      policy: asRecord(resource.configuration.Attributes)?.Policy,
      operation: "GetTopicAttributes",
      field: "Attributes.Policy",
      noun: "Topic",
    }),
});
