/**
 * Sandbox throughput: starts the AWS sandbox on a built world (8 accounts, list calls of EC2,
 * IAM, S3, KMS, Lambda and Organizations), has real SDK v3 clients sign and send each call,
 * then replays those SDK-signed requests over keep-alive connections with a raw HTTP/1.1
 * client for several rounds and prints requests/s and p50/p99 latency per round and their
 * median (the sandbox's figure), then the SDK end-to-end figure (bounded by the SDK's own CPU).
 *
 *   npx tsx bench/sandbox-throughput.ts [--requests 6000] [--replay 20000] [--rounds 3] [--concurrency 64] [--accounts 8] [--same-thread]
 *
 * By default the sandbox runs in a worker thread of this process so that the clients do not
 * share its event loop; pass --same-thread to measure both on one thread.
 */
import { availableParallelism, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { performance } from "node:perf_hooks";
import { connect, type Socket } from "node:net";
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
    if (message === "answer-cache:on" || message === "answer-cache:off") {
      sandbox.setAnswerCache(message === "answer-cache:on");
      parentPort!.postMessage({ ack: message });
    }
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

/** One captured request as the bytes of an HTTP/1.1 keep-alive request. */
function encodeRawRequest(req: TCapturedRequest, host: string): Buffer {
  const names = new Set(Object.keys(req.headers).map((name) => name.toLowerCase()));
  const body = Buffer.from(req.body, "utf8");
  const lines = [`${req.method} ${req.path} HTTP/1.1`];
  if (!names.has("host")) lines.push(`host: ${host}`);
  for (const [name, value] of Object.entries(req.headers)) lines.push(`${name}: ${value}`);
  if (!names.has("content-length")) lines.push(`content-length: ${body.length}`);
  return Buffer.concat([Buffer.from(`${lines.join("\r\n")}\r\n\r\n`, "latin1"), body]);
}

/**
 * A keep-alive HTTP/1.1 connection that sends pre-encoded requests one at a time and reads
 * each answer by its content-length: about 15 µs of client CPU per request, so the figure is
 * the sandbox's, not the client's (Node's http client costs about as much CPU as the sandbox).
 */
class RawConnection {
  private readonly socket: Socket;
  private chunks: Buffer[] = [];
  private received = 0;
  private expected = -1;
  private status = 0;
  private pending: { resolve: (status: number) => void; reject: (error: Error) => void } | undefined;

  constructor(host: string, port: number) {
    this.socket = connect({ host, port, noDelay: true });
    this.socket.on("data", (chunk: Buffer) => this.onData(chunk));
    this.socket.on("error", (error) => this.fail(error));
    this.socket.on("close", () => this.fail(new Error("connection closed")));
  }

  send(request: Buffer): Promise<number> {
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.socket.write(request);
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private fail(error: Error): void {
    const pending = this.pending;
    this.pending = undefined;
    pending?.reject(error);
  }

  private onData(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.received += chunk.length;
    if (this.expected < 0) {
      const head = this.chunks.length === 1 ? chunk : Buffer.concat(this.chunks);
      const end = head.indexOf("\r\n\r\n");
      if (end === -1) return;
      const text = head.toString("latin1", 0, end);
      this.status = Number(text.slice(9, 12));
      const length = /\r\ncontent-length:\s*(\d+)/i.exec(text);
      this.expected = end + 4 + (length ? Number(length[1]) : 0);
    }
    if (this.received < this.expected) return;
    const pending = this.pending;
    this.pending = undefined;
    this.chunks = [];
    this.received = 0;
    this.expected = -1;
    pending?.resolve(this.status);
  }
}

interface TReplayRound {
  latencies: number[];
  seconds: number;
  failures: number;
  clientCpuMicros: number;
  workerCpuMicros: number | undefined;
  load: number;
}

/** Fires the captured signed requests over `concurrency` raw keep-alive connections: the sandbox's own ceiling. */
async function replay(url: string, captured: TCapturedRequest[], total: number, concurrency: number): Promise<TReplayRound> {
  const target = new URL(url);
  const host = `${target.hostname}:${target.port}`;
  const encoded = captured.map((req) => encodeRawRequest(req, host));
  const connections = Array.from({ length: concurrency }, () => new RawConnection(target.hostname, Number(target.port)));
  // warm-up: every connection open, every answer cached and JIT-compiled
  await Promise.all(connections.map((c, i) => c.send(encoded[i % encoded.length]!)));
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const threadsBefore = readThreadCpuMicros();
  const mainBefore = threadsBefore.get(String(process.pid));
  const started = performance.now();
  await Promise.all(
    connections.map(async (connection) => {
      while (next < total) {
        const request = encoded[next++ % encoded.length]!;
        const t0 = performance.now();
        const status = await connection.send(request).catch(() => 0);
        if (status !== 200) failures++;
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const threadsAfter = readThreadCpuMicros();
  for (const connection of connections) connection.close();
  const mainAfter = threadsAfter.get(String(process.pid));
  return {
    latencies: latencies.sort((a, b) => a - b),
    seconds,
    failures,
    clientCpuMicros: mainBefore !== undefined && mainAfter !== undefined ? mainAfter - mainBefore : Number.NaN,
    workerCpuMicros: measureWorkerCpu(threadsBefore, threadsAfter),
    load: loadavg()[0]!,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const formatInt = (n: number) => Math.round(n).toLocaleString("en-US");

async function runBench(): Promise<void> {
  const { values } = parseArgs({
    options: {
      requests: { type: "string", default: "6000" },
      replay: { type: "string", default: "20000" },
      rounds: { type: "string", default: "3" },
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
  let setAnswerCache: (enabled: boolean) => Promise<void>;
  if (values["same-thread"]) {
    const sandbox = await startSandbox({ world: buildBenchWorld(accountCount), seed: 1 });
    url = sandbox.url;
    setAnswerCache = async (enabled) => sandbox.setAnswerCache(enabled);
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
    setAnswerCache = (enabled) =>
      new Promise((resolve) => {
        worker.once("message", () => resolve());
        worker.postMessage(enabled ? "answer-cache:on" : "answer-cache:off");
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
  const sdkThreadsBefore = readThreadCpuMicros();
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
  const sdkThreadsAfter = readThreadCpuMicros();
  const sdkClientCpu = (sdkThreadsAfter.get(String(process.pid)) ?? Number.NaN) - (sdkThreadsBefore.get(String(process.pid)) ?? Number.NaN);
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => percentile(latencies, p);

  const rounds: TReplayRound[] = [];
  for (let round = 0; round < Number(values.rounds); round++) rounds.push(await replay(url, signed, Number(values.replay), concurrency));
  await setAnswerCache(false);
  const uncached: TReplayRound[] = [];
  for (let round = 0; round < Number(values.rounds); round++) uncached.push(await replay(url, signed, Number(values.replay), concurrency));
  const stats = await stop();

  const where = values["same-thread"] ? "sandbox and client on one thread" : "sandbox in a worker thread";
  console.log(`sandbox throughput: list calls at 0 ms added latency (${where})`);
  console.log(`  world: ${accountCount} accounts; ${calls.length} distinct list calls (EC2 DescribeInstances/SecurityGroups/Vpcs, IAM, S3, KMS, Lambda, Organizations), each signed by the SDK`);
  console.log(`  sandbox: the SDK-signed requests replayed over ${concurrency} keep-alive connections by a raw HTTP/1.1 client (its CPU per request is printed per round)`);
  const report = (label: string, list: TReplayRound[]) => {
    console.log(`    ${label}`);
    list.forEach((r, i) => {
      const perRequest = r.workerCpuMicros !== undefined && !values["same-thread"] ? `, sandbox CPU ${(r.workerCpuMicros / r.latencies.length).toFixed(0)} µs/request` : "";
      console.log(
        `      round ${i + 1}: ${formatInt(r.latencies.length / r.seconds)} requests/s, p50 ${percentile(r.latencies, 50).toFixed(2)} ms, p99 ${percentile(r.latencies, 99).toFixed(2)} ms` +
          ` (${r.latencies.length} requests, ${r.failures} not 200${perRequest}, client CPU ${(r.clientCpuMicros / r.latencies.length).toFixed(0)} µs/request, load average ${r.load.toFixed(2)})`,
      );
    });
    const throughputs = list.map((r) => r.latencies.length / r.seconds);
    const p99s = list.map((r) => percentile(r.latencies, 99));
    const workerCpu = list.map((r) => (r.workerCpuMicros ?? Number.NaN) / r.latencies.length).filter((v) => Number.isFinite(v));
    const capacity = !values["same-thread"] && workerCpu.length > 0 ? `; sandbox thread CPU ${median(workerCpu).toFixed(0)} µs per request ≈ ${formatInt(1_000_000 / median(workerCpu))} requests/s per free core` : "";
    console.log(`      → median of ${list.length} rounds: ${formatInt(median(throughputs))} requests/s, p99 ${median(p99s).toFixed(2)} ms${capacity}`);
  };
  report("answers served from the sandbox's cache of rendered read answers (a repeated scan):", rounds);
  report("every answer rendered by its handler (cache off: what a first scan costs):", uncached);
  console.log(`  SDK clients end to end (what a scan sees; the clients' own CPU is the limit, not the sandbox): ${latencies.length} requests at ${concurrency} in flight, ${failures} failed${failures ? ` (${[...failureNames].map(([n, c]) => `${n}×${c}`).join(", ")})` : ""}`);
  if (firstFailure) console.log(`    first failure: ${firstFailure}`);
  console.log(`    ${formatInt(latencies.length / seconds)} requests/s, p50 ${pct(50).toFixed(2)} ms, p99 ${pct(99).toFixed(2)} ms, max ${latencies[latencies.length - 1]!.toFixed(2)} ms; SDK client CPU ${(sdkClientCpu / latencies.length).toFixed(0)} µs per call`);
  console.log(`  machine: ${availableParallelism()} cores, load average (1 min) ${loadavg()[0]!.toFixed(2)} at the end (figures drop on a busy machine)`);
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
