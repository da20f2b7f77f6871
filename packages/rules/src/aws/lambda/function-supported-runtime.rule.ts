import { defineRule, fail, notApplicable, pass } from "../../rule";
import { checkDataAvailable } from "../../lib/guard";
import { asString } from "../../lib/values";

/** Lambda runtimes and the date AWS deprecated them (Lambda runtimes page, "Deprecated runtimes"). */
export const DEPRECATED_LAMBDA_RUNTIMES: Readonly<Record<string, string>> = {
  "nodejs": "2016-10-31",
  "nodejs4.3": "2020-03-05",
  "nodejs6.10": "2019-08-12",
  "nodejs8.10": "2020-03-06",
  "nodejs10.x": "2021-07-30",
  "nodejs12.x": "2023-03-31",
  "nodejs14.x": "2023-12-04",
  "nodejs16.x": "2024-06-12",
  "nodejs18.x": "2025-09-01",
  "python2.7": "2021-07-15",
  "python3.6": "2022-07-18",
  "python3.7": "2023-12-04",
  "python3.8": "2024-10-14",
  "python3.9": "2025-12-15",
  "ruby2.5": "2021-07-30",
  "ruby2.7": "2023-12-07",
  "ruby3.2": "2026-03-31",
  "java8": "2024-01-08",
  "go1.x": "2024-01-08",
  "provided": "2024-01-08",
  "dotnetcore1.0": "2019-07-30",
  "dotnetcore2.0": "2019-05-30",
  "dotnetcore2.1": "2022-01-05",
  "dotnetcore3.1": "2023-04-03",
  "dotnet5.0": "2022-05-10",
  "dotnet6": "2024-12-20",
  "dotnet7": "2024-05-14",
};

export const lambdaFunctionSupportedRuntimeRule = defineRule({
  id: "aws.lambda.function.supported-runtime",
  title: "Lambda functions use a supported runtime",
  description: "Fails when a function's Runtime was deprecated by AWS on or before the evaluation date. Container-image functions (no Runtime) are not applicable.",
  rationale: "Deprecated runtimes receive no security patches, and AWS eventually blocks creating and updating functions that use them.",
  severity: "MEDIUM",
  service: "lambda",
  resourceTypes: ["AWS::Lambda::Function"],
  requires: [{ service: "lambda", resourceTypes: ["AWS::Lambda::Function"] }],
  frameworks: [
    { framework: "AWS-FSBP", controlId: "Lambda.2" },
    { framework: "NIST-800-53-r5", controlId: "CA-9(1)" },
    { framework: "NIST-800-53-r5", controlId: "CM-2" },
    { framework: "NIST-800-53-r5", controlId: "SI-2" },
    { framework: "NIST-800-53-r5", controlId: "SI-2(2)" },
    { framework: "NIST-800-53-r5", controlId: "SI-2(4)" },
    { framework: "NIST-800-53-r5", controlId: "SI-2(5)" },
  ],
  remediation: {
    console: ["Open the Lambda console → the function → Code → Runtime settings → Edit → choose a supported runtime, test, and deploy."],
    cli: "aws lambda update-function-configuration --function-name <function> --runtime nodejs22.x",
    terraform: 'resource "aws_lambda_function" "this" {\n  # ...\n  runtime = "python3.13"\n}',
    cloudformation: "Function:\n  Type: AWS::Lambda::Function\n  Properties:\n    Runtime: python3.13",
  },
  references: [
    "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-2",
  ],
  evaluate(resource, ctx) {
    const runtime = asString(resource.configuration.Runtime);
    if (!runtime) return notApplicable("Container-image function (no managed runtime)", { Runtime: null, PackageType: resource.configuration.PackageType ?? null });
    const missing = checkDataAvailable(resource, ctx);
    if (missing) return missing;
    const deprecatedOn = DEPRECATED_LAMBDA_RUNTIMES[runtime] ?? null;
    const evidence = { Runtime: runtime, deprecatedOn };
    return deprecatedOn && new Date(deprecatedOn) <= ctx.now
      ? fail(`Runtime ${runtime} was deprecated on ${deprecatedOn}`, evidence)
      : pass(`Runtime ${runtime} is supported`, evidence);
  },
});
