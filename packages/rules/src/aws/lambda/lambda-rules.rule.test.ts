import { describe, expect, it } from "vitest";
import { evaluate, failed, makeResource, policyJson, withErrors } from "../../../test/fixtures";
import { lambdaFunctionNotPublicRule } from "./function-not-public.rule";
import { lambdaFunctionSupportedRuntimeRule } from "./function-supported-runtime.rule";

const fn = (cfg: Record<string, unknown>) => makeResource("AWS::Lambda::Function", { FunctionName: "f", Runtime: "python3.12", Policy: null, ...cfg });

describe(lambdaFunctionNotPublicRule.id, () => {
  const rule = lambdaFunctionNotPublicRule;
  it("fails for an unconditioned '*' invoke grant", () => {
    const v = evaluate(rule, fn({ Policy: policyJson([{ Sid: "any", Effect: "Allow", Principal: "*", Action: "lambda:InvokeFunction", Resource: "*" }]) }));
    expect(v).toMatchObject({ status: "FAIL", evidence: { isPublic: true, publicStatements: [{ sid: "any", actions: ["lambda:InvokeFunction"] }] } });
  });
  it("passes for a source-restricted service grant", () => {
    const p = policyJson([{ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "lambda:InvokeFunction", Resource: "*", Condition: { ArnLike: { "aws:SourceArn": "arn:aws:s3:::b" } } }]);
    expect(evaluate(rule, fn({ Policy: p })).status).toBe("PASS");
  });
  it("is unable to evaluate when GetPolicy was denied", () => {
    expect(evaluate(rule, withErrors(fn({}), { GetPolicy: "AccessDeniedException" })).status).toBe("UNABLE_TO_EVALUATE");
  });
});

describe(lambdaFunctionSupportedRuntimeRule.id, () => {
  const rule = lambdaFunctionSupportedRuntimeRule;
  it("fails for python3.8", () => {
    expect(evaluate(rule, fn({ Runtime: "python3.8" }))).toMatchObject({ status: "FAIL", evidence: { Runtime: "python3.8", deprecatedOn: "2024-10-14" } });
  });
  it("passes for python3.12", () => expect(evaluate(rule, fn({})).status).toBe("PASS"));
  it("is not applicable to container images", () => expect(evaluate(rule, fn({ Runtime: undefined, PackageType: "Image" })).status).toBe("NOT_APPLICABLE"));
  it("is unable to evaluate when the lambda collection failed", () => {
    expect(evaluate(rule, fn({ Runtime: "python3.8" }), [], { statuses: [failed("lambda")] }).status).toBe("UNABLE_TO_EVALUATE");
  });
});
