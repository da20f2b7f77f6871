import { defineRule } from "../../rule";
import { evaluateOpenPorts } from "../../lib/open-port-rule";

export const ec2SecurityGroupNoPublicAllPortsRule = defineRule({
  id: "aws.ec2.security-group.no-public-all-ports",
  title: "Security groups do not allow all traffic from 0.0.0.0/0 or ::/0",
  description:
    "Fails when an inbound rule allows all protocols (-1) or the whole TCP/UDP port range 0–65535 from 0.0.0.0/0 or ::/0.",
  rationale:
    "An all-ports rule exposes every service on every attached interface, including ones added later that nobody reviewed.",
  severity: "CRITICAL",
  service: "ec2",
  resourceTypes: ["AWS::EC2::SecurityGroup"],
  requires: [{ service: "ec2", resourceTypes: ["AWS::EC2::SecurityGroup"] }],
  frameworks: [
    { framework: "CIS-AWS-3.0.0", controlId: "5.2" },
    { framework: "CIS-AWS-3.0.0", controlId: "5.3" },
    { framework: "AWS-FSBP", controlId: "EC2.18" },
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
      "Open the VPC console → Security groups → select the group → Inbound rules → Edit inbound rules.",
      "Delete the 'All traffic' (or 0–65535) rule with source 0.0.0.0/0 or ::/0; add rules for the specific ports the workload serves.",
    ],
    cli: "aws ec2 revoke-security-group-ingress --group-id <sg-id> --ip-permissions 'IpProtocol=-1,IpRanges=[{CidrIp=0.0.0.0/0}]'\naws ec2 revoke-security-group-ingress --group-id <sg-id> --ip-permissions 'IpProtocol=-1,Ipv6Ranges=[{CidrIpv6=::/0}]'",
    terraform:
      'resource "aws_vpc_security_group_ingress_rule" "https" {\n  security_group_id = aws_security_group.this.id\n  ip_protocol       = "tcp"\n  from_port         = 443\n  to_port           = 443\n  cidr_ipv4         = "0.0.0.0/0" # only the port the service needs\n}',
    cloudformation:
      "SecurityGroup:\n  Type: AWS::EC2::SecurityGroup\n  Properties:\n    GroupDescription: web\n    VpcId: !Ref Vpc\n    SecurityGroupIngress:\n      - IpProtocol: tcp\n        FromPort: 443\n        ToPort: 443\n        CidrIp: 0.0.0.0/0",
  },
  references: [
    "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-18",
  ],
  evaluate: (resource, ctx) => evaluateOpenPorts(resource, ctx, "all", "all traffic"),
});
