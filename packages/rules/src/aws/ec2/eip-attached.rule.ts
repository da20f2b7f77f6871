import { defineRule, fail, pass } from "../../rule";
import { checkDataAvailable } from "../../lib/guard";

export const ec2EipAttachedRule = defineRule({
  id: "aws.ec2.eip.attached",
  title: "Elastic IP addresses are attached to a resource",
  description: "Fails when an Elastic IP has no AssociationId (allocated but unused).",
  rationale:
    "Unused Elastic IPs cost money and are a dangling-DNS risk: a record that still points at a released address can be claimed by someone else.",
  severity: "LOW",
  service: "ec2",
  resourceTypes: ["AWS::EC2::EIP"],
  requires: [{ service: "ec2", resourceTypes: ["AWS::EC2::EIP"] }],
  frameworks: [
    { framework: "AWS-FSBP", controlId: "EC2.12" },
    { framework: "NIST-800-53-r5", controlId: "CM-8(1)" },
  ],
  remediation: {
    console: ["Open the EC2 console → Elastic IPs → select the address → Actions → Release Elastic IP addresses (after removing DNS records that point at it)."],
    cli: "aws ec2 release-address --allocation-id <eipalloc-id>",
    terraform: '# Remove the unused aws_eip resource, or attach it:\nresource "aws_eip_association" "this" {\n  allocation_id = aws_eip.this.id\n  instance_id   = aws_instance.app.id\n}',
    cloudformation: "EIPAssociation:\n  Type: AWS::EC2::EIPAssociation\n  Properties:\n    AllocationId: !GetAtt Eip.AllocationId\n    InstanceId: !Ref Instance",
  },
  references: [
    "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/elastic-ip-addresses-eip.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-12",
  ],
  evaluate(resource, ctx) {
    const missing = checkDataAvailable(resource, ctx);
    if (missing) return missing;
    const evidence = {
      PublicIp: resource.configuration.PublicIp ?? null,
      AllocationId: resource.configuration.AllocationId ?? null,
      AssociationId: resource.configuration.AssociationId ?? null,
    };
    return evidence.AssociationId
      ? pass("Elastic IP is associated", evidence)
      : fail("Elastic IP is allocated but not associated", evidence);
  },
});
