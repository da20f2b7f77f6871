import { describe, expect, it } from "vitest";
import { evaluate, makeResource, policyJson, withErrors } from "../../../test/fixtures";
import { sqsQueueEncryptedRule } from "./queue-encrypted.rule";
import { sqsQueueNotPublicRule } from "./queue-not-public.rule";

const queue = (attrs: Record<string, unknown>) => makeResource("AWS::SQS::Queue", { QueueUrl: "https://sqs/q", Attributes: { QueueArn: "arn:aws:sqs:us-east-1:111122223333:q", ...attrs } });

describe(sqsQueueNotPublicRule.id, () => {
  const rule = sqsQueueNotPublicRule;
  it("fails for Principal * SendMessage", () => {
    const v = evaluate(rule, queue({ Policy: policyJson([{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sqs:SendMessage", Resource: "*" }]) }));
    expect(v).toMatchObject({ status: "FAIL", evidence: { "Attributes.Policy": "present", isPublic: true } });
  });
  it("passes without a policy", () => expect(evaluate(rule, queue({})).status).toBe("PASS"));
  it("is unable to evaluate when GetQueueAttributes was denied", () => {
    expect(evaluate(rule, withErrors(queue({}), { GetQueueAttributes: "AccessDenied" })).status).toBe("UNABLE_TO_EVALUATE");
  });
});

describe(sqsQueueEncryptedRule.id, () => {
  const rule = sqsQueueEncryptedRule;
  it("passes with SSE-SQS", () => expect(evaluate(rule, queue({ SqsManagedSseEnabled: "true" })).status).toBe("PASS"));
  it("fails without encryption", () => {
    expect(evaluate(rule, queue({ SqsManagedSseEnabled: "false" }))).toMatchObject({ status: "FAIL", evidence: { "Attributes.KmsMasterKeyId": null, "Attributes.SqsManagedSseEnabled": "false" } });
  });
  it("is unable to evaluate when GetQueueAttributes was denied", () => {
    expect(evaluate(rule, withErrors(queue({}), { GetQueueAttributes: "AccessDenied" })).status).toBe("UNABLE_TO_EVALUATE");
  });
});
