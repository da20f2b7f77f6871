import { defineRule, unable } from "../../rule";
import { evaluateFields } from "../../lib/simple-rule";
import { asRecord } from "../../lib/values";

export const cloudtrailTrailLoggingRule = defineRule({
  id: "aws.cloudtrail.trail.logging",
  title: "CloudTrail trails are logging",
  description:
    "Fails when GetTrailStatus reports IsLogging = false for a trail. CIS 3.1 and FSBP CloudTrail.1 fold this into the multi-region trail control (see aws.cloudtrail.account.multi-region-trail), so this per-trail rule carries no separate framework mapping.",
  rationale: "A stopped trail is a classic attacker step (cloudtrail:StopLogging) and silently ends the audit record.",
  severity: "HIGH",
  service: "cloudtrail",
  resourceTypes: ["AWS::CloudTrail::Trail"],
  requires: [{ service: "cloudtrail", resourceTypes: ["AWS::CloudTrail::Trail"] }],
  frameworks: [],
  remediation: {
    console: ["Open the CloudTrail console → Trails → the trail → Start logging; investigate who stopped it (StopLogging events)."],
    cli: "aws cloudtrail start-logging --name <trail>",
    terraform: 'resource "aws_cloudtrail" "main" {\n  # ...\n  enable_logging = true\n}',
    cloudformation: "Trail:\n  Type: AWS::CloudTrail::Trail\n  Properties:\n    IsLogging: true",
  },
  references: ["https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_GetTrailStatus.html"],
  evaluate(resource, ctx) {
    const status = asRecord(resource.configuration.Status);
    if (!status && !resource.configuration.CollectionErrors) return unable("Trail status was not collected", { Status: null });
    return evaluateFields(resource, ctx, {
      operations: ["GetTrailStatus"],
      evidence: { TrailARN: resource.resourceId, "Status.IsLogging": status?.IsLogging ?? null },
      ok: status?.IsLogging === true,
      passMessage: "Trail is logging",
      failMessage: "Trail is not logging",
    });
  },
});
