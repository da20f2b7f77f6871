import { defineRule, fail, pass } from "../../rule";
import { checkDataAvailable } from "../../lib/guard";
import { skipGoneInstance } from "../../lib/ec2";
import { asString } from "../../lib/values";

export const ec2InstanceNoPublicIpRule = defineRule({
  id: "aws.ec2.instance.no-public-ip",
  title: "EC2 instances do not have a public IPv4 address",
  description: "Fails when an instance has a PublicIpAddress. Internet-facing services belong behind a load balancer.",
  rationale:
    "A public address makes the instance directly reachable whenever a security group rule is loosened; load balancers and NAT keep instances private.",
  severity: "MEDIUM",
  service: "ec2",
  resourceTypes: ["AWS::EC2::Instance"],
  requires: [{ service: "ec2", resourceTypes: ["AWS::EC2::Instance"] }],
  frameworks: [
    { framework: "AWS-FSBP", controlId: "EC2.9" },
    { framework: "NIST-800-53-r5", controlId: "AC-21" },
    { framework: "NIST-800-53-r5", controlId: "AC-3" },
    { framework: "NIST-800-53-r5", controlId: "AC-3(7)" },
    { framework: "NIST-800-53-r5", controlId: "AC-4" },
    { framework: "NIST-800-53-r5", controlId: "AC-4(21)" },
    { framework: "NIST-800-53-r5", controlId: "AC-6" },
    { framework: "NIST-800-53-r5", controlId: "SC-7" },
    { framework: "NIST-800-53-r5", controlId: "SC-7(11)" },
    { framework: "NIST-800-53-r5", controlId: "SC-7(16)" },
    { framework: "NIST-800-53-r5", controlId: "SC-7(20)" },
    { framework: "NIST-800-53-r5", controlId: "SC-7(21)" },
    { framework: "NIST-800-53-r5", controlId: "SC-7(3)" },
    { framework: "NIST-800-53-r5", controlId: "SC-7(4)" },
    { framework: "NIST-800-53-r5", controlId: "SC-7(9)" },
  ],
  remediation: {
    console: [
      "Public IPv4 addresses cannot be removed from a running instance's primary interface: launch a replacement in a private subnet (auto-assign public IP disabled).",
      "Disassociate any Elastic IP (EC2 console → Elastic IPs → Actions → Disassociate) and publish the service through a load balancer.",
    ],
    cli: "aws ec2 modify-subnet-attribute --subnet-id <subnet-id> --no-map-public-ip-on-launch\naws ec2 disassociate-address --association-id <eipassoc-id>",
    terraform: 'resource "aws_instance" "app" {\n  # ...\n  subnet_id                   = aws_subnet.private.id\n  associate_public_ip_address = false\n}',
    cloudformation:
      "Instance:\n  Type: AWS::EC2::Instance\n  Properties:\n    NetworkInterfaces:\n      - DeviceIndex: '0'\n        SubnetId: !Ref PrivateSubnet\n        AssociatePublicIpAddress: false",
  },
  references: [
    "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-instance-addressing.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-9",
  ],
  evaluate(resource, ctx) {
    const gone = skipGoneInstance(resource);
    if (gone) return gone;
    const missing = checkDataAvailable(resource, ctx);
    if (missing) return missing;
    const ip = asString(resource.configuration.PublicIpAddress);
    const evidence = { PublicIpAddress: ip };
    return ip ? fail(`Instance has public IP ${ip}`, evidence) : pass("Instance has no public IPv4 address", evidence);
  },
});
