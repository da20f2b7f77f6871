import { defineRule, fail, pass } from "../../rule";
import { checkDataAvailable } from "../../lib/guard";
import { skipGoneInstance } from "../../lib/ec2";
import { asRecord, asString } from "../../lib/values";

export const ec2InstanceImdsv2RequiredRule = defineRule({
  id: "aws.ec2.instance.imdsv2-required",
  title: "EC2 instances require IMDSv2 (session tokens)",
  description:
    "Fails when an instance's metadata service accepts IMDSv1 requests (MetadataOptions.HttpTokens = optional) while the endpoint is enabled.",
  rationale:
    "IMDSv1 answers a single unauthenticated GET, so an SSRF or open reverse proxy on the instance can read the instance role's temporary credentials. IMDSv2 requires a PUT-issued session token.",
  severity: "HIGH",
  service: "ec2",
  resourceTypes: ["AWS::EC2::Instance"],
  requires: [{ service: "ec2", resourceTypes: ["AWS::EC2::Instance"] }],
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
      "Actions → Instance settings → Modify instance metadata options.",
      "Set IMDSv2 to Required and save.",
    ],
    cli: "aws ec2 modify-instance-metadata-options --instance-id <instance-id> --http-tokens required --http-endpoint enabled",
    terraform: 'resource "aws_instance" "this" {\n  # ...\n  metadata_options {\n    http_endpoint = "enabled"\n    http_tokens   = "required"\n  }\n}',
    cloudformation:
      "Resources:\n  Instance:\n    Type: AWS::EC2::Instance\n    Properties:\n      LaunchTemplate: { LaunchTemplateId: !Ref LaunchTemplate, Version: !GetAtt LaunchTemplate.LatestVersionNumber }\n  LaunchTemplate:\n    Type: AWS::EC2::LaunchTemplate\n    Properties:\n      LaunchTemplateData:\n        MetadataOptions:\n          HttpEndpoint: enabled\n          HttpTokens: required",
  },
  references: [
    "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-options.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-8",
  ],
  evaluate(resource, ctx) {
    const gone = skipGoneInstance(resource);
    if (gone) return gone;
    const missing = checkDataAvailable(resource, ctx);
    if (missing) return missing;
    const options = asRecord(resource.configuration.MetadataOptions);
    const httpTokens = asString(options?.HttpTokens);
    const httpEndpoint = asString(options?.HttpEndpoint) ?? "enabled";
    const evidence = {
      "MetadataOptions.HttpTokens": httpTokens,
      "MetadataOptions.HttpEndpoint": httpEndpoint,
    };
    if (httpEndpoint === "disabled") return pass("Instance metadata service is disabled", evidence);
    return httpTokens === "required"
      ? pass("Instance requires IMDSv2", evidence)
      : fail("Instance accepts IMDSv1 requests (HttpTokens is not required)", evidence);
  },
});
