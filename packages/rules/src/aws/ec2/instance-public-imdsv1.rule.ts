import { defineRule, fail, pass } from "../../rule";
import { checkDataAvailable } from "../../lib/guard";
import { analyzeInstanceExposure, isVerdict, skipGoneInstance } from "../../lib/ec2";
import { asRecord, asString } from "../../lib/values";

export const ec2InstancePublicImdsv1Rule = defineRule({
  id: "aws.ec2.instance.public-imdsv1",
  title: "Publicly reachable EC2 instances do not allow IMDSv1",
  description:
    "Fails when an instance has a public IP address, a security group with an inbound rule open to 0.0.0.0/0 or ::/0, and a metadata service that still accepts IMDSv1.",
  rationale:
    "An internet-reachable instance that accepts IMDSv1 is the classic path from an SSRF bug to stolen role credentials (Capital One, 2019). Reachability turns a hygiene issue into an exposed one.",
  severity: "CRITICAL",
  service: "ec2",
  resourceTypes: ["AWS::EC2::Instance"],
  requires: [{ service: "ec2", resourceTypes: ["AWS::EC2::Instance", "AWS::EC2::SecurityGroup"] }],
  frameworks: [
    { framework: "CIS-AWS-3.0.0", controlId: "5.6" },
    { framework: "AWS-FSBP", controlId: "EC2.8" },
    { framework: "NIST-800-53-r5", controlId: "AC-3" },
    { framework: "NIST-800-53-r5", controlId: "AC-3(15)" },
    { framework: "NIST-800-53-r5", controlId: "AC-3(7)" },
    { framework: "NIST-800-53-r5", controlId: "AC-6" },
    { framework: "PCI-DSS-4.0", controlId: "2.2.6" },
  ],
  remediation: {
    console: [
      "Open the EC2 console, select the instance.",
      "Actions → Instance settings → Modify instance metadata options → IMDSv2 Required.",
      "Remove inbound rules open to 0.0.0.0/0 or ::/0 that the workload does not need.",
    ],
    cli: "aws ec2 modify-instance-metadata-options --instance-id <instance-id> --http-tokens required --http-endpoint enabled",
    terraform: 'resource "aws_instance" "this" {\n  # ...\n  metadata_options {\n    http_endpoint = "enabled"\n    http_tokens   = "required"\n  }\n}',
    cloudformation:
      "LaunchTemplate:\n  Type: AWS::EC2::LaunchTemplate\n  Properties:\n    LaunchTemplateData:\n      MetadataOptions:\n        HttpEndpoint: enabled\n        HttpTokens: required",
  },
  references: [
    "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-options.html",
    "https://aws.amazon.com/blogs/security/defense-in-depth-open-firewalls-reverse-proxies-ssrf-vulnerabilities-ec2-instance-metadata-service/",
  ],
  evaluate(resource, ctx) {
    const gone = skipGoneInstance(resource);
    if (gone) return gone;
    const missing = checkDataAvailable(resource, ctx);
    if (missing) return missing;
    const options = asRecord(resource.configuration.MetadataOptions);
    const httpTokens = asString(options?.HttpTokens);
    const httpEndpoint = asString(options?.HttpEndpoint) ?? "enabled";
    const exposure = analyzeInstanceExposure(resource, ctx);
    if (isVerdict(exposure)) return exposure;
    const evidence = {
      "MetadataOptions.HttpTokens": httpTokens,
      "MetadataOptions.HttpEndpoint": httpEndpoint,
      PublicIpAddress: exposure.publicIp,
      openIngress: exposure.openIngress.map((r) => ({
        GroupId: r.GroupId,
        IpProtocol: r.IpProtocol,
        FromPort: r.FromPort,
        ToPort: r.ToPort,
        cidr: r.cidr,
      })),
    };
    const imdsv1 = httpEndpoint !== "disabled" && httpTokens !== "required";
    if (exposure.isPublic && imdsv1) {
      return fail("Internet-reachable instance accepts IMDSv1 requests", evidence);
    }
    return pass(
      exposure.isPublic ? "Public instance requires IMDSv2" : "Instance is not publicly reachable",
      evidence,
    );
  },
});
