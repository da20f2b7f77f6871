import { defineRule, fail, pass } from "../../rule";
import { checkDataAvailable } from "../../lib/guard";
import { asRecord, asString } from "../../lib/values";

export const ec2RegionalImdsv2DefaultRule = defineRule({
  id: "aws.ec2.regional.imdsv2-default",
  title: "The region's instance metadata defaults require IMDSv2",
  description:
    "Fails when the account-level instance metadata defaults of a region (GetInstanceMetadataDefaults) do not set HttpTokens to required, so new instances launched without explicit options accept IMDSv1. No CIS or FSBP control covers the account-level default (they check instances), hence no framework mapping.",
  rationale:
    "Instance-level checks only catch instances after launch. The regional default makes IMDSv2 the norm for every new instance, including ones launched by tools that do not set metadata options.",
  severity: "MEDIUM",
  service: "ec2",
  resourceTypes: ["AWS::EC2::RegionalSettings"],
  requires: [{ service: "ec2", resourceTypes: ["AWS::EC2::RegionalSettings"] }],
  frameworks: [],
  remediation: {
    console: [
      "Open the EC2 console in the region → Dashboard → Account attributes → Data protection and security.",
      "Under IMDS defaults choose Manage, set Metadata version to V2 only (token required), and update.",
    ],
    cli: "aws ec2 modify-instance-metadata-defaults --region <region> --http-tokens required --http-put-response-hop-limit 2",
    terraform: 'resource "aws_ec2_instance_metadata_defaults" "this" {\n  http_tokens                 = "required"\n  http_put_response_hop_limit = 2\n}',
    cloudformation:
      "# CloudFormation has no resource for account-level metadata defaults; enforce IMDSv2 in launch templates instead:\nLaunchTemplate:\n  Type: AWS::EC2::LaunchTemplate\n  Properties:\n    LaunchTemplateData:\n      MetadataOptions:\n        HttpTokens: required",
  },
  references: [
    "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html",
    "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_GetInstanceMetadataDefaults.html",
  ],
  evaluate(resource, ctx) {
    const missing = checkDataAvailable(resource, ctx, { operations: ["GetInstanceMetadataDefaults"] });
    if (missing) return missing;
    const defaults = asRecord(resource.configuration.InstanceMetadataDefaults);
    const httpTokens = asString(defaults?.HttpTokens);
    const evidence = { "InstanceMetadataDefaults.HttpTokens": httpTokens };
    return httpTokens === "required"
      ? pass("New instances in this region require IMDSv2 by default", evidence)
      : fail("The region's metadata defaults do not require IMDSv2", evidence);
  },
});
