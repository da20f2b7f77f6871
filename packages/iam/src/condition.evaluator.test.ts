import { describe, expect, it } from "vitest";
import {
  createConditionContext,
  evaluateCondition,
  substituteVariables,
} from "./condition.evaluator";

const ctx = createConditionContext({
  values: {
    "aws:username": "alice",
    "aws:PrincipalTag/team": "blue",
    "aws:SourceIp": "203.0.113.7",
    "aws:SecureTransport": true,
    "aws:CurrentTime": "2026-11-23T10:00:00Z",
    "aws:MultiFactorAuthAge": 300,
    "aws:TagKeys": ["env", "team"],
    "aws:PrincipalArn": "arn:aws:iam::111111111111:role/app/Deployer",
    "aws:SourceIpV6": "2001:db8::1",
    "custom:binary": "QUJD",
    "aws:RequestTag/empty": null,
  },
  completePrefixes: ["aws:PrincipalTag/"],
});

function truth(condition: Record<string, Record<string, string[]>>) {
  return evaluateCondition(condition, ctx).truth;
}

describe("evaluateCondition", () => {
  it.each([
    [{ StringEquals: { "aws:username": ["alice"] } }, true],
    [{ StringEquals: { "aws:username": ["Alice"] } }, false],
    [{ StringEqualsIgnoreCase: { "aws:username": ["ALICE"] } }, true],
    [{ StringNotEquals: { "aws:username": ["bob", "carol"] } }, true],
    [{ StringNotEqualsIgnoreCase: { "aws:username": ["ALICE"] } }, false],
    [{ StringLike: { "aws:username": ["al*"] } }, true],
    [{ StringLike: { "aws:username": ["a?ice"] } }, true],
    [{ StringNotLike: { "aws:username": ["b*"] } }, true],
    [{ NumericLessThan: { "aws:MultiFactorAuthAge": ["3600"] } }, true],
    [{ NumericGreaterThanEquals: { "aws:MultiFactorAuthAge": ["301"] } }, false],
    [{ NumericEquals: { "aws:MultiFactorAuthAge": ["300"] } }, true],
    [{ NumericNotEquals: { "aws:MultiFactorAuthAge": ["300"] } }, false],
    [{ NumericLessThanEquals: { "aws:MultiFactorAuthAge": ["not-a-number"] } }, false],
    [{ DateGreaterThan: { "aws:CurrentTime": ["2026-01-01T00:00:00Z"] } }, true],
    [{ DateLessThan: { "aws:CurrentTime": ["2020-01-01T00:00:00Z"] } }, false],
    [{ DateLessThanEquals: { "aws:CurrentTime": ["1893456000"] } }, true],
    [{ DateEquals: { "aws:CurrentTime": ["2026-11-23T10:00:00Z"] } }, true],
    [{ DateNotEquals: { "aws:CurrentTime": ["2026-11-23T10:00:00Z"] } }, false],
    [{ DateGreaterThanEquals: { "aws:CurrentTime": ["2026-11-23T10:00:00Z"] } }, true],
    [{ Bool: { "aws:SecureTransport": ["true"] } }, true],
    [{ Bool: { "aws:SecureTransport": ["false"] } }, false],
    [{ BinaryEquals: { "custom:binary": ["QUJD"] } }, true],
    [{ IpAddress: { "aws:SourceIp": ["203.0.113.0/24"] } }, true],
    [{ IpAddress: { "aws:SourceIp": ["10.0.0.0/8", "203.0.113.7/32"] } }, true],
    [{ NotIpAddress: { "aws:SourceIp": ["203.0.113.0/24"] } }, false],
    [{ IpAddress: { "aws:SourceIpV6": ["2001:db8::/32"] } }, true],
    [{ IpAddress: { "aws:SourceIpV6": ["2001:db9::/32"] } }, false],
    [{ ArnLike: { "aws:PrincipalArn": ["arn:aws:iam::111111111111:role/app/*"] } }, true],
    [{ ArnEquals: { "aws:PrincipalArn": ["arn:aws:iam::*:role/app/Deployer"] } }, true],
    [{ ArnNotLike: { "aws:PrincipalArn": ["arn:aws:iam::222222222222:*"] } }, true],
    [
      { ArnNotEquals: { "aws:PrincipalArn": ["arn:aws:iam::111111111111:role/app/Deployer"] } },
      false,
    ],
    [{ Null: { "aws:username": ["false"] } }, true],
    [{ Null: { "aws:username": ["true"] } }, false],
    [{ Null: { "aws:RequestTag/empty": ["true"] } }, true],
    [{ Null: { "aws:PrincipalTag/missing": ["true"] } }, true],
    [{ StringEquals: { "aws:PrincipalTag/missing": ["x"] } }, false],
    [{ StringEqualsIfExists: { "aws:PrincipalTag/missing": ["x"] } }, true],
    [{ StringNotEquals: { "aws:PrincipalTag/missing": ["x"] } }, true],
    [{ "ForAnyValue:StringEquals": { "aws:TagKeys": ["env"] } }, true],
    [{ "ForAnyValue:StringEquals": { "aws:TagKeys": ["owner"] } }, false],
    [{ "ForAllValues:StringEquals": { "aws:TagKeys": ["env", "team", "owner"] } }, true],
    [{ "ForAllValues:StringEquals": { "aws:TagKeys": ["env"] } }, false],
    [{ "ForAllValues:StringEquals": { "aws:PrincipalTag/missing": ["x"] } }, true],
    [{ "ForAnyValue:StringEquals": { "aws:PrincipalTag/missing": ["x"] } }, false],
    [{ "ForAnyValue:StringNotEquals": { "aws:TagKeys": ["env"] } }, true],
    [{ StringEquals: { "aws:PrincipalTag/team": ["${aws:username}"] } }, false],
    [{ StringEquals: { "aws:username": ["${aws:username}"] } }, true],
    [{ StringLike: { "aws:PrincipalArn": ["*/${aws:PrincipalTag/missing, 'Deployer'}"] } }, true],
    [{ StringLike: { "aws:username": ["${*}"] } }, false],
    [
      { StringEquals: { "aws:username": ["alice"] }, Bool: { "aws:SecureTransport": ["false"] } },
      false,
    ],
  ])("%j → %s", (condition, expected) => {
    expect(truth(condition as Record<string, Record<string, string[]>>)).toBe(expected);
  });

  it("is unknown for keys the engine cannot know, and says which", () => {
    const outcome = evaluateCondition({ Bool: { "aws:MultiFactorAuthPresent": ["true"] } }, ctx);
    expect(outcome).toEqual({ truth: "unknown", unresolved: ["aws:MultiFactorAuthPresent"] });
  });

  it("decides conditions that hold whatever the unknown value (always true / always false)", () => {
    expect(truth({ StringLikeIfExists: { "aws:UserAgent": ["*"] } })).toBe(true);
    expect(truth({ StringLike: { "aws:UserAgent": ["*"] } })).toBe("unknown");
    expect(
      truth({
        StringEquals: { "aws:username": ["bob"] },
        Bool: { "aws:MultiFactorAuthPresent": ["true"] },
      }),
    ).toBe(false);
  });

  it("treats unknown policy variables as unknown", () => {
    const outcome = evaluateCondition(
      { StringEquals: { "aws:username": ["${aws:PrincipalTag2/none}"] } },
      ctx,
    );
    expect(outcome.truth).toBe("unknown");
  });

  it("substitutes escapes and defaults", () => {
    expect(substituteVariables("a${*}b${?}c${$}", ctx, false)).toEqual({
      kind: "value",
      text: "a*b?c$",
    });
    expect(substituteVariables("home/${aws:username}/*", ctx, false)).toEqual({
      kind: "value",
      text: "home/alice/*",
    });
    expect(substituteVariables("${aws:PrincipalTag/missing}", ctx, false)).toEqual({
      kind: "absent",
    });
    expect(substituteVariables("${aws:PrincipalTag/missing, 'x'}", ctx, false)).toEqual({
      kind: "value",
      text: "x",
    });
    expect(substituteVariables("${aws:userid}", ctx, false)).toEqual({
      kind: "unknown",
      key: "aws:userid",
    });
  });
});
