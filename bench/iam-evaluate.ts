/**
 * Per-call cost of the IAM engine on typical roles: analyzePrincipalCapabilities (≈100 checks:
 * administrator, 28 escalation methods, lateral movement, S3-wide access) and evaluateRequest.
 * "warm": the documents are shared between principals (managed policies; parse cache hot);
 * "cold": every principal has its own document text (inline policies; parsed each time).
 *
 *   npx tsx bench/iam-evaluate.ts [iterations]
 */
import {
  analyzePrincipalCapabilities,
  createCapabilityAnalyzer,
  evaluateRequest,
  loadActionCatalog,
  summarizeEffectivePermissions,
  type TPrincipalPolicies,
} from "@guardrail/iam";

const ITERATIONS = Number(process.argv[2] ?? 2000);
const ACCOUNT = "111111111111";

function doc(...statements: Record<string, unknown>[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

function inlinePolicies(salt: string): { name: string; document: string }[] {
  return [
    {
      name: `s3-app-${salt}`,
      document: doc({
        Sid: "Data",
        Effect: "Allow",
        Action: ["s3:GetObject", "s3:PutObject", "s3:ListBucket"],
        Resource: [`arn:aws:s3:::app-${salt}`, `arn:aws:s3:::app-${salt}/*`],
        Condition: { Bool: { "aws:SecureTransport": "true" } },
      }),
    },
    {
      name: `pass-${salt}`,
      document: doc(
        {
          Effect: "Allow",
          Action: "iam:PassRole",
          Resource: `arn:aws:iam::${ACCOUNT}:role/lambda-${salt}-*`,
          Condition: { StringEquals: { "iam:PassedToService": "lambda.amazonaws.com" } },
        },
        {
          Effect: "Allow",
          Action: ["lambda:CreateFunction", "lambda:InvokeFunction", "lambda:UpdateFunctionCode"],
          Resource: `arn:aws:lambda:*:${ACCOUNT}:function:${salt}-*`,
        },
      ),
    },
    {
      name: `ec2-${salt}`,
      document: doc({
        Effect: "Allow",
        Action: ["ec2:Describe*", "ec2:StartInstances", "ec2:StopInstances"],
        Resource: "*",
        Condition: { StringEquals: { "aws:RequestedRegion": ["eu-west-1", "us-east-1"] } },
      }),
    },
    {
      name: `ddb-${salt}`,
      document: doc({
        Effect: "Allow",
        Action: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"],
        Resource: `arn:aws:dynamodb:*:${ACCOUNT}:table/${salt}`,
      }),
    },
    {
      name: `mfa-${salt}`,
      document: doc({
        Sid: "RequireMfa",
        Effect: "Deny",
        NotAction: ["iam:ChangePassword", "sts:GetSessionToken"],
        Resource: "*",
        Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
      }),
    },
  ];
}

/** Prints wall-clock and CPU µs per call (CPU time is steadier on a shared, loaded machine). */
function time(label: string, iterations: number, run: (i: number) => void): void {
  for (let i = 0; i < Math.min(200, iterations); i++) run(i);
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) run(i + 1_000_000);
  const wall = Number(process.hrtime.bigint() - start) / 1000 / iterations;
  const cpuUsed = process.cpuUsage(cpuStart);
  const cpu = (cpuUsed.user + cpuUsed.system) / iterations;
  console.log(
    `${label.padEnd(92)} ${wall.toFixed(1).padStart(9)} µs wall ${cpu.toFixed(1).padStart(9)} µs CPU`,
  );
}

async function main(): Promise<void> {
  const loadStart = Date.now();
  const catalog = await loadActionCatalog();
  console.log(
    `loadActionCatalog: ${Date.now() - loadStart} ms, ${catalog.actions.size} actions, ${catalog.byService.size} services`,
  );

  const admin = {
    name: "AdministratorAccess",
    arn: "arn:aws:iam::aws:policy/AdministratorAccess",
    document: doc({ Effect: "Allow", Action: "*", Resource: "*" }),
  };
  const readOnlyActions = [...catalog.byService.keys()].flatMap((s) => [
    `${s}:Get*`,
    `${s}:List*`,
    `${s}:Describe*`,
  ]);
  const readOnly = {
    name: "ReadOnlyAccess",
    arn: "arn:aws:iam::aws:policy/ReadOnlyAccess",
    document: doc({ Effect: "Allow", Action: readOnlyActions, Resource: "*" }),
  };
  console.log(
    `ReadOnly-like policy: ${readOnlyActions.length} action patterns, ${readOnly.document.length} bytes`,
  );
  const scps = [
    [doc({ Effect: "Allow", Action: "*", Resource: "*" })],
    [
      doc(
        { Effect: "Allow", Action: "*", Resource: "*" },
        {
          Effect: "Deny",
          Action: ["organizations:LeaveOrganization", "cloudtrail:StopLogging"],
          Resource: "*",
        },
      ),
    ],
  ];

  const role = (
    i: number,
    policies: TPrincipalPolicies["identityPolicies"],
    extra: Partial<TPrincipalPolicies> = {},
  ): TPrincipalPolicies => ({
    principalArn: `arn:aws:iam::${ACCOUNT}:role/role-${i}`,
    accountId: ACCOUNT,
    identityPolicies: policies,
    ...extra,
  });
  const shared = inlinePolicies("shared");
  const profiles: [string, (i: number) => TPrincipalPolicies][] = [
    ["AdministratorAccess", (i) => role(i, [admin])],
    ["ReadOnly-like", (i) => role(i, [readOnly])],
    ["5 inline policies (warm)", (i) => role(i, shared)],
    [
      "5 inline policies (cold: unique text per principal)",
      (i) => role(i, inlinePolicies(String(i))),
    ],
    [
      "Admin + ReadOnly + 5 inline + 2 SCP levels (warm)",
      (i) => role(i, [admin, readOnly, ...shared], { scps }),
    ],
    [
      "ReadOnly + 5 inline + boundary + SCPs (cold)",
      (i) =>
        role(i, [readOnly, ...inlinePolicies(String(i))], {
          scps,
          permissionsBoundary: readOnly.document,
        }),
    ],
  ];
  for (const [label, build] of profiles) {
    time(
      `analyzePrincipalCapabilities: ${label}`,
      ITERATIONS,
      (i) => void analyzePrincipalCapabilities(build(i), catalog),
    );
  }
  for (const [label, build] of profiles) {
    const analyzer = createCapabilityAnalyzer({ catalog });
    time(
      `createCapabilityAnalyzer().analyze: ${label}`,
      ITERATIONS,
      (i) => void analyzer.analyze(build(i)),
    );
  }
  const p = role(1, [admin, readOnly, ...shared]);
  time(
    "evaluateRequest: s3:GetObject, 7 policies + 2 SCP levels",
    ITERATIONS * 10,
    (i) =>
      void evaluateRequest({
        principal: { arn: p.principalArn, accountId: ACCOUNT },
        action: "s3:GetObject",
        resource: { arn: `arn:aws:s3:::app-shared/k${i % 100}`, accountId: ACCOUNT },
        identityPolicies: p.identityPolicies,
        scps,
        catalog,
      }),
  );
  for (const [label, policies] of [
    ["AdministratorAccess", [admin]],
    ["ReadOnly-like + 5 inline", [readOnly, ...shared]],
  ] as const) {
    time(
      `summarizeEffectivePermissions: ${label}`,
      5,
      () => void summarizeEffectivePermissions(role(1, [...policies]), catalog),
    );
  }
  const rss = process.memoryUsage().rss / 1024 / 1024;
  console.log(`peak-ish RSS: ${rss.toFixed(0)} MB`);
}

await main();
