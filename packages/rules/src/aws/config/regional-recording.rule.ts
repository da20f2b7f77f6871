import { defineRule } from "../../rule";
import { evaluateFields } from "../../lib/simple-rule";
import { asRecord, asRecords } from "../../lib/values";

export const configRegionalRecordingRule = defineRule({
  id: "aws.config.regional.recording",
  title: "AWS Config is recording in the region",
  description: "Fails unless a configuration recorder exists, its status has recording = true and lastStatus is not FAILURE, and it records all supported resource types.",
  rationale: "Config's history answers 'what changed and when' during an investigation and feeds compliance evidence.",
  severity: "MEDIUM",
  service: "config",
  resourceTypes: ["AWS::Config::RegionalSettings"],
  requires: [{ service: "config", resourceTypes: ["AWS::Config::RegionalSettings"] }],
  frameworks: [
    { framework: "CIS-AWS-3.0.0", controlId: "3.3" },
    { framework: "AWS-FSBP", controlId: "Config.1" },
    { framework: "NIST-800-53-r5", controlId: "CM-3" },
    { framework: "NIST-800-53-r5", controlId: "CM-6(1)" },
    { framework: "NIST-800-53-r5", controlId: "CM-8" },
    { framework: "NIST-800-53-r5", controlId: "CM-8(2)" },
  ],
  remediation: {
    console: ["Open the AWS Config console in the region → Get started (or Settings → Edit) → Record all resource types, choose a delivery bucket and role → Start recording."],
    cli: "aws configservice put-configuration-recorder --configuration-recorder name=default,roleARN=<role-arn> --recording-group allSupported=true,includeGlobalResourceTypes=true\naws configservice put-delivery-channel --delivery-channel name=default,s3BucketName=<bucket>\naws configservice start-configuration-recorder --configuration-recorder-name default",
    terraform: 'resource "aws_config_configuration_recorder" "this" {\n  name     = "default"\n  role_arn = aws_iam_role.config.arn\n  recording_group {\n    all_supported = true\n  }\n}\nresource "aws_config_configuration_recorder_status" "this" {\n  name       = aws_config_configuration_recorder.this.name\n  is_enabled = true\n  depends_on = [aws_config_delivery_channel.this]\n}',
    cloudformation: "Recorder:\n  Type: AWS::Config::ConfigurationRecorder\n  Properties:\n    RoleARN: !GetAtt ConfigRole.Arn\n    RecordingGroup:\n      AllSupported: true\n      IncludeGlobalResourceTypes: true\nDeliveryChannel:\n  Type: AWS::Config::DeliveryChannel\n  Properties:\n    S3BucketName: !Ref ConfigBucket",
  },
  references: [
    "https://docs.aws.amazon.com/config/latest/developerguide/stop-start-recorder.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/config-controls.html#config-1",
  ],
  evaluate(resource, ctx) {
    const recorders = asRecords(resource.configuration.ConfigurationRecorders);
    const statuses = asRecords(resource.configuration.ConfigurationRecordersStatus);
    const summary = recorders.map((r) => {
      const status = statuses.find((s) => s.name === r.name);
      return {
        name: r.name ?? null,
        "recordingGroup.allSupported": asRecord(r.recordingGroup)?.allSupported ?? null,
        recording: status?.recording ?? null,
        lastStatus: status?.lastStatus ?? null,
      };
    });
    const ok = summary.some((r) => r.recording === true && r.lastStatus !== "FAILURE" && r["recordingGroup.allSupported"] !== false);
    return evaluateFields(resource, ctx, {
      operations: ["DescribeConfigurationRecorders", "DescribeConfigurationRecorderStatus"],
      evidence: { recorders: summary },
      ok,
      passMessage: "AWS Config is recording all resource types",
      failMessage: summary.length ? "The configuration recorder is not recording everything" : "No configuration recorder",
    });
  },
});
