/**
 * Sandbox throughput: starts the AWS sandbox in-process on a built world, fires list calls
 * through real SDK v3 clients (many in flight) and prints requests/s and p50/p99 latency.
 *
 *   npx tsx bench/sandbox-throughput.ts [--requests 6000] [--replay 12000] [--concurrency 64] [--accounts 8] [--same-thread]
 *
 * By default the sandbox runs in a worker thread of this process so that the SDK clients
 * (which cost more CPU per call than the sandbox does) do not share its event loop; pass
 * --same-thread to measure both on one thread.
 */
import { availableParallelism, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { performance } from "node:perf_hooks";
import { Agent, request as httpRequest } from "node:http";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { DescribeInstancesCommand, DescribeSecurityGroupsCommand, DescribeVpcsCommand, EC2Client } from "@aws-sdk/client-ec2";
import { IAMClient, ListAccountAliasesCommand } from "@aws-sdk/client-iam";
import { ListBucketsCommand, S3Client } from "@aws-sdk/client-s3";
import { ListAccountsCommand, OrganizationsClient } from "@aws-sdk/client-organizations";
import { KMSClient, ListKeysCommand } from "@aws-sdk/client-kms";
import { LambdaClient, ListFunctionsCommand } from "@aws-sdk/client-lambda";
import { startSandbox, type TWorld, type TWorldAccount } from "@guardrail/aws-sandbox";

const VENDOR = { accountId: "999999999999", userName: "bench", accessKeyId: "AKIABENCHVENDOR00001", secretAccessKey: "benchSecret0000000000000000000000000000" };
const EXTERNAL_ID = "bench-external-id";

function buildBenchWorld(accountCount: number): TWorld {
  const ids = Array.from({ length: accountCount }, (_, i) => String(100000000000 + i));
  const trust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${VENDOR.accountId}:root` }, Action: "sts:AssumeRole", Condition: { StringEquals: { "sts:ExternalId": EXTERNAL_ID } } }] });
  const accounts: TWorldAccount[] = ids.map((id, a) => ({
    Id: id,
    Arn: `arn:aws:organizations::${ids[0]}:account/o-bench/${id}`,
    Name: `bench-${a}`,
    Email: `bench-${a}@example.com`,
    Status: "ACTIVE",
    JoinedMethod: "CREATED",
    JoinedTimestamp: "now-100d",
    ParentId: "r-bench",
    iam: { AuthorizationDetails: { RoleDetailList: [{ RoleName: "Scanner", Arn: `arn:aws:iam::${id}:role/Scanner`, RoleId: `AROA${id}`, AssumeRolePolicyDocument: trust }] }, AccountAliases: [`bench-${a}`] },
    s3: { Buckets: Array.from({ length: 20 }, (_, b) => ({ Name: `bench-${id}-${b}`, CreationDate: "now-10d", BucketRegion: "us-east-1" })) },
    regions: {
      "us-east-1": {
        ec2: {
          Instances: Array.from({ length: 25 }, (_, i) => ({ InstanceId: `i-${a}${String(i).padStart(6, "0")}`, InstanceType: "t3.micro", LaunchTime: "now-5d", State: { Code: 16, Name: "running" }, SecurityGroups: [{ GroupId: "sg-1", GroupName: "web" }], Tags: [{ Key: "Name", Value: `node-${i}` }], MetadataOptions: { HttpTokens: "required" } })),
          SecurityGroups: Array.from({ length: 10 }, (_, g) => ({ GroupId: `sg-${g}`, GroupName: `group-${g}`, VpcId: "vpc-1", IpPermissions: [{ IpProtocol: "tcp", FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: "0.0.0.0/0" }] }] })),
          Vpcs: [{ VpcId: "vpc-1", CidrBlock: "10.0.0.0/16", IsDefault: false, State: "available" }],
        },
        kms: { Keys: Array.from({ length: 5 }, (_, k) => ({ KeyMetadata: { KeyId: `key-${k}`, KeyState: "Enabled" } })) },
        lambda: { Functions: Array.from({ length: 10 }, (_, f) => ({ FunctionName: `fn-${f}`, Runtime: "nodejs20.x" })) },
      },
    },
  }));
  return {
    version: 1,
    vendor: VENDOR,
    organization: { Id: "o-bench", Arn: `arn:aws:organizations::${ids[0]}:organization/o-bench`, MasterAccountId: ids[0]!, FeatureSet: "ALL", Roots: [{ Id: "r-bench", Name: "Root" }], OrganizationalUnits: [], Policies: [] },
    accounts,
  };
}

async function runServerWorker(): Promise<void> {
  const sandbox = await startSandbox({ world: buildBenchWorld(workerData.accounts as number), seed: 1 });
  parentPort!.postMessage({ url: sandbox.url });
  parentPort!.on("message", async (message: string) => {
    if (message === "stop") {
      parentPort!.postMessage({ stats: sandbox.stats() });
      await sandbox.stop();
      process.exit(0);
    }
  });
}

type TCall = () => Promise<unknown>;

interface TCapturedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

interface TMiddlewareClient {
  middlewareStack: { add: (middleware: unknown, options: { step: string; name: string }) => void };
}

function toBodyString(body: unknown): string {
  if (body === undefined || body === null) return "";
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8");
  if (typeof body === "string") return body;
  throw new Error(`cannot replay a ${typeof body} request body`);
}

/** Records each signed request the client sends (the deserialize step sees the final request). */
function captureSignedRequests(client: TMiddlewareClient, sink: TCapturedRequest[]): void {
  client.middlewareStack.add(
    (next: (args: { request: { method: string; path: string; query?: Record<string, string>; headers: Record<string, string>; body?: unknown } }) => Promise<unknown>) =>
      async (args: { request: { method: string; path: string; query?: Record<string, string>; headers: Record<string, string>; body?: unknown } }) => {
        const { request } = args;
        const query = new URLSearchParams(request.query ?? {}).toString().replace(/\+/g, "%20");
        sink.push({ method: request.method, path: query ? `${request.path}?${query}` : request.path, headers: { ...request.headers }, body: toBodyString(request.body) });
        return next(args);
      },
    { step: "deserialize", name: "benchCaptureSignedRequest" },
  );
}

/** CPU time (µs) of each thread of this process, from /proc (Linux); empty elsewhere. */
function readThreadCpuMicros(): Map<string, number> {
  const out = new Map<string, number>();
  if (!existsSync("/proc/self/task")) return out;
  const ticksToMicros = 1_000_000 / 100; // USER_HZ
  for (const tid of readdirSync("/proc/self/task")) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      out.set(tid, (Number(fields[11]) + Number(fields[12])) * ticksToMicros);
    } catch {
      // the thread ended between readdir and read
    }
  }
  return out;
}

/** CPU µs the busiest thread other than the main one used between two readings (the sandbox's worker). */
function measureWorkerCpu(before: Map<string, number>, after: Map<string, number>): number | undefined {
  let best: number | undefined;
  for (const [tid, value] of after) {
    if (tid === String(process.pid)) continue;
    const delta = value - (before.get(tid) ?? 0);
    if (best === undefined || delta > best) best = delta;
  }
  return best;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Fires the captured signed requests with a plain keep-alive HTTP client: the sandbox's own ceiling. */
async function replay(url: string, captured: TCapturedRequest[], total: number, concurrency: number): Promise<{ latencies: number[]; seconds: number; failures: number; cpuMicros: number; workerCpuMicros: number | undefined }> {
  const target = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const send = (req: TCapturedRequest) =>
    new Promise<number>((resolve, reject) => {
      const r = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.path, headers: req.headers, agent }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      });
      r.on("error", reject);
      r.end(req.body);
    });
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const threadsBefore = readThreadCpuMicros();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const req = captured[next++ % captured.length]!;
        const t0 = performance.now();
        const status = await send(req).catch(() => 0);
        if (status !== 200) failures++;
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const workerCpuMicros = measureWorkerCpu(threadsBefore, readThreadCpuMicros());
  agent.destroy();
  return { latencies: latencies.sort((a, b) => a - b), seconds, failures, cpuMicros: cpu.user + cpu.system, workerCpuMicros };
}

async function runBench(): Promise<void> {
  const { values } = parseArgs({
    options: {
      requests: { type: "string", default: "6000" },
      replay: { type: "string" },
      concurrency: { type: "string", default: "64" },
      accounts: { type: "string", default: "8" },
      "same-thread": { type: "boolean", default: false },
    },
  });
  const total = Number(values.requests);
  const concurrency = Number(values.concurrency);
  const accountCount = Number(values.accounts);

  let url: string;
  let stop: () => Promise<Record<string, unknown> | undefined>;
  if (values["same-thread"]) {
    const sandbox = await startSandbox({ world: buildBenchWorld(accountCount), seed: 1 });
    url = sandbox.url;
    stop = async () => {
      const stats = sandbox.stats();
      await sandbox.stop();
      return stats as unknown as Record<string, unknown>;
    };
  } else {
    // Loader hooks are per thread: the worker registers tsx before importing this file.
    const bootstrap = `(async () => { (await import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))})).register(); await import(${JSON.stringify(import.meta.url)}); })()`;
    const worker = new Worker(bootstrap, { eval: true, workerData: { accounts: accountCount } });
    url = await new Promise<string>((resolve, reject) => {
      worker.once("message", (message: { url: string }) => resolve(message.url));
      worker.once("error", reject);
    });
    stop = () =>
      new Promise((resolve) => {
        worker.once("message", (message: { stats: Record<string, unknown> }) => resolve(message.stats));
        worker.postMessage("stop");
      });
  }

  const world = buildBenchWorld(accountCount);
  const captured: TCapturedRequest[] = [];
  const vendorSts = new STSClient({ endpoint: url, region: "us-east-1", credentials: VENDOR });
  const calls: TCall[] = [];
  for (const account of world.accounts) {
    const out = await vendorSts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${account.Id}:role/Scanner`, RoleSessionName: "bench", ExternalId: EXTERNAL_ID }));
    const credentials = { accessKeyId: out.Credentials!.AccessKeyId!, secretAccessKey: out.Credentials!.SecretAccessKey!, sessionToken: out.Credentials!.SessionToken! };
    const config = { endpoint: url, region: "us-east-1", credentials, maxAttempts: 1 };
    const ec2 = new EC2Client(config);
    const iam = new IAMClient(config);
    const s3 = new S3Client({ ...config, forcePathStyle: true });
    const kms = new KMSClient(config);
    const lambda = new LambdaClient(config);
    for (const client of [ec2, iam, s3, kms, lambda]) captureSignedRequests(client as unknown as TMiddlewareClient, captured);
    calls.push(
      () => ec2.send(new DescribeInstancesCommand({})),
      () => ec2.send(new DescribeSecurityGroupsCommand({})),
      () => ec2.send(new DescribeVpcsCommand({})),
      () => iam.send(new ListAccountAliasesCommand({})),
      () => s3.send(new ListBucketsCommand({})),
      () => kms.send(new ListKeysCommand({})),
      () => lambda.send(new ListFunctionsCommand({})),
    );
    if (account.Id === world.organization.MasterAccountId) {
      const org = new OrganizationsClient(config);
      captureSignedRequests(org as unknown as TMiddlewareClient, captured);
      calls.push(() => org.send(new ListAccountsCommand({})));
    }
  }

  // warm-up (JIT, keep-alive sockets); records one signed request per distinct call
  await Promise.all(calls.map((call) => call()));
  const signed = captured.splice(0);

  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const failureNames = new Map<string, number>();
  let firstFailure: string | undefined;
  const started = performance.now();
  async function lane(): Promise<void> {
    while (next < total) {
      const call = calls[next++ % calls.length]!;
      const t0 = performance.now();
      try {
        await call();
      } catch (error) {
        failures++;
        const name = (error as Error).name;
        failureNames.set(name, (failureNames.get(name) ?? 0) + 1);
        if (!firstFailure) firstFailure = `${name}: ${(error as Error).message}`;
      }
      latencies.push(performance.now() - t0);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, () => lane()));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => percentile(latencies, p);
  const raw = await replay(url, signed, values.replay ? Number(values.replay) : total * 2, concurrency);
  const stats = await stop();

  console.log(`sandbox throughput (${values["same-thread"] ? "sandbox and clients on one thread" : "sandbox in a worker thread"})`);
  console.log(`  world: ${accountCount} accounts; ${calls.length} distinct list calls (EC2, IAM, S3, KMS, Lambda, Organizations)`);
  console.log(`  SDK clients end to end: ${latencies.length} requests at ${concurrency} in flight, ${failures} failed${failures ? ` (${[...failureNames].map(([n, c]) => `${n}×${c}`).join(", ")})` : ""}`);
  if (firstFailure) console.log(`    first failure: ${firstFailure}`);
  console.log(`    throughput: ${(latencies.length / seconds).toFixed(0)} requests/s (the SDK's own CPU per call dominates here)`);
  console.log(`    latency: p50 ${pct(50).toFixed(2)} ms, p99 ${pct(99).toFixed(2)} ms, max ${latencies[latencies.length - 1]!.toFixed(2)} ms`);
  console.log(`  sandbox alone (the same SDK-signed requests replayed by a plain HTTP client): ${raw.latencies.length} requests, ${raw.failures} not 200`);
  console.log(`    throughput: ${(raw.latencies.length / raw.seconds).toFixed(0)} requests/s`);
  console.log(`    latency: p50 ${percentile(raw.latencies, 50).toFixed(2)} ms, p99 ${percentile(raw.latencies, 99).toFixed(2)} ms`);
  console.log(`    CPU: ${(raw.cpuMicros / raw.latencies.length).toFixed(0)} µs per request for sandbox and replay client together`);
  if (!values["same-thread"] && raw.workerCpuMicros) {
    const perRequest = raw.workerCpuMicros / raw.latencies.length;
    console.log(`    sandbox thread CPU: ${perRequest.toFixed(0)} µs per request → capacity ≈ ${(1_000_000 / perRequest).toFixed(0)} requests/s per free core`);
  }
  console.log(`  machine load average (1 min): ${loadavg()[0]!.toFixed(2)} on ${availableParallelism()} cores (figures are lower on a busy machine)`);
  console.log(`  sandbox counted ${String(stats?.requests)} requests`);
}

if (isMainThread) {
  runBench().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  runServerWorker().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
