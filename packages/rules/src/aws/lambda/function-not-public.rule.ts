import { defineRule } from "../../rule";
import { evaluatePublicResourcePolicy } from "../../lib/resource-policy";

export const lambdaFunctionNotPublicRule = defineRule({
  id: "aws.lambda.function.not-public",
  title: "Lambda function policies prohibit public access",
  description: "Fails when the function's resource-based policy (GetPolicy) allows Principal '*' without a restricting condition (aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID…).",
  rationale: "A public function can be invoked by anyone, running your code (and its role's permissions) and your bill.",
  severity: "CRITICAL",
  service: "lambda",
  resourceTypes: ["AWS::Lambda::Function"],
  requires: [{ service: "lambda", resourceTypes: ["AWS::Lambda::Function"] }],
  frameworks: [
    { framework: "AWS-FSBP", controlId: "Lambda.1" },
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
  ],
  remediation: {
    console: ["Open the Lambda console → the function → Configuration → Permissions → Resource-based policy statements; delete the statement with Principal '*' or add a source condition."],
    cli: "aws lambda remove-permission --function-name <function> --statement-id <sid>\naws lambda add-permission --function-name <function> --statement-id s3-invoke --action lambda:InvokeFunction --principal s3.amazonaws.com --source-arn arn:aws:s3:::<bucket> --source-account <account-id>",
    terraform: 'resource "aws_lambda_permission" "s3" {\n  statement_id   = "s3-invoke"\n  action         = "lambda:InvokeFunction"\n  function_name  = aws_lambda_function.this.function_name\n  principal      = "s3.amazonaws.com"\n  source_arn     = aws_s3_bucket.uploads.arn\n  source_account = data.aws_caller_identity.current.account_id\n}',
    cloudformation: "S3InvokePermission:\n  Type: AWS::Lambda::Permission\n  Properties:\n    Action: lambda:InvokeFunction\n    FunctionName: !Ref Function\n    Principal: s3.amazonaws.com\n    SourceArn: !GetAtt Uploads.Arn\n    SourceAccount: !Ref AWS::AccountId",
  },
  references: [
    "https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-1",
  ],
  evaluate: (resource, ctx) =>
    evaluatePublicResourcePolicy(resource, ctx, {
      policy: resource.configuration.Policy,
      operation: "GetPolicy",
      field: "Policy",
      noun: "Function",
    }),
});
