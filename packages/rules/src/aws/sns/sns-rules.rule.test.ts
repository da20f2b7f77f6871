import { describe, expect, it } from "vitest";
import { evaluate, makeResource, policyJson, withErrors } from "../../../test/fixtures";
import { snsTopicEncryptedRule } from "./topic-encrypted.rule";
import { snsTopicNotPublicRule } from "./topic-not-public.rule";

const topic = (attrs: Record<string, unknown>) => makeResource("AWS::SNS::Topic", { TopicArn: "arn:aws:sns:us-east-1:111122223333:t", Attributes: attrs });

describe(snsTopicNotPublicRule.id, () => {
  const rule = snsTopicNotPublicRule;
  it("fails for an open Publish grant", () => {
    const v = evaluate(rule, topic({ Policy: policyJson([{ Effect: "Allow", Principal: "*", Action: "sns:Publish", Resource: "*" }]) }));
    expect(v).toMatchObject({ status: "FAIL", evidence: { isPublic: true } });
  });
  it("passes when restricted by aws:SourceOwner", () => {
    const p = policyJson([{ Effect: "Allow", Principal: "*", Action: "sns:Publish", Resource: "*", Condition: { StringEquals: { "aws:SourceOwner": "111122223333" } } }]);
    expect(evaluate(rule, topic({ Policy: p })).status).toBe("PASS");
  });
  it("is unable to evaluate when GetTopicAttributes was denied", () => {
    expect(evaluate(rule, withErrors(topic({}), { GetTopicAttributes: "AuthorizationError" })).status).toBe("UNABLE_TO_EVALUATE");
  });
});

describe(snsTopicEncryptedRule.id, () => {
  const rule = snsTopicEncryptedRule;
  it("passes with a key", () => expect(evaluate(rule, topic({ KmsMasterKeyId: "alias/aws/sns" })).status).toBe("PASS"));
  it("fails without", () => expect(evaluate(rule, topic({}))).toMatchObject({ status: "FAIL", evidence: { "Attributes.KmsMasterKeyId": null } }));
  it("is unable to evaluate when GetTopicAttributes was denied", () => {
    expect(evaluate(rule, withErrors(topic({}), { GetTopicAttributes: "AuthorizationError" })).status).toBe("UNABLE_TO_EVALUATE");
  });
});
