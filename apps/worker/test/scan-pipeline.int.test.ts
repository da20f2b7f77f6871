import { countLiveResourcesByType, listCoverageGaps } from "@guardrail/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countWorldResources, createHarness, type THarness } from "./scan-harness";

let h: THarness;
beforeAll(async () => {
  h = await createHarness();
}, 60_000);
afterAll(async () => {
  await h?.close();
}, 60_000);

describe("a full scan of demo-small through BullMQ", () => {
  it("puts every account and resource of the world in the inventory, exactly once", async () => {
    const { worker } = h.startInProcessWorker();
    const scanId = await h.requestScan();
    const scan = await h.waitForScan(scanId, 90_000);
    expect(scan.status).toBe("SUCCEEDED");
    expect(scan.tasksDone).toBe(scan.tasksTotal);
    expect(scan.tasksFailed).toBe(0);
    // The rule catalog ran and the findings lifecycle persisted its FAILs.
    expect(scan.findingsOpened).toBeGreaterThan(0);

    const accounts = await h.t.db.awsAccount.findMany({
      where: { tenantId: h.tenantId },
      orderBy: { accountId: "asc" },
    });
    expect(accounts.map((a) => [a.accountId, a.access])).toEqual(
      h.world.accounts.map((a) => [a.Id, "CONNECTED"]),
    );
    expect(accounts.every((a) => a.lastScannedAt !== null)).toBe(true);

    const counts = await countLiveResourcesByType(h.t.db, h.tenantId);
    for (const [type, n] of Object.entries(countWorldResources(h.world)))
      expect([type, counts[type]]).toEqual([type, n]);
    const total = await h.t.db.resource.count({ where: { tenantId: h.tenantId } });
    const distinct = await h.t.db.resource.groupBy({
      by: ["resourceId"],
      where: { tenantId: h.tenantId },
    });
    expect(distinct.length).toBe(total);
    expect(
      await h.t.db.organizationalUnit.count({ where: { tenantId: h.tenantId } }),
    ).toBeGreaterThan(0);
    expect(
      await h.t.db.organizationPolicy.count({ where: { tenantId: h.tenantId } }),
    ).toBeGreaterThan(0);
    expect(
      await h.t.db.collectionState.count({
        where: { tenantId: h.tenantId, status: { not: "COMPLETE" } },
      }),
    ).toBe(0);
    expect(
      await listCoverageGaps({
        db: h.t.db,
        scope: { tenantId: h.tenantId, userId: h.tenantId, role: "ADMIN" },
        scanId,
      }),
    ).toEqual([]);
    // Every task is one job, except the planning task (it holds the scan open while planning).
    expect(worker.stats().collected).toBe(scan.tasksTotal - 1);

    // A second scan changes nothing: no new rows, no changes but last seen.
    const changesBefore = await h.t.db.resourceChange.count({ where: { tenantId: h.tenantId } });
    const again = await h.waitForScan(await h.requestScan(), 90_000);
    expect(again.status).toBe("SUCCEEDED");
    expect(await h.t.db.resource.count({ where: { tenantId: h.tenantId } })).toBe(total);
    expect(await h.t.db.resourceChange.count({ where: { tenantId: h.tenantId } })).toBe(
      changesBefore,
    );
  }, 200_000);
});
