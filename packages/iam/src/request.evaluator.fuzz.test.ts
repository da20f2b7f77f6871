import { describe, expect, it } from "vitest";
import { analyzePrincipalCapabilities } from "./principal-capabilities.analyzer";
import { evaluateRequest } from "./request.evaluator";

// Seeded PRNG (mulberry32): reproducible random policies and requests.
function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ACTIONS = [
  "*",
  "s3:*",
  "s3:Get*",
  "iam:PassRole",
  "iam:Put*Policy",
  "ec2:RunInstances",
  "sts:AssumeRole",
  "kms:Decrypt",
  "*:Describe*",
];
const RESOURCES = [
  "*",
  "arn:aws:s3:::b/*",
  "arn:aws:iam::111111111111:role/*",
  "arn:aws:iam::*:user/${aws:username}",
  "arn:aws:kms:*:111111111111:key/${*}",
  "arn:aws:s3:::${aws:PrincipalTag/team}/*",
];
const OPERATORS = [
  "StringEquals",
  "StringLike",
  "StringNotEqualsIfExists",
  "ForAnyValue:StringLike",
  "ForAllValues:StringEquals",
  "NumericLessThan",
  "DateGreaterThan",
  "Bool",
  "IpAddress",
  "NotIpAddress",
  "ArnLike",
  "Null",
  "BinaryEquals",
];
const KEYS = [
  "aws:SourceIp",
  "aws:PrincipalOrgID",
  "aws:username",
  "aws:CurrentTime",
  "aws:MultiFactorAuthPresent",
  "aws:TagKeys",
  "aws:PrincipalArn",
  "iam:PassedToService",
  "aws:PrincipalTag/team",
];
const VALUES = [
  "*",
  "10.0.0.0/8",
  "::/0",
  "not-an-ip",
  "2020-01-01T00:00:00Z",
  "bad-date",
  "true",
  "12",
  "o-abc",
  "${aws:username}",
  "arn:aws:iam::*:role/*",
  "",
  "1.2.3.4/33",
];

describe("evaluation fuzz", () => {
  it("never throws on 600 random policy sets and requests", () => {
    const random = createRandom(7);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const statement = () => {
      const s: Record<string, unknown> = { Effect: random() < 0.7 ? "Allow" : "Deny" };
      s[random() < 0.8 ? "Action" : "NotAction"] = [pick(ACTIONS), pick(ACTIONS)];
      s[random() < 0.85 ? "Resource" : "NotResource"] = pick(RESOURCES);
      if (random() < 0.5)
        s.Condition = { [pick(OPERATORS)]: { [pick(KEYS)]: [pick(VALUES), pick(VALUES)] } };
      return s;
    };
    const policy = () =>
      JSON.stringify({
        Version: "2012-10-17",
        Statement: Array.from({ length: 1 + Math.floor(random() * 3) }, statement),
      });
    const decisions = new Set<string>();
    for (let i = 0; i < 600; i++) {
      const principalArn =
        random() < 0.5
          ? "arn:aws:iam::111111111111:user/alice"
          : "arn:aws:iam::111111111111:role/app";
      const identityPolicies = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, n) => ({
        name: `p${n}`,
        document: policy(),
      }));
      const context: Record<string, string> = {};
      if (random() < 0.5) context[pick(KEYS)] = pick(VALUES);
      const result = evaluateRequest({
        principal: {
          arn: principalArn,
          accountId: "111111111111",
          tags: random() < 0.5 ? { team: "blue" } : undefined,
        },
        action: pick([
          "s3:GetObject",
          "iam:PassRole",
          "iam:PutUserPolicy",
          "kms:Decrypt",
          "ec2:DescribeInstances",
        ]),
        resource: {
          arn: pick([
            "arn:aws:s3:::b/k",
            "arn:aws:iam::111111111111:role/x",
            "*",
            "arn:aws:kms:us-east-1:111111111111:key/1",
          ]),
        },
        identityPolicies,
        permissionsBoundary: random() < 0.3 ? policy() : null,
        scps: random() < 0.3 ? [[policy()], [policy()]] : undefined,
        context,
      });
      decisions.add(result.decision);
      expect(["ALLOWED", "CONDITIONAL", "DENIED"]).toContain(result.decision);
      if (i % 10 === 0) {
        const caps = analyzePrincipalCapabilities({
          principalArn,
          accountId: "111111111111",
          identityPolicies,
        });
        expect(caps.privilegeEscalation.length).toBeGreaterThan(20);
      }
    }
    expect(decisions.size).toBe(3);
  }, 60_000);
});
