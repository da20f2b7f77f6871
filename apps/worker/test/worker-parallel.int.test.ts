import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countWorldResources, createHarness, readDemoWorld, type THarness } from "./scan-harness";

let h: THarness;
beforeAll(async () => {
  const world = readDemoWorld();
  world.behaviour = { latencyMs: 20 };
  h = await createHarness({ world });
}, 60_000);
afterAll(async () => {
  await h?.close();
}, 60_000);

describe("two workers on one Redis", () => {
  it("share the work without processing any task twice", async () => {
    const a = h.startInProcessWorker({ collectConcurrency: 4 });
    const b = h.startInProcessWorker({ collectConcurrency: 4 });
    const scanId = await h.requestScan();
    const scan = await h.waitForScan(scanId, 120_000);
    expect(scan.status).toBe("SUCCEEDED");
    const sa = a.worker.stats();
    const sb = b.worker.stats();
    expect(sa.collected).toBeGreaterThan(0);
    expect(sb.collected).toBeGreaterThan(0);
    // Every task is one job, except the planning task (it holds the scan open while planning).
    expect(sa.collected + sb.collected).toBe(scan.tasksTotal - 1);
    const tasks = await h.t.db.scanTask.findMany({ where: { scanId, service: { not: "planning" } } });
    expect(tasks.map((t) => t.attempts).filter((n) => n !== 1)).toEqual([]);
    const counts = await h.t.db.resource.groupBy({
      by: ["resourceType"],
      where: { tenantId: h.tenantId },
      _count: { _all: true },
    });
    const byType = Object.fromEntries(counts.map((c) => [c.resourceType, c._count._all]));
    for (const [type, n] of Object.entries(countWorldResources(h.world)))
      expect([type, byType[type]]).toEqual([type, n]);
  }, 200_000);
});
