import { defineRule } from "../../rule";
import {
  evaluateOpenPorts,
  restrictedIngressCloudFormation,
  restrictedIngressTerraform,
  REVOKE_CLI,
} from "../../lib/open-port-rule";

export const ec2SecurityGroupNoPublicRdpRule = defineRule({
  id: "aws.ec2.security-group.no-public-rdp",
  title: "Security groups do not allow RDP (3389) from 0.0.0.0/0 or ::/0",
  description: "Fails when an inbound rule opens TCP port 3389 (directly, by range or all traffic) to 0.0.0.0/0 or ::/0.",
  rationale:
    "Internet-exposed RDP is a leading initial-access vector for ransomware; reach Windows hosts through Fleet Manager, a bastion or a VPN.",
  severity: "HIGH",
  service: "ec2",
  resourceTypes: ["AWS::EC2::SecurityGroup"],
  requires: [{ service: "ec2", resourceTypes: ["AWS::EC2::SecurityGroup"] }],
  frameworks: [
    { framework: "CIS-AWS-3.0.0", controlId: "5.2" },
    { framework: "CIS-AWS-3.0.0", controlId: "5.3" },
    { framework: "AWS-FSBP", controlId: "EC2.14" },
    { framework: "PCI-DSS-4.0", controlId: "1.3.1" },
  ],
  remediation: {
    console: [
      "Open the VPC console → Security groups → select the group → Inbound rules → Edit inbound rules.",
      "Delete the rule for port 3389 with source 0.0.0.0/0 or ::/0, or narrow its source to a known CIDR.",
    ],
    cli: REVOKE_CLI.replaceAll("<port>", "3389"),
    terraform: restrictedIngressTerraform(3389),
    cloudformation: restrictedIngressCloudFormation(3389),
  },
  references: [
    "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-14",
  ],
  evaluate: (resource, ctx) => evaluateOpenPorts(resource, ctx, [3389], "RDP (3389)"),
});
