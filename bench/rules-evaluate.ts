// Benchmark: 1,000,000 synthetic resources through every applicable rule of @guardrail/rules.
// Run: npm run bench:rules -w @guardrail/bench [-- totalResources [resourcesPerAccount]] [-- --pass both|without-graph|full] [-- --profile]
//
// What it measures: building the rule context and running the rules in-process, one account at a
// time (a context per account of ~resourcesPerAccount resources, results streamed through
// onResult and only counted: nothing is persisted), the way a scan evaluates them, so memory stays
// bounded by one account's inventory. Generating the synthetic inventory is timed separately and
// left out of the throughput. Two measured passes over the same data:
//   1. "without the graph": every rule except aws.attack-path.* (those build an IAM access graph);
//   2. "full catalog": every rule; the attack-path rules build their access graph once per
//      account context here (the graph's own benchmark is bench:graph).
// --profile wraps every rule in a timer to list the slowest rules (that adds two clock reads per
// evaluation, ~10% of the time: throughput figures are taken without it).
// The target (≥ 100,000 resources/s on one core) is judged on CPU-seconds of evaluation, since
// wall-clock figures drop with the machine's load (printed beside every figure).
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import type { TCollectedResource, TResourceType, TServiceKey } from "@guardrail/collectors";
import { createCapabilityAnalyzer } from "@guardrail/iam";
import {
  buildRuleContext,
  evaluateRules,
  RULE_CATALOG,
  RULE_STATUSES,
  type TCollectionRecord,
  type TRuleDefinition,
  type TRuleStatus,
} from "@guardrail/rules";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    pass: { type: "string", default: "both" },
    /** Time every rule (costs ~2 clock reads per evaluation, so throughput is measured without it). */
    profile: { type: "boolean", default: false },
  },
});
const TOTAL = Number(positionals[0] ?? 1_000_000);
const PER_ACCOUNT = Number(positionals[1] ?? 1_000);
const PASS = values.pass;
if (!["both", "without-graph", "full"].includes(PASS)) throw new Error(`--pass must be both, without-graph or full, got ${PASS}`);
const TARGET_PER_CPU_S = 100_000;
const load = () => loadavg().map((l) => l.toFixed(1)).join(" ");
const REGIONS = ["us-east-1", "eu-west-1"];
const NOW = new Date("2026-06-01T00:00:00Z");
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000).toISOString();

const SERVICE: Record<string, TServiceKey> = {
  IAM: "iam", EC2: "ec2", S3: "s3", Lambda: "lambda", RDS: "rds", KMS: "kms", CloudTrail: "cloudtrail",
  GuardDuty: "guardduty", Config: "config", AccessAnalyzer: "accessanalyzer", SQS: "sqs", SNS: "sns", EKS: "eks",
};

function resource(type: TResourceType, accountId: string, region: string, id: string, configuration: Record<string, unknown>): TCollectedResource {
  const service = SERVICE[type.split("::")[1] ?? ""] ?? "ec2";
  return { accountId, region, service, resourceType: type, resourceId: id, name: null, tags: {}, configuration };
}

const doc = (statements: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const ROLE_POLICIES = [
  [{ PolicyName: "app", PolicyDocument: doc([{ Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::app/*" }]) }],
  [{ PolicyName: "admin", PolicyDocument: doc([{ Effect: "Allow", Action: "*", Resource: "*" }]) }],
  [{ PolicyName: "ops", PolicyDocument: doc([{ Effect: "Allow", Action: ["ssm:StartSession", "s3:GetObject", "s3:ListBucket"], Resource: "*" }]) }],
];

/** One account's inventory: ~PER_ACCOUNT resources of a realistic mix. */
function generateAccount(index: number, size: number): TCollectedResource[] {
  const acct = String(100000000000 + index);
  const out: TCollectedResource[] = [];
  out.push(resource("AWS::IAM::AccountSettings", acct, "global", `arn:aws:iam::${acct}:account-settings`, {
    AccountSummary: { AccountMFAEnabled: 1, AccountAccessKeysPresent: index % 7 === 0 ? 1 : 0 },
    PasswordPolicy: index % 2 ? { MinimumPasswordLength: 14, PasswordReusePrevention: 24 } : null,
    RootCredentialReport: { user: "<root_account>", password_last_used: daysAgo(index % 90), access_key_1_last_used_date: "N/A", access_key_2_last_used_date: "N/A" },
    VirtualMFADevices: [],
  }));
  out.push(resource("AWS::S3::AccountPublicAccessBlock", acct, "global", `arn:aws:s3:::account/${acct}`, { PublicAccessBlockConfiguration: index % 3 ? { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } : null }));
  for (let r = 0; r < 3; r++) {
    const roleArn = `arn:aws:iam::${acct}:role/app-${r}`;
    out.push(resource("AWS::IAM::Role", acct, "global", roleArn, {
      RoleName: `app-${r}`, Arn: roleArn, Path: "/",
      AssumeRolePolicyDocument: doc([{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }]),
      RolePolicyList: ROLE_POLICIES[r], AttachedManagedPolicies: [],
      InstanceProfileList: [{ Arn: `arn:aws:iam::${acct}:instance-profile/app-${r}` }],
    }));
  }
  for (const region of REGIONS) {
    out.push(resource("AWS::EC2::RegionalSettings", acct, region, `arn:aws:ec2:${region}:${acct}:regional-settings`, { EbsEncryptionByDefault: index % 2 === 0, InstanceMetadataDefaults: null }));
    out.push(resource("AWS::GuardDuty::RegionalSettings", acct, region, `arn:aws:guardduty:${region}:${acct}:regional-settings`, { Detectors: [{ DetectorId: "d", Status: "ENABLED" }] }));
    out.push(resource("AWS::Config::RegionalSettings", acct, region, `arn:aws:config:${region}:${acct}:regional-settings`, { ConfigurationRecorders: [], ConfigurationRecordersStatus: [] }));
    out.push(resource("AWS::AccessAnalyzer::RegionalSettings", acct, region, `arn:aws:access-analyzer:${region}:${acct}:regional-settings`, { Analyzers: [] }));
    for (let s = 0; s < 10; s++) {
      out.push(resource("AWS::EC2::SecurityGroup", acct, region, `arn:aws:ec2:${region}:${acct}:security-group/sg-${s}`, {
        GroupId: `sg-${s}`, GroupName: s === 0 ? "default" : `sg-${s}`, VpcId: "vpc-1",
        IpPermissions: [{ IpProtocol: "tcp", FromPort: s * 100, ToPort: s * 100 + 22, IpRanges: [{ CidrIp: s % 3 ? "10.0.0.0/8" : "0.0.0.0/0" }], Ipv6Ranges: [] }],
        IpPermissionsEgress: [],
      }));
    }
    out.push(resource("AWS::EC2::VPC", acct, region, `arn:aws:ec2:${region}:${acct}:vpc/vpc-1`, { VpcId: "vpc-1" }));
  }
  const mix: ((i: number, region: string) => TCollectedResource)[] = [
    (i, region) => resource("AWS::EC2::Instance", acct, region, `arn:aws:ec2:${region}:${acct}:instance/i-${i}`, {
      InstanceId: `i-${i}`, State: { Name: "running" }, MetadataOptions: { HttpTokens: i % 4 ? "required" : "optional", HttpEndpoint: "enabled" },
      PublicIpAddress: i % 5 ? undefined : `3.0.${i % 250}.${index % 250}`, SecurityGroups: [{ GroupId: `sg-${i % 10}` }],
      IamInstanceProfile: { Arn: `arn:aws:iam::${acct}:instance-profile/app-${i % 3}` },
    }),
    (i, region) => resource("AWS::EC2::Volume", acct, region, `arn:aws:ec2:${region}:${acct}:volume/vol-${i}`, { VolumeId: `vol-${i}`, Encrypted: i % 3 !== 0 }),
    (i, region) => resource("AWS::S3::Bucket", acct, region, `arn:aws:s3:::b-${acct}-${i}`, {
      Name: `b-${acct}-${i}`, Policy: i % 4 ? null : doc([{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "*" }]),
      Acl: { Grants: [] }, PublicAccessBlockConfiguration: null, Versioning: { Status: i % 2 ? "Enabled" : null }, LoggingEnabled: null, LifecycleRules: [],
    }),
    (i) => resource("AWS::IAM::User", acct, "global", `arn:aws:iam::${acct}:user/u-${i}`, {
      UserName: `u-${i}`, UserPolicyList: [], AttachedManagedPolicies: [], MFADevices: [],
      CredentialReport: { user: `u-${i}`, password_enabled: String(i % 2 === 0), password_last_used: daysAgo(i % 120), mfa_active: String(i % 3 === 0), access_key_1_active: "true", access_key_1_last_rotated: daysAgo(i % 500), access_key_1_last_used_date: daysAgo(i % 60), access_key_2_active: "false" },
    }),
    (i, region) => resource("AWS::Lambda::Function", acct, region, `arn:aws:lambda:${region}:${acct}:function:f-${i}`, { FunctionName: `f-${i}`, Runtime: i % 3 ? "python3.12" : "python3.8", Role: `arn:aws:iam::${acct}:role/app-${i % 3}`, Policy: null }),
    (i, region) => resource("AWS::RDS::DBInstance", acct, region, `arn:aws:rds:${region}:${acct}:db:db-${i}`, { DBInstanceIdentifier: `db-${i}`, PubliclyAccessible: i % 9 === 0, StorageEncrypted: true, BackupRetentionPeriod: i % 2 ? 7 : 1, DeletionProtection: false, AutoMinorVersionUpgrade: true }),
    (i, region) => resource("AWS::KMS::Key", acct, region, `arn:aws:kms:${region}:${acct}:key/k-${i}`, { KeyMetadata: { KeyId: `k-${i}`, KeyManager: "CUSTOMER", KeySpec: "SYMMETRIC_DEFAULT", KeyState: "Enabled", Origin: "AWS_KMS" }, KeyRotationEnabled: i % 2 === 0 }),
    (i, region) => resource("AWS::SQS::Queue", acct, region, `arn:aws:sqs:${region}:${acct}:q-${i}`, { QueueUrl: `https://sqs/${i}`, Attributes: { SqsManagedSseEnabled: "true" } }),
  ];
  const weights = [35, 25, 10, 10, 8, 4, 4, 4]; // out of 100
  let i = 0;
  while (out.length < size) {
    let pick = i % 100;
    let k = 0;
    while (pick >= (weights[k] ?? 100)) pick -= weights[k++] ?? 0;
    out.push((mix[k] ?? mix[0]!)(i, REGIONS[i % REGIONS.length]!));
    i++;
  }
  return out;
}

function collectionsOf(resources: TCollectedResource[]): TCollectionRecord[] {
  const seen = new Map<string, TCollectionRecord>();
  for (const r of resources) seen.set(`${r.accountId}|${r.region}|${r.service}`, { accountId: r.accountId, region: r.region, service: r.service, status: "COMPLETE" });
  return [...seen.values()];
}

const cpuMsOf = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
const isGraphRule = (rule: TRuleDefinition) => rule.id.startsWith("aws.attack-path.");

interface TPassResult {
  label: string;
  rules: number;
  evaluated: number;
  results: number;
  counts: Record<TRuleStatus, number>;
  totalMs: number;
  generationMs: number;
  evalMs: number;
  evalCpuMs: number;
  ruleMs: Map<string, number>;
}

/** One measured pass of TOTAL resources through `catalog`. */
function runPass(label: string, catalog: readonly TRuleDefinition[]): TPassResult {
  // Time spent in each rule with --profile (wall clock inside evaluate; a rule family's memoised
  // context work, e.g. the access graph of the attack-path rules, lands on the first rule that asks).
  const ruleMs = new Map<string, number>();
  const timed: readonly TRuleDefinition[] = !values.profile
    ? catalog
    : catalog.map((rule) => ({
        ...rule,
        evaluate(resource, ctx) {
          const s = performance.now();
          try {
            return rule.evaluate(resource, ctx);
          } finally {
            ruleMs.set(rule.id, (ruleMs.get(rule.id) ?? 0) + performance.now() - s);
          }
        },
      }));
  const counts = Object.fromEntries(RULE_STATUSES.map((s) => [s, 0])) as Record<TRuleStatus, number>;
  let evaluated = 0;
  let results = 0;
  let generationMs = 0;
  let generationCpuMs = 0;
  // One worker process evaluates many accounts: it shares one IAM capability analyzer (bounded memo).
  const iamCapabilityAnalyzer = createCapabilityAnalyzer();
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  for (let account = 0; evaluated < TOTAL; account++) {
    const g0 = performance.now();
    const c0 = process.cpuUsage();
    const resources = generateAccount(account, Math.min(PER_ACCOUNT, TOTAL - evaluated));
    generationCpuMs += cpuMsOf(process.cpuUsage(c0));
    generationMs += performance.now() - g0;
    const ctx = buildRuleContext({ resources, collections: collectionsOf(resources), now: NOW, iamCapabilityAnalyzer });
    const out = evaluateRules({ rules: timed, ctx, onResult: () => { results++; } });
    for (const s of RULE_STATUSES) counts[s] += out.counts[s];
    evaluated += resources.length;
  }
  const totalMs = performance.now() - start;
  const evalCpuMs = cpuMsOf(process.cpuUsage(cpuStart)) - generationCpuMs;
  return { label, rules: catalog.length, evaluated, results, counts, totalMs, generationMs, evalMs: totalMs - generationMs, evalCpuMs, ruleMs };
}

function report(p: TPassResult) {
  const perCpuS = Math.round(p.evaluated / (p.evalCpuMs / 1000));
  console.log(`\n== ${p.label}: ${p.rules} rules; load average ${load()}`);
  console.log(`resources evaluated:     ${p.evaluated.toLocaleString("en-US")} (${PER_ACCOUNT} per account context)`);
  console.log(`rule results:            ${p.results.toLocaleString("en-US")} ${JSON.stringify(p.counts)}`);
  console.log(`wall time:               ${(p.totalMs / 1000).toFixed(2)} s (synthetic data generation ${(p.generationMs / 1000).toFixed(2)} s, left out below)`);
  console.log(`throughput (wall):       ${Math.round(p.evaluated / (p.evalMs / 1000)).toLocaleString("en-US")} resources/s, ${Math.round(p.results / (p.evalMs / 1000)).toLocaleString("en-US")} results/s (drops with load)`);
  console.log(
    `throughput (CPU):        ${perCpuS.toLocaleString("en-US")} resources per CPU-second of evaluation (context build + rules) ` +
      `[target ≥ ${TARGET_PER_CPU_S.toLocaleString("en-US")}: ${perCpuS >= TARGET_PER_CPU_S ? "PASS" : "FAIL"}]`,
  );
  if (p.ruleMs.size === 0) return;
  const inRules = [...p.ruleMs.values()].reduce((a, b) => a + b, 0);
  console.log(`time in rules (--profile): ${(inRules / 1000).toFixed(2)} s of ${(p.evalMs / 1000).toFixed(2)} s evaluation; slowest rules:`);
  for (const [id, ms] of [...p.ruleMs].sort((a, b) => b[1] - a[1]).slice(0, 5)) {
    console.log(`  ${id.padEnd(58)} ${(ms / 1000).toFixed(2)} s (${((100 * ms) / p.evalMs).toFixed(1)}%)`);
  }
}

console.log(`rules in catalog: ${RULE_CATALOG.length} (${RULE_CATALOG.filter(isGraphRule).length} aws.attack-path.* rules build an access graph); load average ${load()}`);
if (PASS !== "full") report(runPass("without the graph (every rule but aws.attack-path.*)", RULE_CATALOG.filter((r) => !isGraphRule(r))));
if (PASS !== "without-graph") report(runPass("full catalog (attack-path rules build the access graph per account context)", RULE_CATALOG));
console.log(`\npeak RSS:                ${((process.resourceUsage().maxRSS * 1024) / 2 ** 20).toFixed(0)} MiB (both passes); load average ${load()}`);
