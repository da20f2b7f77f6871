import { defineRule, fail, pass, unable } from "../../rule";
import { checkDataAvailable } from "../../lib/guard";
import { asRecord, daysBetween, parseAwsDate } from "../../lib/values";

export const ROOT_USE_WINDOW_DAYS = 30;

export const iamRootNotRecentlyUsedRule = defineRule({
  id: "aws.iam.root.not-recently-used",
  title: "The root user was not used in the last 30 days",
  description:
    "Fails when the credential report's <root_account> row shows password_last_used, access_key_1_last_used_date or access_key_2_last_used_date within the last 30 days.",
  rationale:
    "Daily or administrative use of root means root credentials are handled often and outside IAM's controls; it should be used only for the few tasks that require it.",
  severity: "HIGH",
  service: "iam",
  resourceTypes: ["AWS::IAM::AccountSettings"],
  requires: [{ service: "iam", resourceTypes: ["AWS::IAM::AccountSettings"] }],
  frameworks: [
    { framework: "CIS-AWS-3.0.0", controlId: "1.7" },
  ],
  remediation: {
    console: [
      "Review CloudTrail (Event history, userIdentity.type = Root) for what root was used for.",
      "Move those tasks to IAM Identity Center permission sets or roles; lock root credentials away.",
    ],
    cli: "aws cloudtrail lookup-events --lookup-attributes AttributeKey=Username,AttributeValue=root --max-results 50",
    terraform:
      '# Alert on any root use:\nresource "aws_cloudwatch_event_rule" "root_use" {\n  name          = "root-user-activity"\n  event_pattern = jsonencode({ detail = { userIdentity = { type = ["Root"] } } })\n}',
    cloudformation:
      "RootUseRule:\n  Type: AWS::Events::Rule\n  Properties:\n    EventPattern:\n      detail:\n        userIdentity:\n          type: [Root]\n    Targets:\n      - Arn: !Ref AlertTopic\n        Id: alert",
  },
  references: [
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-tasks.html",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html",
  ],
  evaluate(resource, ctx) {
    const missing = checkDataAvailable(resource, ctx, { operations: ["GenerateCredentialReport", "GetCredentialReport"] });
    if (missing) return missing;
    const root = asRecord(resource.configuration.RootCredentialReport);
    if (!root) return unable("The credential report's root row was not collected", { RootCredentialReport: null });
    const fields = ["password_last_used", "access_key_1_last_used_date", "access_key_2_last_used_date"] as const;
    const evidence: Record<string, unknown> = {};
    let mostRecentDays: number | null = null;
    for (const f of fields) {
      evidence[`RootCredentialReport.${f}`] = root[f] ?? null;
      const date = parseAwsDate(root[f]);
      if (date) {
        const days = daysBetween(date, ctx.now);
        if (mostRecentDays === null || days < mostRecentDays) mostRecentDays = days;
      }
    }
    evidence.daysSinceLastUse = mostRecentDays;
    return mostRecentDays !== null && mostRecentDays <= ROOT_USE_WINDOW_DAYS
      ? fail(`The root user was used ${mostRecentDays} day(s) ago`, evidence)
      : pass(`The root user was not used in the last ${ROOT_USE_WINDOW_DAYS} days`, evidence);
  },
});
