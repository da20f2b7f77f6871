import { spawn, type ChildProcess } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, readDemoWorld, REDIS_URL, type THarness } from "./scan-harness";

const WORKER_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");

function slowWorld() {
  const world = readDemoWorld();
  world.behaviour = { latencyMs: 60 };
  return world;
}

/** Spawns `apps/worker` as its own process (node + tsx), pointed at the harness. */
function spawnWorker(h: THarness): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: WORKER_DIR,
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: h.t.url,
      REDIS_URL,
      QUEUE_PREFIX: h.prefix,
      AWS_ENDPOINT_URL: h.sandbox.url,
      AWS_ACCESS_KEY_ID: h.world.vendor.accessKeyId,
      AWS_SECRET_ACCESS_KEY: h.world.vendor.secretAccessKey,
      AWS_REGION: "us-east-1",
      COLLECT_CONCURRENCY: "3",
      JOB_LOCK_MS: "3000",
      STALLED_INTERVAL_MS: "1500",
      SCHEDULER_ENABLED: "false",
      LOG_LEVEL: "error",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  child.stderr?.on("data", (d: Buffer) => {
    const line = d.toString();
    if (
      !/NodeVersionSupportWarning|node >=22|upgrade to node|a\.co\/|trace-warnings|^\s*$/.test(line)
    )
      process.stderr.write(`[worker ${child.pid}] ${line}`);
  });
  return child;
}

async function waitFor(
  check: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function inventoryOf(h: THarness): Promise<string[]> {
  const rows = await h.t.db.resource.findMany({
    where: { tenantId: h.tenantId, deletedAt: null },
    select: { resourceId: true, resourceType: true },
  });
  return rows.map((r) => `${r.resourceType} ${r.resourceId}`).sort();
}

let crashed: THarness;
let clean: THarness;
const children: ChildProcess[] = [];
beforeAll(async () => {
  crashed = await createHarness({ world: slowWorld() });
  clean = await createHarness({ world: slowWorld() });
}, 60_000);
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  await crashed?.close();
  await clean?.close();
}, 60_000);

describe("a worker process killed mid-scan", () => {
  it("SIGKILL, then another worker: the scan finishes, inventory equals a clean run's, no duplicates", async () => {
    const first = spawnWorker(crashed);
    children.push(first);
    const scanId = await crashed.requestScan();
    await waitFor(
      async () => {
        const s = await crashed.t.db.scan.findUniqueOrThrow({ where: { id: scanId } });
        return s.status === "COLLECTING" && s.tasksDone >= 4;
      },
      90_000,
      "the first worker to collect a few tasks",
    );
    first.kill("SIGKILL");
    await new Promise((r) => first.once("exit", r));
    const atKill = await crashed.t.db.scan.findUniqueOrThrow({ where: { id: scanId } });
    expect(atKill.tasksDone).toBeLessThan(atKill.tasksTotal);

    const second = spawnWorker(crashed);
    children.push(second);
    const scan = await crashed.waitForScan(scanId, 150_000);
    second.kill("SIGTERM");
    expect(scan.status).toBe("SUCCEEDED");
    expect(scan.tasksDone).toBe(scan.tasksTotal);
    // Interrupted tasks ran again (attempts > 1 somewhere) yet each counted once.
    const tasks = await crashed.t.db.scanTask.findMany({ where: { scanId } });
    expect(tasks.every((t) => t.status === "SUCCEEDED")).toBe(true);
    expect(tasks.reduce((n, t) => n + t.resourceCount, 0)).toBe(scan.resourceCount);

    clean.startInProcessWorker();
    const cleanScan = await clean.waitForScan(await clean.requestScan(), 150_000);
    expect(cleanScan.status).toBe("SUCCEEDED");
    const a = await inventoryOf(crashed);
    expect(new Set(a).size).toBe(a.length);
    expect(a).toEqual(await inventoryOf(clean));
    expect(await crashed.t.db.resource.count({ where: { tenantId: crashed.tenantId } })).toBe(
      a.length,
    );
  }, 300_000);
});
