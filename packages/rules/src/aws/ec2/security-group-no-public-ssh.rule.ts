import { defineRule } from "../../rule";
import {
  evaluateOpenPorts,
  restrictedIngressCloudFormation,
  restrictedIngressTerraform,
  REVOKE_CLI,
} from "../../lib/open-port-rule";

export const ec2SecurityGroupNoPublicSshRule = defineRule({
  id: "aws.ec2.security-group.no-public-ssh",
  title: "Security groups do not allow SSH (22) from 0.0.0.0/0 or ::/0",
  description: "Fails when an inbound rule opens TCP port 22 (directly, by range or all traffic) to 0.0.0.0/0 or ::/0.",
  rationale:
    "SSH exposed to the internet is scanned within minutes and brute-forced continuously; use Session Manager, EC2 Instance Connect Endpoint or a known network instead.",
  severity: "HIGH",
  service: "ec2",
  resourceTypes: ["AWS::EC2::SecurityGroup"],
  requires: [{ service: "ec2", resourceTypes: ["AWS::EC2::SecurityGroup"] }],
  frameworks: [
    { framework: "CIS-AWS-3.0.0", controlId: "5.2" },
    { framework: "CIS-AWS-3.0.0", controlId: "5.3" },
    { framework: "AWS-FSBP", controlId: "EC2.13" },
    { framework: "NIST-800-53-r5", controlId: "AC-4" },
    { framework: "NIST-800-53-r5", controlId: "AC-4(21)" },
    { framework: "NIST-800-53-r5", controlId: "CM-7" },
    { framework: "NIST-800-53-r5", controlId: "SC-7" },
    { framework: "NIST-800-53-r5", controlId: "SC-7(11)" },
    { framework: "NIST-800-53-r5", controlId: "SC-7(16)" },
    { framework: "NIST-800-53-r5", controlId: "SC-7(21)" },
    { framework: "NIST-800-53-r5", controlId: "SC-7(4)" },
    { framework: "NIST-800-53-r5", controlId: "SC-7(5)" },
    { framework: "PCI-DSS-4.0", controlId: "1.3.1" },
  ],
  remediation: {
    console: [
      "Open the VPC console → Security groups → select the group → Inbound rules → Edit inbound rules.",
      "Delete the rule for port 22 with source 0.0.0.0/0 or ::/0, or narrow its source to a known CIDR.",
    ],
    cli: REVOKE_CLI.replaceAll("<port>", "22"),
    terraform: restrictedIngressTerraform(22),
    cloudformation: restrictedIngressCloudFormation(22),
  },
  references: [
    "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-13",
  ],
  evaluate: (resource, ctx) => evaluateOpenPorts(resource, ctx, [22], "SSH (22)"),
});
