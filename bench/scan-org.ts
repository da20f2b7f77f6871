/**
 * Scan benchmark: a synthetic organization scanned end to end through BullMQ by a real worker
 * process, against the AWS sandbox (its own process) with latency and AWS-like throttling.
 *
 *   npm run bench:scan -w @guardrail/bench -- [--accounts 500] [--regions us-east-1,eu-west-1]
 *     [--resources 100] [--latency 30] [--concurrency 96] [--sandbox-port 0]
 *     [--queue-prefix bench-<random>] [--worker-cpu-prof <dir>] [--workers 1] [--database <name>]
 *     [--event-loop-report <ms>]
 *
 * `--worker-cpu-prof <dir>` writes each worker's V8 CPU profile there (open it in Chrome
 * DevTools or summarise it with `node bench/cpu-profile-top.mjs <file>`). `--workers N` starts N
 * worker processes on the same database, Redis and queue prefix, as a deployment scales out
 * (each with `--concurrency` collections; account concurrency and politeness budgets are shared
 * through Redis): worker CPU is their sum, RSS the largest one's and their sum. The output also
 * says when the organization task, the planning and the last collection finished.
 *
 * Prints accounts, regions, resources, API calls, wall time, calls/s, peak worker RSS (VmHWM),
 * the lower bound and efficiency = lower bound ÷ measured time, and PASS/FAIL against the
 * targets (whole organization ≤ 5 min, RSS ≤ 1 GiB, efficiency ≥ 0.5).
 *
 * Lower bound: every call waits for one round trip of `latency`, and every call of a bucket
 * goes through it: per (account, service) the sandbox's throttle bucket, and per (account,
 * region, service) our own politeness budget (the same table the worker uses,
 * `DEFAULT_POLITENESS_BUDGETS`): a bucket of `burst` tokens refilling at `perSecond` needs at
 * least (calls − burst) ÷ perSecond seconds. The slowest bucket bounds the scan. The
 * organization's bucket counts one full read of the organization (the organization task),
 * not the planning pass that precedes it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { resolveRateBudget } from "@guardrail/collectors";
import { requestScan } from "@guardrail/core";
import { createTestDatabase } from "@guardrail/db/testing";
import { createJobQueues, createRedisConnection, enqueueScanStart } from "@guardrail/jobs";
import { generateSyntheticWorld } from "../packages/aws-sandbox/src/worlds/index";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({
  options: {
    accounts: { type: "string", default: "500" },
    regions: { type: "string", default: "us-east-1,eu-west-1" },
    resources: { type: "string", default: "100" },
    latency: { type: "string", default: "30" },
    concurrency: { type: "string", default: "96" },
    "account-concurrency": { type: "string", default: "6" },
    "log-level": { type: "string", default: "error" },
    /** The sandbox's port (0 = any free port). */
    "sandbox-port": { type: "string", default: "0" },
    /** BullMQ key prefix of this run (its keys are deleted at the end). */
    "queue-prefix": { type: "string" },
    /** Write the worker's CPU profile (V8 .cpuprofile) into this folder. */
    "worker-cpu-prof": { type: "string" },
    /** Give up after this many minutes. */
    "max-minutes": { type: "string", default: "20" },
    /** Worker processes (each with `--concurrency` collections). */
    workers: { type: "string", default: "1" },
    /** Each worker logs its event-loop delay, longest stall and memory every N ms (needs --log-level info). */
    "event-loop-report": { type: "string", default: "0" },
    /** Name of this run's database (a random guardrail_test_* by default); dropped at the end. */
    database: { type: "string" },
  },
});

/** AWS-like buckets per (account, service): EC2 Describe 100/20 per second, IAM 20/10… */
const THROTTLE: Record<string, { burst: number; refillPerSecond: number }> = {
  ec2: { burst: 100, refillPerSecond: 20 },
  iam: { burst: 20, refillPerSecond: 10 },
  s3: { burst: 200, refillPerSecond: 100 },
  organizations: { burst: 20, refillPerSecond: 10 },
  lambda: { burst: 50, refillPerSecond: 15 },
  kms: { burst: 100, refillPerSecond: 50 },
  sts: { burst: 100, refillPerSecond: 50 },
};
const EXTERNAL_ID = `bench-${randomBytes(16).toString("hex")}`;
const REDIS_URL = "redis://127.0.0.1:6379";
const latencyMs = Number(values.latency);

function spawnTsx(
  script: string,
  args: string[],
  env: Record<string, string>,
  nodeArgs: string[] = [],
): ChildProcess {
  return spawn(process.execPath, [...nodeArgs, "--import", "tsx", script, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function waitForLine(
  child: ChildProcess,
  pattern: RegExp,
  timeoutMs: number,
): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let buffer = "";
    const timer = setTimeout(
      () => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms:\n${buffer}`)),
      timeoutMs,
    );
    const onData = (d: Buffer) => {
      buffer += d.toString();
      const m = buffer.match(pattern);
      if (m) {
        clearTimeout(timer);
        child.stdout?.off("data", onData);
        resolve(m);
      }
    };
    child.stdout?.on("data", onData);
    child.once("exit", (code) =>
      reject(new Error(`process exited (${code}) before ${pattern}:\n${buffer}`)),
    );
  });
}

/** CPU seconds (user + system) a process has used so far. */
function readCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

function readPeakRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
  return kb * 1024;
}

const accounts = Number(values.accounts);
const loadAtStart = loadavg();
const availableCores = (await import("node:os")).availableParallelism();
const regions = values.regions.split(",");
console.log(
  `generating ${accounts} accounts × ${regions.length} regions × ~${values.resources} resources…`,
);
const world = generateSyntheticWorld({
  accounts,
  regions,
  resourcesPerAccount: Number(values.resources),
  externalId: EXTERNAL_ID,
  behaviour: { latencyMs, throttle: THROTTLE },
});
const worldFile = join(tmpdir(), `guardrail-bench-${process.pid}.json`);
writeFileSync(worldFile, JSON.stringify(world));

const sandbox = spawnTsx(
  "packages/aws-sandbox/src/cli.ts",
  ["--world", worldFile, "--quiet", "--seed", "1", "--port", values["sandbox-port"]],
  {},
);
const sandboxUrl = (
  await waitForLine(sandbox, /listening on (http:\/\/\S+)/, 120_000)
)[1] as string;
const t = await createTestDatabase(values.database ? { name: values.database } : {});
const prefix = values["queue-prefix"] ?? `bench-${randomBytes(4).toString("hex")}`;
const redis = createRedisConnection({ url: REDIS_URL, role: "client" });
const queues = createJobQueues({ connection: redis, prefix });
const workerCount = Number(values.workers);
if (!Number.isInteger(workerCount) || workerCount < 1) throw new Error("--workers must be ≥ 1");
const workers: ChildProcess[] = [];
/** CPU seconds of every worker process together. */
const readWorkersCpuSeconds = () =>
  workers.reduce((sum, w) => sum + (w.pid ? readCpuSeconds(w.pid) : NaN), 0);
try {
  const tenant = await t.db.tenant.create({ data: { name: "Bench", slug: prefix } });
  const mgmt = world.organization.MasterAccountId;
  const connection = await t.db.awsConnection.create({
    data: {
      tenantId: tenant.id,
      name: "bench",
      managementRoleArn: `arn:aws:iam::${mgmt}:role/GuardrailOrgReader`,
      memberRoleName: "GuardrailScanner",
      externalId: EXTERNAL_ID,
    },
  });
  for (let n = 1; n <= workerCount; n++) {
    const worker = spawnTsx(
      "apps/worker/src/main.ts",
      [],
      {
        DATABASE_URL: t.url,
        REDIS_URL,
        QUEUE_PREFIX: prefix,
        AWS_ENDPOINT_URL: sandboxUrl,
        AWS_ACCESS_KEY_ID: world.vendor.accessKeyId,
        AWS_SECRET_ACCESS_KEY: world.vendor.secretAccessKey,
        AWS_REGION: "us-east-1",
        COLLECT_CONCURRENCY: values.concurrency,
        ACCOUNT_CONCURRENCY: values["account-concurrency"],
        DISCOVERY_CONCURRENCY: "32",
        SCHEDULER_ENABLED: "false",
        LOG_LEVEL: values["log-level"],
        EVENT_LOOP_REPORT_MS: values["event-loop-report"],
      },
      [
        // As `npm start -w @guardrail/worker`.
        "--max-semi-space-size=32",
        ...(values["worker-cpu-prof"]
          ? ["--cpu-prof", "--cpu-prof-dir", values["worker-cpu-prof"]]
          : []),
      ],
    );
    worker.stderr?.on("data", (d: Buffer) => {
      const line = d.toString();
      if (!/NodeVersionSupport|node >=22|upgrade to node|a\.co\/|trace-warnings|^\s*$/.test(line))
        process.stderr.write(`[worker ${n}] ${line}`);
    });
    workers.push(worker);
  }
  // The clock starts when every worker process's BullMQ workers are connected (loading the
  // worker's modules is process start-up, not scan time).
  const bootStarted = Date.now();
  while (
    (await queues.scans.getWorkersCount()) < workerCount ||
    (await queues.collect.getWorkersCount()) < workerCount
  ) {
    const exited = workers.find((w) => w.exitCode !== null);
    if (exited) throw new Error(`a worker exited (${exited.exitCode}) during start-up`);
    if (Date.now() - bootStarted > 120_000) throw new Error("worker not connected within 120 s");
    await new Promise((r) => setTimeout(r, 200));
  }
  console.log(
    `${workerCount} worker(s) ready after ${((Date.now() - bootStarted) / 1000).toFixed(1)} s`,
  );

  const started = Date.now();
  const cpuAtStart = {
    worker: readWorkersCpuSeconds(),
    sandbox: sandbox.pid ? readCpuSeconds(sandbox.pid) : NaN,
  };
  const { scanId } = await requestScan({
    db: t.db,
    tenantId: tenant.id,
    connectionId: connection.id,
    trigger: "MANUAL",
  });
  await enqueueScanStart(queues, { tenantId: tenant.id, scanId });
  let collectingAt = 0;
  let collectedAt = 0;
  const cpuCollected = { ...cpuAtStart };
  const peakRssOf = workers.map(() => 0);
  let scan = await t.db.scan.findUniqueOrThrow({ where: { id: scanId } });
  let lastPrint = 0;
  while (!["SUCCEEDED", "PARTIAL", "FAILED", "CANCELLED"].includes(scan.status)) {
    await new Promise((r) => setTimeout(r, 500));
    scan = await t.db.scan.findUniqueOrThrow({ where: { id: scanId } });
    workers.forEach((w, k) => {
      if (w.pid) peakRssOf[k] = Math.max(peakRssOf[k] ?? 0, readPeakRss(w.pid));
    });
    if (!collectingAt && scan.status === "COLLECTING") collectingAt = Date.now();
    if (!collectedAt && scan.status === "EVALUATING") collectedAt = Date.now();
    if (["QUEUED", "DISCOVERING", "COLLECTING"].includes(scan.status)) {
      cpuCollected.worker = readWorkersCpuSeconds();
      if (sandbox.pid) cpuCollected.sandbox = readCpuSeconds(sandbox.pid);
    }
    if (Date.now() - lastPrint > 10_000) {
      lastPrint = Date.now();
      console.log(
        `  ${((Date.now() - started) / 1000).toFixed(0)} s: ${scan.status} ${scan.tasksDone}/${scan.tasksTotal} tasks, ${scan.apiCalls} calls`,
      );
    }
    if (Date.now() - started > Number(values["max-minutes"]) * 60_000)
      throw new Error(`scan did not finish within ${values["max-minutes"]} minutes`);
  }
  const finished = Date.now();
  const cpuEnd = {
    worker: readWorkersCpuSeconds(),
    sandbox: sandbox.pid ? readCpuSeconds(sandbox.pid) : NaN,
  };
  if (!collectingAt) collectingAt = finished;
  if (!collectedAt) collectedAt = finished;
  if (scan.error) console.log(`scan error: ${scan.error}`);
  const wallS = (finished - started) / 1000;

  const tasks = await t.db.scanTask.findMany({
    where: { scanId },
    select: {
      accountId: true,
      region: true,
      service: true,
      apiCalls: true,
      attempts: true,
      startedAt: true,
      finishedAt: true,
    },
  });
  const perService = new Map<string, { n: number; ms: number; max: number; calls: number }>();
  for (const task of tasks) {
    const ms =
      task.startedAt && task.finishedAt ? task.finishedAt.getTime() - task.startedAt.getTime() : 0;
    const s = perService.get(task.service) ?? { n: 0, ms: 0, max: 0, calls: 0 };
    perService.set(task.service, {
      n: s.n + 1,
      ms: s.ms + ms,
      max: Math.max(s.max, ms),
      calls: s.calls + task.apiCalls,
    });
  }
  const lower = computeLowerBound(tasks);
  const lowerBoundS = lower.seconds;
  await Promise.all(
    workers.map((w) => {
      w.kill("SIGTERM");
      return new Promise((r) => w.once("exit", r));
    }),
  );
  sandbox.kill("SIGTERM");
  const stopLine = await waitForLine(
    sandbox,
    /stopping after (\d+) requests \((\d+) throttled, (\d+) faults\)/,
    30_000,
  ).catch(() => null);
  const sandboxRequests = stopLine ? Number(stopLine[1]) : scan.apiCalls;
  const throttled = stopLine ? Number(stopLine[2]) : NaN;
  const resources = await t.db.resource.count({ where: { tenantId: tenant.id } });

  const efficiency = lowerBoundS / wallS;
  const peakRss = Math.max(...peakRssOf);
  const rssMiB = peakRss / 1024 / 1024;
  console.log("");
  console.log(`scan ${scan.status}: ${scan.tasksTotal} collections (${scan.tasksFailed} failed)`);
  console.log(`accounts               ${accounts}`);
  console.log(`regions                ${regions.length} (${regions.join(", ")})`);
  console.log(`resources              ${resources}`);
  console.log(
    `wall time              ${wallS.toFixed(1)} s (discovery+planning ${((collectingAt - started) / 1000).toFixed(1)} s, collection ${((collectedAt - collectingAt) / 1000).toFixed(1)} s, evaluation ${((finished - collectedAt) / 1000).toFixed(1)} s)`,
  );
  console.log(
    `API calls              ${scan.apiCalls} counted by the clients, ${sandboxRequests} answered by the sandbox (${throttled} throttled)`,
  );
  console.log(`calls/s                ${(sandboxRequests / wallS).toFixed(0)}`);
  console.log(
    `peak worker RSS        ${rssMiB.toFixed(0)} MiB${workerCount > 1 ? ` (largest of ${workerCount} workers; ${(peakRssOf.reduce((a, b) => a + b, 0) / 1024 / 1024).toFixed(0)} MiB together)` : ""}`,
  );
  console.log(
    `CPU used               worker ${(cpuEnd.worker - cpuAtStart.worker).toFixed(1)} s (${(cpuCollected.worker - cpuAtStart.worker).toFixed(1)} s until evaluation), sandbox ${(cpuEnd.sandbox - cpuAtStart.sandbox).toFixed(1)} s (${(cpuCollected.sandbox - cpuAtStart.sandbox).toFixed(1)} s)`,
  );
  for (const service of ["organizations", "planning"]) {
    const task = tasks.find((x) => x.service === service);
    const at = (d: Date | null) => (d ? `${((d.getTime() - started) / 1000).toFixed(1)} s` : "?");
    if (task)
      console.log(
        `${`${service} task`.padEnd(22)} ${at(task.startedAt)} → ${at(task.finishedAt)} after the request (${task.apiCalls} calls)`,
      );
  }
  console.log(
    `lower bound            ${lowerBoundS.toFixed(1)} s (slowest bucket: ${lower.bucket}, ${lower.calls} calls, burst ${lower.burst}, ${lower.perSecond.toFixed(2)}/s; + one round trip)`,
  );
  console.log(`efficiency             ${efficiency.toFixed(2)}`);
  console.log(
    `load average           ${loadAtStart.map((l) => l.toFixed(1)).join(" ")} at start, ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")} at the end (1, 5, 15 min; ${availableCores} cores)`,
  );
  const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL");
  console.log(`target wall ≤ 300 s     ${verdict(wallS <= 300)} (${wallS.toFixed(1)} s)`);
  console.log(`target RSS ≤ 1024 MiB   ${verdict(rssMiB <= 1024)} (${rssMiB.toFixed(0)} MiB)`);
  console.log(`target efficiency ≥ 0.5 ${verdict(efficiency >= 0.5)} (${efficiency.toFixed(2)})`);
  console.log(`findings opened        ${scan.findingsOpened}`);
  console.log(`per collector: tasks, mean/max ms from start to persisted, calls per task`);
  for (const [service, s] of [...perService].sort()) {
    console.log(
      `  ${service.padEnd(15)} ${String(s.n).padStart(5)} ${String(Math.round(s.ms / s.n)).padStart(7)} ${String(s.max).padStart(7)} ${(s.calls / s.n).toFixed(1).padStart(6)}`,
    );
  }
} finally {
  for (const w of workers) if (w.exitCode === null) w.kill("SIGKILL");
  if (sandbox.exitCode === null) sandbox.kill("SIGKILL");
  await queues.close();
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
  await t.drop();
  rmSync(worldFile, { force: true });
}

/**
 * The slowest bucket: per (account, service) the sandbox's throttle bucket, per (account,
 * region, service) the politeness budget; (calls − burst) ÷ perSecond, plus one round trip.
 */
function computeLowerBound(
  tasks: readonly { accountId: string; region: string; service: string; apiCalls: number }[],
): { seconds: number; bucket: string; calls: number; burst: number; perSecond: number } {
  const sandboxCalls = new Map<string, number>();
  const politeCalls = new Map<string, number>();
  for (const task of tasks) {
    const sk = `${task.accountId}|${task.service}`;
    sandboxCalls.set(sk, (sandboxCalls.get(sk) ?? 0) + task.apiCalls);
    const pk = `${task.accountId}|${task.region}|${task.service}`;
    politeCalls.set(pk, (politeCalls.get(pk) ?? 0) + task.apiCalls);
  }
  let best = { seconds: 0, bucket: "none", calls: 0, burst: 0, perSecond: 1 };
  const consider = (bucket: string, calls: number, burst: number, perSecond: number) => {
    const seconds = Math.max(0, calls - burst) / perSecond;
    if (seconds > best.seconds) best = { seconds, bucket, calls, burst, perSecond };
  };
  for (const [key, calls] of sandboxCalls) {
    const service = key.split("|")[1] as string;
    const bucket = THROTTLE[service];
    if (bucket) consider(`sandbox ${key}`, calls, bucket.burst, bucket.refillPerSecond);
  }
  for (const [key, calls] of politeCalls) {
    const budget = resolveRateBudget(key.split("|")[2] as string);
    consider(`politeness ${key}`, calls, budget.burst, budget.perSecond);
  }
  return { ...best, seconds: best.seconds + latencyMs / 1000 };
}
