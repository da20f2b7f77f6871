import { defineRule, fail, notApplicable, pass } from "../../rule";
import { checkDataAvailable } from "../../lib/guard";
import { asArray, asString } from "../../lib/values";

export const ec2SecurityGroupDefaultRestrictsAllRule = defineRule({
  id: "aws.ec2.security-group.default-restricts-all",
  title: "Default security groups allow no inbound or outbound traffic",
  description: "Fails when a VPC's default security group has any inbound or outbound rule.",
  rationale:
    "Resources launched without an explicit security group land in the default one; keeping it empty forces deliberate, reviewed rules.",
  severity: "MEDIUM",
  service: "ec2",
  resourceTypes: ["AWS::EC2::SecurityGroup"],
  requires: [{ service: "ec2", resourceTypes: ["AWS::EC2::SecurityGroup"] }],
  frameworks: [
    { framework: "CIS-AWS-3.0.0", controlId: "5.4" },
    { framework: "AWS-FSBP", controlId: "EC2.2" },
    { framework: "NIST-800-53-r5", controlId: "AC-4" },
    { framework: "NIST-800-53-r5", controlId: "AC-4(21)" },
    { framework: "NIST-800-53-r5", controlId: "SC-7" },
    { framework: "NIST-800-53-r5", controlId: "SC-7(11)" },
    { framework: "NIST-800-53-r5", controlId: "SC-7(16)" },
    { framework: "NIST-800-53-r5", controlId: "SC-7(21)" },
    { framework: "NIST-800-53-r5", controlId: "SC-7(4)" },
    { framework: "NIST-800-53-r5", controlId: "SC-7(5)" },
  ],
  remediation: {
    console: [
      "Open the VPC console → Security groups → the group named 'default' of each VPC.",
      "Delete every inbound and outbound rule; move resources that relied on it to purpose-made groups.",
    ],
    cli: "aws ec2 revoke-security-group-ingress --group-id <default-sg-id> --ip-permissions \"$(aws ec2 describe-security-groups --group-ids <default-sg-id> --query 'SecurityGroups[0].IpPermissions')\"\naws ec2 revoke-security-group-egress --group-id <default-sg-id> --ip-permissions \"$(aws ec2 describe-security-groups --group-ids <default-sg-id> --query 'SecurityGroups[0].IpPermissionsEgress')\"",
    terraform:
      'resource "aws_default_security_group" "default" {\n  vpc_id = aws_vpc.main.id\n  # no ingress or egress blocks: Terraform removes every rule\n}',
    cloudformation:
      "# CloudFormation cannot manage the default security group's rules; remove them once with the CLI above\n# and launch resources with explicit groups:\nSecurityGroup:\n  Type: AWS::EC2::SecurityGroup\n  Properties:\n    GroupDescription: app\n    VpcId: !Ref Vpc",
  },
  references: [
    "https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-2",
  ],
  evaluate(resource, ctx) {
    const groupName = asString(resource.configuration.GroupName);
    if (groupName !== "default") return notApplicable("Not a default security group", { GroupName: groupName });
    const missing = checkDataAvailable(resource, ctx);
    if (missing) return missing;
    const inbound = asArray(resource.configuration.IpPermissions).length;
    const outbound = asArray(resource.configuration.IpPermissionsEgress).length;
    const evidence = {
      GroupId: resource.configuration.GroupId ?? null,
      VpcId: resource.configuration.VpcId ?? null,
      "IpPermissions.length": inbound,
      "IpPermissionsEgress.length": outbound,
    };
    return inbound + outbound === 0
      ? pass("Default security group has no rules", evidence)
      : fail("Default security group allows traffic", evidence);
  },
});
