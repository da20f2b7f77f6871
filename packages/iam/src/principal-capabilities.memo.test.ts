import { describe, expect, it } from "vitest";
import {
  analyzePrincipalCapabilities,
  createCapabilityAnalyzer,
  type TPrincipalCapabilities,
  type TPrincipalPolicies,
} from "./principal-capabilities.analyzer";

// A memoising analyzer shares whole analyses between principals of one account with the same
// principal-independent policies, and answers checks on a single resource once when the policies
// decide them alike on any resource: every answer must still equal a one-off analysis.

const A = "111111111111";
const doc = (...statements: Record<string, unknown>[]) =>
  JSON.stringify({ Version: "2012-10-17", Statement: statements });
const allow = (action: string | string[], resource: string | string[] = "*") => ({
  Effect: "Allow",
  Action: action,
  Resource: resource,
});
const deny = (action: string | string[], resource: string | string[] = "*") => ({
  Effect: "Deny",
  Action: action,
  Resource: resource,
});
const user = (name: string) => `arn:aws:iam::${A}:user/${name}`;
const role = (name: string) => `arn:aws:iam::${A}:role/${name}`;

function principal(
  arn: string,
  extra: Partial<TPrincipalPolicies>,
  ...documents: string[]
): TPrincipalPolicies {
  return {
    principalArn: arn,
    accountId: A,
    identityPolicies: documents.map((document, i) => ({ name: `policy-${i}`, document })),
    ...extra,
  };
}
const methodOf = (c: TPrincipalCapabilities, id: string) =>
  c.privilegeEscalation.find((m) => m.methodId === id);

describe("createCapabilityAnalyzer: shared analyses", () => {
  it("answers methods on the principal's own ARN per principal", () => {
    const analyzer = createCapabilityAnalyzer();
    // no policy variables, so the set is principal-independent, yet it names one user
    const names = doc(
      allow("iam:PutUserPolicy", user("u1")),
      allow("iam:AttachRolePolicy", role("r1")),
      allow("s3:GetObject"),
    );
    const cases = [
      principal(user("u1"), {}, names),
      principal(user("u2"), {}, names),
      principal(user("u3"), {}, names),
      principal(role("r1"), {}, names),
      principal(role("r2"), {}, names),
    ];
    const answers = cases.map((p) => analyzer.analyze(p));
    answers.forEach((a, i) =>
      expect(a).toEqual(analyzePrincipalCapabilities(cases[i] as TPrincipalPolicies)),
    );
    expect(methodOf(answers[0]!, "iam-007")?.decision).toBe("ALLOWED");
    expect(methodOf(answers[1]!, "iam-007")?.decision).toBe("DENIED");
    expect(methodOf(answers[3]!, "iam-009")?.decision).toBe("ALLOWED");
    expect(methodOf(answers[4]!, "iam-009")?.decision).toBe("DENIED");
    expect(analyzer.stats().analysisHits).toBe(3);
  });

  it("keeps groups, SCP applicability and unreadable policies apart", () => {
    const analyzer = createCapabilityAnalyzer();
    const groups = doc(allow("iam:PutGroupPolicy", `arn:aws:iam::${A}:group/dev`));
    const scps = [[doc(allow("*"))], [doc(deny("iam:*"))]];
    const cases = [
      principal(user("u1"), { groupArns: [`arn:aws:iam::${A}:group/dev`] }, groups),
      principal(user("u2"), { groupArns: [`arn:aws:iam::${A}:group/ops`] }, groups),
      principal(user("u3"), {}, groups),
      principal(user("u4"), { scps }, groups),
      principal(user("u5"), { scps, isManagementAccount: true }, groups),
      principal(user("u6"), {}, groups, "{not json"),
      principal(user("u7"), {}, groups),
    ];
    for (const p of cases) expect(analyzer.analyze(p)).toEqual(analyzePrincipalCapabilities(p));
    const again = cases.map((p) => analyzer.analyze(p));
    again.forEach((a, i) =>
      expect(a).toEqual(analyzePrincipalCapabilities(cases[i] as TPrincipalPolicies)),
    );
    expect(methodOf(again[0]!, "iam-011")?.decision).toBe("ALLOWED");
    expect(methodOf(again[1]!, "iam-011")?.decision).toBe("DENIED");
    expect(methodOf(again[3]!, "iam-011")?.decision).toBe("DENIED");
    expect(methodOf(again[4]!, "iam-011")?.decision).toBe("ALLOWED");
    expect(
      again[5]!.administrator.reasons.some((r) => r.startsWith("ignored unreadable policy")),
    ).toBe(true);
    expect(
      again[6]!.administrator.reasons.some((r) => r.startsWith("ignored unreadable policy")),
    ).toBe(false);
  });

  it("decides a single resource per principal when a statement names resources", () => {
    const analyzer = createCapabilityAnalyzer();
    // Allow on "*" is decided alike for every user; the Deny naming u1 is not
    const denyOne = doc(
      allow(["iam:PutUserPolicy", "iam:AttachUserPolicy"]),
      deny("iam:PutUserPolicy", user("u1")),
    );
    const scpDenyOne = [[doc(allow("*"), deny("iam:AttachUserPolicy", user("u2")))]];
    const cases = [
      principal(user("u1"), {}, denyOne),
      principal(user("u2"), {}, denyOne),
      principal(user("u1"), { scps: scpDenyOne }, denyOne),
      principal(user("u2"), { scps: scpDenyOne }, denyOne),
    ];
    const answers = cases.map((p) => analyzer.analyze(p));
    answers.forEach((a, i) =>
      expect(a).toEqual(analyzePrincipalCapabilities(cases[i] as TPrincipalPolicies)),
    );
    expect(methodOf(answers[0]!, "iam-007")?.decision).toBe("DENIED");
    expect(methodOf(answers[1]!, "iam-007")?.decision).toBe("ALLOWED");
    expect(methodOf(answers[2]!, "iam-008")?.decision).toBe("ALLOWED");
    expect(methodOf(answers[3]!, "iam-008")?.decision).toBe("DENIED");
    // each principal's own ARN in its reasons, though the answer was shared
    expect(methodOf(answers[1]!, "iam-008")?.reasons[0]).toContain(user("u2"));
    expect(methodOf(answers[2]!, "iam-008")?.reasons[0]).toContain(user("u1"));
  });

  it("shares answers between accounts and names each account's targets", () => {
    const analyzer = createCapabilityAnalyzer();
    const B = "222222222222";
    const policy = doc(
      allow(["iam:CreateAccessKey", "iam:PassRole", "ec2:RunInstances"]),
      allow("iam:CreatePolicyVersion", `arn:aws:iam::${A}:policy/*`),
    );
    const inA = principal(role("app"), {}, policy);
    const inB = { ...principal(`arn:aws:iam::${B}:role/app`, {}, policy), accountId: B };
    const first = analyzer.analyze(inA);
    const hitsBefore = analyzer.stats().hits;
    const second = analyzer.analyze(inB);
    expect(first).toEqual(analyzePrincipalCapabilities(inA));
    expect(second).toEqual(analyzePrincipalCapabilities(inB));
    expect(analyzer.stats().hits).toBeGreaterThan(hitsBefore);
    expect(methodOf(second, "iam-002")?.reasons[0]).toContain(`arn:aws:iam::${B}:user/*`);
    // the grant on account A's policies does not carry over to account B
    expect(methodOf(first, "iam-001")?.decision).toBe("ALLOWED");
    expect(methodOf(second, "iam-001")?.decision).toBe("DENIED");
  });

  it("hands out shared parts read-only", () => {
    const analyzer = createCapabilityAnalyzer();
    const first = analyzer.analyze(principal(user("u1"), {}, doc(allow("s3:GetObject"))));
    const second = analyzer.analyze(principal(user("u2"), {}, doc(allow("s3:GetObject"))));
    expect(second.readAllS3).toBe(first.readAllS3);
    expect(() => (first.readAllS3.reasons as string[]).push("x")).toThrow(TypeError);
  });
});
