import * as EC2 from "@aws-sdk/client-ec2";
import * as IAM from "@aws-sdk/client-iam";
import * as S3 from "@aws-sdk/client-s3";
import * as KMS from "@aws-sdk/client-kms";
import * as STS from "@aws-sdk/client-sts";
import * as LAMBDA from "@aws-sdk/client-lambda";
import * as AA from "@aws-sdk/client-accessanalyzer";
import { afterEach, describe, expect, it } from "vitest";
import type { TSandbox, TWorldBehaviour } from "../src/index";
import { assumeScannerRole, clientConfig, startTestSandbox, type TCredentials } from "./sandbox-fixture";
import { buildTestWorld, MEMBER } from "./test-world";

let sandbox: TSandbox | undefined;
afterEach(async () => {
  await sandbox?.stop();
  sandbox = undefined;
});

async function startWith(behaviour: TWorldBehaviour, extra: { clock?: () => number; seed?: number; log?: (line: string) => void } = {}): Promise<{ sandbox: TSandbox; member: TCredentials }> {
  const world = buildTestWorld();
  world.behaviour = behaviour;
  sandbox = await startTestSandbox({ world, ...extra });
  return { sandbox, member: await assumeScannerRole(sandbox, MEMBER) };
}

describe("throttling (token bucket per account and service)", () => {
  it("answers each service's own throttling error once the bucket is empty", async () => {
    let now = 1_000_000;
    const { sandbox: s, member } = await startWith(
      { throttle: { ec2: { burst: 2, refillPerSecond: 1 }, iam: { burst: 1, refillPerSecond: 1 }, s3: { burst: 1, refillPerSecond: 1 }, kms: { burst: 1, refillPerSecond: 1 } } },
      { clock: () => now },
    );
    const ec2 = new EC2.EC2Client(clientConfig(s, member));
    await ec2.send(new EC2.DescribeVpcsCommand({}));
    await ec2.send(new EC2.DescribeVpcsCommand({}));
    await expect(ec2.send(new EC2.DescribeVpcsCommand({}))).rejects.toMatchObject({ name: "RequestLimitExceeded", $metadata: { httpStatusCode: 503 } });
    const iam = new IAM.IAMClient(clientConfig(s, member));
    await iam.send(new IAM.ListAccountAliasesCommand({}));
    await expect(iam.send(new IAM.ListAccountAliasesCommand({}))).rejects.toMatchObject({ name: "Throttling", $metadata: { httpStatusCode: 400 } });
    const s3 = new S3.S3Client({ ...clientConfig(s, member), forcePathStyle: true });
    await s3.send(new S3.ListBucketsCommand({}));
    await expect(s3.send(new S3.ListBucketsCommand({}))).rejects.toMatchObject({ name: "SlowDown", $metadata: { httpStatusCode: 503 } });
    const kms = new KMS.KMSClient(clientConfig(s, member));
    await kms.send(new KMS.ListKeysCommand({}));
    await expect(kms.send(new KMS.ListKeysCommand({}))).rejects.toMatchObject({ name: "ThrottlingException", $metadata: { httpStatusCode: 400 } });
    expect(s.stats().throttled).toBe(4);
    now += 1000;
    await expect(ec2.send(new EC2.DescribeVpcsCommand({}))).resolves.toBeDefined();
  });

  it("keeps one bucket per account: another account is not throttled", async () => {
    const { sandbox: s, member } = await startWith({ throttle: { ec2: { burst: 1, refillPerSecond: 0 } } });
    const management = await assumeScannerRole(s, "111111111111");
    await new EC2.EC2Client(clientConfig(s, member)).send(new EC2.DescribeVpcsCommand({}));
    await expect(new EC2.EC2Client(clientConfig(s, member)).send(new EC2.DescribeVpcsCommand({}))).rejects.toMatchObject({ name: "RequestLimitExceeded" });
    await expect(new EC2.EC2Client(clientConfig(s, management)).send(new EC2.DescribeVpcsCommand({}))).resolves.toBeDefined();
  });

  it("lets the SDK's retries ride out a short throttle", async () => {
    const { sandbox: s, member } = await startWith({ throttle: { ec2: { burst: 1, refillPerSecond: 20 } } });
    const ec2 = new EC2.EC2Client({ ...clientConfig(s, member), maxAttempts: 5 });
    const results = await Promise.all(Array.from({ length: 3 }, () => ec2.send(new EC2.DescribeVpcsCommand({}))));
    expect(results).toHaveLength(3);
    expect(s.stats().throttled).toBeGreaterThan(0);
  });
});

describe("injected faults", () => {
  it("matches account/region/service/operation in order and maps codes to statuses", async () => {
    const { sandbox: s, member } = await startWith({
      faults: [
        { account: MEMBER, region: "eu-west-1", service: "ec2", operation: "DescribeInstances", error: "UnauthorizedOperation", probability: 1 },
        { service: "iam", operation: "GetAccountSummary", error: "AccessDenied" },
        { service: "s3", operation: "GetBucketPolicy", error: "InternalError" },
        { service: "kms", error: "AccessDeniedException" },
        { service: "lambda", error: "ServiceUnavailable" },
      ],
    });
    const euEc2 = new EC2.EC2Client(clientConfig(s, member, "eu-west-1"));
    await expect(euEc2.send(new EC2.DescribeInstancesCommand({}))).rejects.toMatchObject({ name: "UnauthorizedOperation", $metadata: { httpStatusCode: 403 } });
    await expect(euEc2.send(new EC2.DescribeVpcsCommand({}))).resolves.toBeDefined();
    await expect(new EC2.EC2Client(clientConfig(s, member)).send(new EC2.DescribeInstancesCommand({}))).resolves.toBeDefined();
    await expect(new IAM.IAMClient(clientConfig(s, member)).send(new IAM.GetAccountSummaryCommand({}))).rejects.toMatchObject({ name: "AccessDenied", $metadata: { httpStatusCode: 403 } });
    await expect(new S3.S3Client({ ...clientConfig(s, member), forcePathStyle: true }).send(new S3.GetBucketPolicyCommand({ Bucket: "public-site" }))).rejects.toMatchObject({ name: "InternalError", $metadata: { httpStatusCode: 500 } });
    await expect(new KMS.KMSClient(clientConfig(s, member)).send(new KMS.ListKeysCommand({}))).rejects.toMatchObject({ name: "AccessDeniedException", $metadata: { httpStatusCode: 403 } });
    await expect(new LAMBDA.LambdaClient(clientConfig(s, member)).send(new LAMBDA.ListFunctionsCommand({}))).rejects.toMatchObject({ name: "ServiceUnavailable", $metadata: { httpStatusCode: 503 } });
    expect(s.stats().faults).toBe(5);
  });

  it("accepts signing names (access-analyzer, config) as well as service keys", async () => {
    const { sandbox: s, member } = await startWith({ faults: [{ service: "access-analyzer", error: "AccessDeniedException" }], throttle: { "access-analyzer": { burst: 1, refillPerSecond: 0 } } });
    const aa = new AA.AccessAnalyzerClient(clientConfig(s, member));
    await expect(aa.send(new AA.ListAnalyzersCommand({}))).rejects.toMatchObject({ name: "AccessDeniedException" });
    await expect(aa.send(new AA.ListAnalyzersCommand({}))).rejects.toMatchObject({ name: "ThrottlingException" });
  });

  it("rolls probabilities with the seeded PRNG: same seed, same outcomes", async () => {
    const outcomes: string[] = [];
    for (const _run of [1, 2]) {
      const { sandbox: s, member } = await startWith({ faults: [{ service: "ec2", error: "InternalError", probability: 0.5 }] }, { seed: 7 });
      const ec2 = new EC2.EC2Client(clientConfig(s, member));
      let line = "";
      for (let i = 0; i < 20; i++) line += (await ec2.send(new EC2.DescribeVpcsCommand({})).then(() => ".", () => "x"));
      outcomes.push(line);
      await s.stop();
      sandbox = undefined;
    }
    expect(outcomes[0]).toBe(outcomes[1]);
    expect(outcomes[0]).toMatch(/x/);
    expect(outcomes[0]).toMatch(/\./);
  });

  it("holds the connection open for a timeout fault until the client gives up", async () => {
    const { sandbox: s, member } = await startWith({ faults: [{ service: "ec2", operation: "DescribeVolumes", error: "timeout" }] });
    const ec2 = new EC2.EC2Client({ ...clientConfig(s, member), requestHandler: { requestTimeout: 300, throwOnRequestTimeout: true } });
    const started = Date.now();
    await expect(ec2.send(new EC2.DescribeVolumesCommand({}))).rejects.toMatchObject({ name: "TimeoutError" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    await expect(ec2.send(new EC2.DescribeVpcsCommand({}))).resolves.toBeDefined();
  });
});

describe("latency, stats and unknown operations", () => {
  it("adds latencyMs to every answer", async () => {
    const { sandbox: s, member } = await startWith({ latencyMs: 120 });
    const started = Date.now();
    await new STS.STSClient(clientConfig(s, member)).send(new STS.GetCallerIdentityCommand({}));
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
  });

  it("counts operations and reports operations it does not serve, as AWS answers unknown actions", async () => {
    const lines: string[] = [];
    const { sandbox: s, member } = await startWith({}, { log: (line) => lines.push(line) });
    s.resetStats();
    const ec2 = new EC2.EC2Client(clientConfig(s, member));
    await ec2.send(new EC2.DescribeVpcsCommand({}));
    await expect(ec2.send(new EC2.DescribeImagesCommand({}))).rejects.toMatchObject({ name: "InvalidAction", $metadata: { httpStatusCode: 400 } });
    await expect(new IAM.IAMClient(clientConfig(s, member)).send(new IAM.ListUsersCommand({}))).rejects.toMatchObject({ name: "InvalidAction" });
    await expect(new KMS.KMSClient(clientConfig(s, member)).send(new KMS.ListAliasesCommand({}))).rejects.toMatchObject({ name: "UnknownOperationException" });
    await expect(new LAMBDA.LambdaClient(clientConfig(s, member)).send(new LAMBDA.GetFunctionCommand({ FunctionName: "public-fn" }))).rejects.toMatchObject({ name: "UnknownOperationException", $metadata: { httpStatusCode: 404 } });
    await expect(new S3.S3Client({ ...clientConfig(s, member), forcePathStyle: true }).send(new S3.GetBucketCorsCommand({ Bucket: "public-site" }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
    const stats = s.stats();
    expect(stats.byOperation["ec2:DescribeVpcs"]).toBe(1);
    expect(stats.unknownOperations).toEqual(["ec2:DescribeImages", "iam:ListUsers", "kms:ListAliases", "lambda:GET /2015-03-31/functions/public-fn", "s3:GET /{Bucket}?cors"]);
    expect(lines.filter((line) => line.startsWith("unknown operation"))).toHaveLength(5);
    expect(lines.join("\n")).not.toContain(member.secretAccessKey);
  });
});
