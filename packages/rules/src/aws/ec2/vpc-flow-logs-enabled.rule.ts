import { defineRule, fail, pass } from "../../rule";
import { checkDataAvailable } from "../../lib/guard";
import { asString } from "../../lib/values";

export const ec2VpcFlowLogsEnabledRule = defineRule({
  id: "aws.ec2.vpc.flow-logs-enabled",
  title: "VPC flow logging is enabled",
  description: "Fails when no ACTIVE flow log (FlowLog.ResourceId = the VPC id) exists for a VPC.",
  rationale:
    "Flow logs are the network record investigators need to scope an incident (exfiltration, lateral movement, C2 beacons); they cannot be produced after the fact.",
  severity: "MEDIUM",
  service: "ec2",
  resourceTypes: ["AWS::EC2::VPC"],
  requires: [{ service: "ec2", resourceTypes: ["AWS::EC2::VPC", "AWS::EC2::FlowLog"] }],
  frameworks: [
    { framework: "CIS-AWS-3.0.0", controlId: "3.7" },
    { framework: "AWS-FSBP", controlId: "EC2.6" },
    { framework: "NIST-800-53-r5", controlId: "AC-4(26)" },
    { framework: "NIST-800-53-r5", controlId: "AU-12" },
    { framework: "NIST-800-53-r5", controlId: "AU-2" },
    { framework: "NIST-800-53-r5", controlId: "AU-3" },
    { framework: "NIST-800-53-r5", controlId: "AU-6(3)" },
    { framework: "NIST-800-53-r5", controlId: "AU-6(4)" },
    { framework: "NIST-800-53-r5", controlId: "CA-7" },
    { framework: "NIST-800-53-r5", controlId: "SI-7(8)" },
  ],
  remediation: {
    console: [
      "Open the VPC console → Your VPCs → select the VPC → Flow logs tab → Create flow log.",
      "Filter: Reject (or All), destination CloudWatch Logs or S3, and an IAM role allowed to deliver logs.",
    ],
    cli: "aws ec2 create-flow-logs --resource-type VPC --resource-ids <vpc-id> --traffic-type REJECT --log-destination-type s3 --log-destination arn:aws:s3:::<log-bucket>/vpc-flow-logs/",
    terraform:
      'resource "aws_flow_log" "vpc" {\n  vpc_id               = aws_vpc.main.id\n  traffic_type         = "REJECT"\n  log_destination_type = "s3"\n  log_destination      = aws_s3_bucket.logs.arn\n}',
    cloudformation:
      "FlowLog:\n  Type: AWS::EC2::FlowLog\n  Properties:\n    ResourceId: !Ref Vpc\n    ResourceType: VPC\n    TrafficType: REJECT\n    LogDestinationType: s3\n    LogDestination: !GetAtt LogBucket.Arn",
  },
  references: [
    "https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-6",
  ],
  evaluate(resource, ctx) {
    const vpcId = asString(resource.configuration.VpcId);
    const flowLogs = ctx
      .byType("AWS::EC2::FlowLog", { accountId: resource.accountId, region: resource.region })
      .filter((f) => f.configuration.ResourceId === vpcId);
    const active = flowLogs.filter((f) => (f.configuration.FlowLogStatus ?? "ACTIVE") === "ACTIVE");
    const evidence = {
      VpcId: vpcId,
      flowLogs: flowLogs.map((f) => ({
        FlowLogId: f.configuration.FlowLogId ?? null,
        FlowLogStatus: f.configuration.FlowLogStatus ?? null,
        TrafficType: f.configuration.TrafficType ?? null,
      })),
    };
    if (active.length > 0) return pass("VPC has an active flow log", evidence);
    const missing = checkDataAvailable(resource, ctx, { complete: [{ service: "ec2" }] });
    if (missing) return missing;
    return fail("VPC has no active flow log", evidence);
  },
});
