import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countWorldResources, createHarness, readDemoWorld, type THarness } from "./scan-harness";

let h: THarness;
beforeAll(async () => {
  const world = readDemoWorld();
  world.behaviour = { latencyMs: 40 };
  h = await createHarness({ world });
}, 60_000);
afterAll(async () => {
  await h?.close();
}, 60_000);

/** Holds the event loop for `ms`, as a long synchronous section or a starved process does. */
function blockEventLoop(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // busy: no timer, no I/O callback, no lock renewal runs meanwhile
  }
}

describe("a worker whose event loop stalls past its job locks", () => {
  it("loses locks, has jobs handed back, and still finishes the scan once, exactly", async () => {
    // Locks of 1 s (scan jobs 4 s) and an event loop held 1.5 s every 3 s: every collection
    // running across a stall loses its lock, the stalled-job check hands it back, and the
    // first delivery finishes it while the second is queued or running.
    const a = h.startInProcessWorker({
      collectConcurrency: 6,
      lockDurationMs: 1_000,
      stalledIntervalMs: 500,
    });
    const b = h.startInProcessWorker({
      collectConcurrency: 6,
      lockDurationMs: 1_000,
      stalledIntervalMs: 500,
    });
    const stalls = setInterval(() => blockEventLoop(1_500), 3_000);
    let scan;
    try {
      const scanId = await h.requestScan();
      scan = await h.waitForScan(scanId, 240_000);
    } finally {
      clearInterval(stalls);
    }
    const stats = [a.worker.stats(), b.worker.stats()];
    // The scenario happened: locks were lost and jobs handed back.
    expect(stats.reduce((n, s) => n + s.locksLost + s.stalled, 0)).toBeGreaterThan(0);

    expect(scan.status).toBe("SUCCEEDED");
    const tasks = await h.t.db.scanTask.findMany({ where: { scanId: scan.id } });
    expect(tasks.filter((t) => t.status !== "SUCCEEDED")).toEqual([]);
    // Counted once each, whatever ran twice.
    expect(scan.tasksDone).toBe(scan.tasksTotal);
    expect(scan.tasksTotal).toBe(tasks.length);
    expect(scan.resourceCount).toBe(tasks.reduce((n, t) => n + t.resourceCount, 0));
    expect(scan.apiCalls).toBe(tasks.reduce((n, t) => n + t.apiCalls, 0));
    const counts = await h.t.db.resource.groupBy({
      by: ["resourceType"],
      where: { tenantId: h.tenantId, deletedAt: null },
      _count: { _all: true },
    });
    const byType = Object.fromEntries(counts.map((c) => [c.resourceType, c._count._all]));
    for (const [type, n] of Object.entries(countWorldResources(h.world)))
      expect([type, byType[type]]).toEqual([type, n]);
  }, 300_000);
});
