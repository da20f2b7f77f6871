import { describe, expect, it } from "vitest";
import { createActionCatalog } from "./action-catalog";
import { ESCALATION_METHODS } from "./escalation-methods";
import {
  analyzePrincipalCapabilities,
  createCapabilityAnalyzer,
  type TPrincipalPolicies,
} from "./principal-capabilities.analyzer";

const A = "111111111111";
const ROLE = `arn:aws:iam::${A}:role/app`;
const USER = `arn:aws:iam::${A}:user/dev`;

function doc(...statements: Record<string, unknown>[]) {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}
function allow(
  action: string | string[],
  resource: string | string[] = "*",
  extra: Record<string, unknown> = {},
) {
  return { Effect: "Allow", Action: action, Resource: resource, ...extra };
}
function deny(
  action: string | string[],
  resource: string | string[] = "*",
  extra: Record<string, unknown> = {},
) {
  return { Effect: "Deny", Action: action, Resource: resource, ...extra };
}
const ADMIN = {
  name: "AdministratorAccess",
  arn: "arn:aws:iam::aws:policy/AdministratorAccess",
  document: doc(allow("*")),
};

function principal(
  principalArn: string,
  ...documents: (string | { name: string; document: string })[]
): TPrincipalPolicies {
  return {
    principalArn,
    accountId: A,
    identityPolicies: documents.map((d, i) =>
      typeof d === "string" ? { name: `policy-${i}`, document: d } : d,
    ),
  };
}
function method(p: TPrincipalPolicies, id: string) {
  const found = analyzePrincipalCapabilities(p).privilegeEscalation.find((m) => m.methodId === id);
  if (!found) throw new Error(`no method ${id}`);
  return found;
}

const selfTarget = (arn: string) => arn;
const POSITIVE: Record<string, { principal: string; statements: Record<string, unknown>[] }> = {
  "iam-001": {
    principal: ROLE,
    statements: [allow("iam:CreatePolicyVersion", `arn:aws:iam::${A}:policy/app-*`)],
  },
  "gr-iam-001": {
    principal: ROLE,
    statements: [allow("iam:SetDefaultPolicyVersion", `arn:aws:iam::${A}:policy/*`)],
  },
  "iam-002": {
    principal: ROLE,
    statements: [allow("iam:CreateAccessKey", `arn:aws:iam::${A}:user/*`)],
  },
  "iam-003": {
    principal: ROLE,
    statements: [allow(["iam:CreateAccessKey", "iam:DeleteAccessKey"])],
  },
  "iam-004": { principal: USER, statements: [allow("iam:CreateLoginProfile")] },
  "iam-005": { principal: ROLE, statements: [allow("iam:PutRolePolicy", selfTarget(ROLE))] },
  "iam-006": { principal: USER, statements: [allow("iam:UpdateLoginProfile")] },
  "iam-007": {
    principal: USER,
    statements: [allow("iam:PutUserPolicy", `arn:aws:iam::${A}:user/\${aws:username}`)],
  },
  "iam-008": { principal: USER, statements: [allow("iam:AttachUserPolicy", USER)] },
  "iam-009": { principal: ROLE, statements: [allow("iam:Attach*", ROLE)] },
  "iam-010": {
    principal: USER,
    statements: [allow("iam:AttachGroupPolicy", `arn:aws:iam::${A}:group/devs`)],
  },
  "iam-011": { principal: USER, statements: [allow("iam:PutGroupPolicy")] },
  "iam-012": {
    principal: ROLE,
    statements: [allow("iam:UpdateAssumeRolePolicy", `arn:aws:iam::${A}:role/admin`)],
  },
  "iam-013": { principal: USER, statements: [allow("iam:AddUserToGroup")] },
  "ec2-001": { principal: ROLE, statements: [allow(["iam:PassRole", "ec2:RunInstances"])] },
  "lambda-001": {
    principal: ROLE,
    statements: [allow(["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"])],
  },
  "lambda-002": {
    principal: ROLE,
    statements: [
      allow(["iam:PassRole", "lambda:CreateFunction", "lambda:CreateEventSourceMapping"]),
    ],
  },
  "cloudformation-001": {
    principal: ROLE,
    statements: [allow(["iam:PassRole", "cloudformation:CreateStack"])],
  },
  "codebuild-001": {
    principal: ROLE,
    statements: [allow(["iam:PassRole", "codebuild:CreateProject", "codebuild:StartBuild"])],
  },
  "glue-001": { principal: ROLE, statements: [allow(["iam:PassRole", "glue:CreateDevEndpoint"])] },
  "sagemaker-001": {
    principal: ROLE,
    statements: [allow(["iam:PassRole", "sagemaker:CreateNotebookInstance"])],
  },
  "ecs-004": {
    principal: ROLE,
    statements: [allow(["iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:RunTask"])],
  },
  "ecs-001": {
    principal: ROLE,
    statements: [allow(["iam:PassRole", "ecs:Create*", "ecs:RegisterTaskDefinition"])],
  },
  "datapipeline-001": { principal: ROLE, statements: [allow(["iam:PassRole", "datapipeline:*"])] },
  "gr-autoscaling-001": {
    principal: ROLE,
    statements: [allow(["iam:PassRole", "autoscaling:Create*"])],
  },
  "apprunner-001": {
    principal: ROLE,
    statements: [allow(["iam:PassRole", "apprunner:CreateService"])],
  },
  "batch-001": {
    principal: ROLE,
    statements: [allow(["iam:PassRole", "batch:RegisterJobDefinition", "batch:SubmitJob"])],
  },
};

describe("analyzePrincipalCapabilities: each escalation method", () => {
  it("has a positive case for every method and unique ids", () => {
    expect(Object.keys(POSITIVE).sort()).toEqual(ESCALATION_METHODS.map((m) => m.id).sort());
    expect(new Set(ESCALATION_METHODS.map((m) => m.id)).size).toBe(ESCALATION_METHODS.length);
  });

  it.each(Object.entries(POSITIVE))("finds %s", (id, { principal: arn, statements }) => {
    const found = method(principal(arn, doc(...statements)), id);
    expect(found.decision).toBe("ALLOWED");
    expect(found.reasons.join("\n")).toMatch(/policy-0 statement #0: Allow/);
  });

  it("finds nothing for a principal without IAM permissions", () => {
    const caps = analyzePrincipalCapabilities(principal(ROLE, doc(allow("s3:GetObject"))));
    expect(caps.privilegeEscalation.every((m) => m.decision === "DENIED")).toBe(true);
    expect(caps.administrator.decision).toBe("DENIED");
  });
});

describe("analyzePrincipalCapabilities: classic traps", () => {
  it("finds permissions split across two policies", () => {
    const p = principal(ROLE, doc(allow("iam:PassRole")), doc(allow("ec2:RunInstances")));
    expect(method(p, "ec2-001").decision).toBe("ALLOWED");
    expect(method(principal(ROLE, doc(allow("iam:PassRole"))), "ec2-001").decision).toBe("DENIED");
  });

  it("requires resource-scoped grants to cover the target", () => {
    expect(
      method(
        principal(ROLE, doc(allow("iam:PutRolePolicy", `arn:aws:iam::${A}:role/other`))),
        "iam-005",
      ).decision,
    ).toBe("DENIED");
    expect(
      method(
        principal(ROLE, doc(allow("iam:PutRolePolicy", `arn:aws:iam::${A}:role/a*`))),
        "iam-005",
      ).decision,
    ).toBe("ALLOWED");
    expect(
      method(
        principal(ROLE, doc(allow("iam:CreateAccessKey", `arn:aws:iam::999999999999:user/*`))),
        "iam-002",
      ).decision,
    ).toBe("DENIED");
  });

  it("honours condition-scoped grants: iam:PassedToService decides which service", () => {
    const lambdaOnly = doc(
      allow("iam:PassRole", "*", {
        Condition: { StringEquals: { "iam:PassedToService": "lambda.amazonaws.com" } },
      }),
      allow(["ec2:RunInstances", "lambda:CreateFunction", "lambda:InvokeFunction"]),
    );
    const p = principal(ROLE, lambdaOnly);
    expect(method(p, "lambda-001").decision).toBe("ALLOWED");
    expect(method(p, "ec2-001").decision).toBe("DENIED");
  });

  it("a condition that is always true does not hide a path; one never true does not create one", () => {
    const always = doc(
      allow("iam:PutRolePolicy", "*", { Condition: { StringLike: { "aws:PrincipalArn": "*" } } }),
    );
    expect(method(principal(ROLE, always), "iam-005").decision).toBe("ALLOWED");
    const always2 = doc(
      allow("iam:PutRolePolicy", "*", { Condition: { Null: { "aws:PrincipalAccount": "false" } } }),
    );
    expect(method(principal(ROLE, always2), "iam-005").decision).toBe("ALLOWED");
    const never = doc(
      allow("iam:PutRolePolicy", "*", {
        Condition: { StringEquals: { "aws:PrincipalAccount": "999999999999" } },
      }),
    );
    expect(method(principal(ROLE, never), "iam-005").decision).toBe("DENIED");
    const expired = doc(
      allow("iam:PutRolePolicy", "*", {
        Condition: { DateLessThan: { "aws:CurrentTime": "2001-01-01T00:00:00Z" } },
      }),
    );
    expect(method(principal(ROLE, expired), "iam-005").decision).toBe("DENIED");
  });

  it("reports request-time conditions as CONDITIONAL", () => {
    const mfa = doc(
      allow("iam:PutRolePolicy", "*", {
        Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
      }),
    );
    const found = method(principal(ROLE, mfa), "iam-005");
    expect(found.decision).toBe("CONDITIONAL");
    expect(found.reasons.join("\n")).toContain("aws:MultiFactorAuthPresent");
  });

  it("Allow and Deny of the same actions, in the same or separate policies", () => {
    const same = doc(allow("iam:PutRolePolicy"), deny("iam:PutRolePolicy"));
    expect(method(principal(ROLE, same), "iam-005").decision).toBe("DENIED");
    const separate = principal(ROLE, doc(allow("iam:*")), doc(deny("iam:Put*")));
    expect(method(separate, "iam-005").decision).toBe("DENIED");
    expect(method(separate, "iam-009").decision).toBe("ALLOWED");
    const passDenied = principal(
      ROLE,
      doc(allow(["iam:PassRole", "ec2:RunInstances"])),
      doc(deny("iam:PassRole")),
    );
    expect(method(passDenied, "ec2-001").decision).toBe("DENIED");
  });

  it("a Deny-only policy grants nothing", () => {
    const caps = analyzePrincipalCapabilities(principal(ROLE, doc(deny("*"))));
    expect(caps.administrator.decision).toBe("DENIED");
    expect(caps.privilegeEscalation.some((m) => m.decision !== "DENIED")).toBe(false);
    expect(caps.readAllS3.decision).toBe("DENIED");
  });

  it("grants limited to the AWS-managed policy namespace do not count for policy versions", () => {
    const awsManaged = doc(
      allow(
        ["iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion"],
        "arn:aws:iam::aws:policy/*",
      ),
    );
    expect(method(principal(ROLE, awsManaged), "iam-001").decision).toBe("DENIED");
    expect(method(principal(ROLE, awsManaged), "gr-iam-001").decision).toBe("DENIED");
  });

  it("NotAction allows count", () => {
    const notAction = doc({ Effect: "Allow", NotAction: ["s3:*"], Resource: "*" });
    expect(method(principal(ROLE, notAction), "iam-009").decision).toBe("ALLOWED");
    const powerUser = doc({
      Effect: "Allow",
      NotAction: ["iam:*", "organizations:*", "account:*"],
      Resource: "*",
    });
    expect(method(principal(ROLE, powerUser), "iam-009").decision).toBe("DENIED");
    expect(method(principal(ROLE, powerUser), "lambda-001").decision).toBe("DENIED");
  });

  it("does not apply user-only methods to roles", () => {
    const found = method(principal(ROLE, doc(allow("*"))), "iam-007");
    expect(found.decision).toBe("DENIED");
    expect(found.reasons[0]).toContain("not applicable");
  });

  it("uses the user's groups for group methods when known", () => {
    const p = {
      ...principal(USER, doc(allow("iam:PutGroupPolicy", `arn:aws:iam::${A}:group/admins`))),
      groupArns: [`arn:aws:iam::${A}:group/devs`],
    };
    expect(method(p, "iam-011").decision).toBe("DENIED");
    expect(
      method({ ...p, groupArns: [`arn:aws:iam::${A}:group/admins`] }, "iam-011").decision,
    ).toBe("ALLOWED");
  });
});

describe("analyzePrincipalCapabilities: administrator", () => {
  it("recognises AdministratorAccess and explains it", () => {
    const caps = analyzePrincipalCapabilities(principal(ROLE, ADMIN));
    expect(caps.administrator.decision).toBe("ALLOWED");
    expect(caps.administrator.reasons[0]).toContain("AdministratorAccess");
    expect(caps.readAllS3.decision).toBe("ALLOWED");
    expect(caps.writeAllS3.decision).toBe("ALLOWED");
    expect(caps.lateralMovement.every((l) => l.decision === "ALLOWED")).toBe(true);
  });

  it("is neutralised by a Deny", () => {
    expect(
      analyzePrincipalCapabilities(principal(ROLE, ADMIN, doc(deny("iam:*")))).administrator
        .decision,
    ).toBe("DENIED");
    expect(
      analyzePrincipalCapabilities(principal(ROLE, ADMIN, doc(deny("*")))).administrator.decision,
    ).toBe("DENIED");
  });

  it("is neutralised by a NotAction deny", () => {
    const notAction = doc({ Effect: "Deny", NotAction: ["s3:*", "ec2:*"], Resource: "*" });
    const caps = analyzePrincipalCapabilities(principal(ROLE, ADMIN, notAction));
    expect(caps.administrator.decision).toBe("DENIED");
    expect(caps.readAllS3.decision).toBe("ALLOWED");
    expect(caps.privilegeEscalation.find((m) => m.methodId === "iam-009")?.decision).toBe("DENIED");
  });

  it("is neutralised by a permissions boundary", () => {
    const caps = analyzePrincipalCapabilities({
      ...principal(ROLE, ADMIN),
      permissionsBoundary: doc(allow(["s3:*", "ec2:*"])),
    });
    expect(caps.administrator.decision).toBe("DENIED");
    expect(caps.administrator.reasons.join("\n")).toContain("boundary");
    expect(caps.privilegeEscalation.find((m) => m.methodId === "iam-005")?.decision).toBe("DENIED");
  });

  it("is neutralised by an SCP, at any level", () => {
    const full = doc(allow("*"));
    const noIam = doc(allow("*"), deny("iam:*"));
    const caps = analyzePrincipalCapabilities({
      ...principal(ROLE, ADMIN),
      scps: [[full], [noIam]],
    });
    expect(caps.administrator.decision).toBe("DENIED");
    expect(caps.administrator.reasons.join("\n")).toContain("scp");
    const onlyS3 = doc(allow("s3:*"));
    expect(
      analyzePrincipalCapabilities({ ...principal(ROLE, ADMIN), scps: [[full], [onlyS3], [full]] })
        .administrator.decision,
    ).toBe("DENIED");
    expect(
      analyzePrincipalCapabilities({ ...principal(ROLE, ADMIN), scps: [[full], [full]] })
        .administrator.decision,
    ).toBe("ALLOWED");
  });

  it("stays administrator under an SCP that only protects security services", () => {
    const full = doc(allow("*"));
    const protect = doc(
      allow("*"),
      deny(["cloudtrail:StopLogging", "cloudtrail:DeleteTrail", "guardduty:DeleteDetector", "config:StopConfigurationRecorder"]),
    );
    const caps = analyzePrincipalCapabilities({ ...principal(ROLE, ADMIN), scps: [[full], [protect]] });
    expect(caps.administrator.decision).toBe("ALLOWED");
  });

  it("SCP levels: allowed at the root but missing at an OU is denied", () => {
    const root = doc(allow("*"));
    const ou = doc(allow("s3:*"));
    const p = {
      ...principal(ROLE, doc(allow(["iam:PassRole", "ec2:RunInstances"]))),
      scps: [[root], [ou]],
    };
    const found = method(p, "ec2-001");
    expect(found.decision).toBe("DENIED");
    expect(found.reasons[0]).toContain("scp deny");
  });

  it("the management account and service-linked roles are not subject to SCPs", () => {
    const base = { ...principal(ROLE, ADMIN), scps: [[doc(deny("*"))]] };
    expect(analyzePrincipalCapabilities(base).administrator.decision).toBe("DENIED");
    expect(
      analyzePrincipalCapabilities({ ...base, isManagementAccount: true }).administrator.decision,
    ).toBe("ALLOWED");
    expect(
      analyzePrincipalCapabilities({ ...base, isServiceLinkedRole: true }).administrator.decision,
    ).toBe("ALLOWED");
  });

  it("counts a NotAction allow that leaves effectively everything, using the catalog", () => {
    const catalog = createActionCatalog(
      [
        { service: "iam", actions: [{ name: "CreateUser", accessLevel: "Write" }] },
        {
          service: "s3",
          actions: Array.from({ length: 40 }, (_, i) => ({ name: `Op${i}`, accessLevel: "Read" })),
        },
        { service: "aws-portal", actions: [{ name: "ViewBilling", accessLevel: "Read" }] },
      ],
      ["s3"],
    );
    const almostAll = doc({ Effect: "Allow", NotAction: ["aws-portal:*"], Resource: "*" });
    expect(
      analyzePrincipalCapabilities(principal(ROLE, almostAll), catalog).administrator.decision,
    ).toBe("ALLOWED");
    const halfOut = doc({ Effect: "Allow", NotAction: ["s3:*"], Resource: "*" });
    expect(
      analyzePrincipalCapabilities(principal(ROLE, halfOut), catalog).administrator.decision,
    ).toBe("DENIED");
  });

  it("read/write all S3 need every bucket", () => {
    const oneBucket = doc(
      allow(
        ["s3:GetObject", "s3:ListBucket", "s3:PutObject"],
        ["arn:aws:s3:::one", "arn:aws:s3:::one/*"],
      ),
    );
    const caps = analyzePrincipalCapabilities(principal(ROLE, oneBucket));
    expect(caps.readAllS3.decision).toBe("DENIED");
    expect(caps.writeAllS3.decision).toBe("DENIED");
    const readOnly = doc(allow(["s3:Get*", "s3:List*"]));
    const ro = analyzePrincipalCapabilities(principal(ROLE, readOnly));
    expect(ro.readAllS3.decision).toBe("ALLOWED");
    expect(ro.writeAllS3.decision).toBe("DENIED");
  });

  it("accepts URL-encoded documents", () => {
    const caps = analyzePrincipalCapabilities(principal(ROLE, encodeURIComponent(doc(allow("*")))));
    expect(caps.administrator.decision).toBe("ALLOWED");
  });
});

describe("createCapabilityAnalyzer", () => {
  it("gives the same answers as one-off analysis while sharing work between principals", () => {
    const analyzer = createCapabilityAnalyzer();
    const shared = doc(
      allow(["iam:PassRole", "ec2:RunInstances"]),
      allow("iam:PutRolePolicy", `arn:aws:iam::${A}:role/app-*`),
    );
    const perUser = doc(allow("iam:PutUserPolicy", `arn:aws:iam::${A}:user/\${aws:username}`));
    const cases: TPrincipalPolicies[] = [
      principal(`arn:aws:iam::${A}:role/app-1`, shared),
      principal(`arn:aws:iam::${A}:role/app-2`, shared),
      principal(`arn:aws:iam::${A}:role/other`, shared),
      principal(`arn:aws:iam::${A}:user/u1`, perUser),
      principal(`arn:aws:iam::${A}:user/u2`, perUser),
      { ...principal(ROLE, ADMIN), scps: [[doc(allow("*"))], [doc(allow("s3:*"))]] },
      {
        ...principal(`arn:aws:iam::${A}:role/x`, ADMIN),
        scps: [[doc(allow("*"))], [doc(allow("s3:*"))]],
      },
    ];
    for (const p of cases) expect(analyzer.analyze(p)).toEqual(analyzePrincipalCapabilities(p));
    const stats = analyzer.stats();
    expect(stats.hits).toBeGreaterThan(100);
    expect(stats.misses).toBeGreaterThan(0);
    expect(method(cases[2] as TPrincipalPolicies, "iam-005").decision).toBe("DENIED");
  });

  it("keeps each principal's policy names in the reasons", () => {
    const analyzer = createCapabilityAnalyzer();
    const text = doc(allow("iam:PutRolePolicy"));
    const first = analyzer.analyze(principal(ROLE, { name: "first-name", document: text }));
    const second = analyzer.analyze(principal(ROLE, { name: "second-name", document: text }));
    const reasons = (c: typeof first) =>
      c.privilegeEscalation.find((m) => m.methodId === "iam-005")?.reasons.join("\n");
    expect(reasons(first)).toContain("first-name");
    expect(reasons(second)).toContain("second-name");
  });
});

describe("analyzePrincipalCapabilities: denies on the granted part of a target", () => {
  it("an Allow and a Deny on the same narrower resources leave nothing", () => {
    const p = principal(
      ROLE,
      doc(
        allow("iam:CreateAccessKey", `arn:aws:iam::${A}:user/admin-*`),
        deny("iam:CreateAccessKey", `arn:aws:iam::${A}:user/admin-*`),
      ),
    );
    expect(method(p, "iam-002").decision).toBe("DENIED");
  });

  it("a Deny on part of the granted resources leaves the rest", () => {
    const p = principal(
      ROLE,
      doc(
        allow("iam:CreateAccessKey", `arn:aws:iam::${A}:user/*`),
        deny("iam:CreateAccessKey", `arn:aws:iam::${A}:user/admin-*`),
      ),
    );
    expect(method(p, "iam-002").decision).toBe("ALLOWED");
    const q = principal(
      ROLE,
      doc(
        allow("iam:CreateAccessKey", [
          `arn:aws:iam::${A}:user/admin-*`,
          `arn:aws:iam::${A}:user/dev-*`,
        ]),
        deny("iam:CreateAccessKey", `arn:aws:iam::${A}:user/admin-*`),
      ),
    );
    expect(method(q, "iam-002").decision).toBe("ALLOWED");
  });
});
