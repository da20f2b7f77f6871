import { defineExposedWorkloadPathRule, WORKLOAD_ROLE_REMEDIATION } from "./exposed-workload-path";

export const attackPathLambdaPublicPrivilegedRoleRule = defineExposedWorkloadPathRule({
  id: "aws.attack-path.lambda.public-privileged-role",
  title: "Publicly invocable Lambda function runs as a privileged role",
  description:
    "Fails when a function's resource policy lets anyone invoke it (no restricting condition) and its execution role is an administrator, can escalate to one, or can assume a role that is.",
  service: "lambda",
  resourceType: "AWS::Lambda::Function",
  noun: "function",
  remediation: {
    ...WORKLOAD_ROLE_REMEDIATION,
    cli: "aws lambda remove-permission --function-name <fn> --statement-id <sid>\n" + WORKLOAD_ROLE_REMEDIATION.cli,
  },
});
