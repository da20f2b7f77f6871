import { createTestDatabase, type TTestDatabase } from "@guardrail/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  beginScanDiscovery,
  cancelScan,
  completeScanTask,
  createScanTasks,
  evaluateScan,
  finishScanTask,
  getScanProgress,
  listCoverageGaps,
  requestScan,
  startScanTask,
  type TTenantScope,
} from "../src";

let t: TTestDatabase;
let scope: TTenantScope;
let connectionId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  const tenant = await t.db.tenant.create({ data: { name: "Scans", slug: "scans" } });
  const user = await t.db.user.create({
    data: { email: "s@x.test", name: "S", passwordHash: "x" },
  });
  scope = { tenantId: tenant.id, userId: user.id, role: "ANALYST" };
  const c = await t.db.awsConnection.create({
    data: {
      tenantId: tenant.id,
      name: "org",
      managementRoleArn: "arn:aws:iam::111111111111:role/R",
      memberRoleName: "S",
      externalId: "s".repeat(40),
    },
  });
  connectionId = c.id;
});
afterAll(async () => {
  await t?.drop();
});

const tasks = [
  { accountId: "222222222222", region: "eu-west-1", service: "ec2" },
  { accountId: "222222222222", region: "global", service: "iam" },
  { accountId: "333333333333", region: "eu-west-1", service: "ec2" },
];

describe("scans", () => {
  it("joins a second request, counts tasks exactly once, and finishes PARTIAL with coverage gaps", async () => {
    const now = new Date();
    const [a, b] = await Promise.all([
      requestScan({ db: t.db, tenantId: scope.tenantId, connectionId, trigger: "MANUAL" }),
      requestScan({ db: t.db, tenantId: scope.tenantId, connectionId, trigger: "SCHEDULE" }),
    ]);
    expect(a.scanId).toBe(b.scanId);
    expect([a.joined, b.joined].sort()).toEqual([false, true]);
    const scanId = a.scanId;
    expect(await beginScanDiscovery(t.db, { tenantId: scope.tenantId, scanId, now })).toMatchObject(
      { resume: false },
    );
    const created = await createScanTasks(t.db, {
      tenantId: scope.tenantId,
      scanId,
      tasks,
      accountsTotal: 2,
    });
    expect(created.pending).toHaveLength(3);
    // A retried scan.start inserts nothing twice.
    expect(
      (await createScanTasks(t.db, { tenantId: scope.tenantId, scanId, tasks, accountsTotal: 2 }))
        .pending,
    ).toHaveLength(3);

    const key = (i: number) => ({ tenantId: scope.tenantId, scanId, ...tasks[i]! });
    expect(await startScanTask(t.db, { ...key(0), now })).toEqual({ action: "run", attempt: 1 });
    const collection = (i: number, status: "COMPLETE" | "FAILED") => ({
      ...tasks[i]!,
      status,
      resources:
        status === "COMPLETE" && tasks[i]!.service === "ec2"
          ? [
              {
                ...tasks[i]!,
                resourceType: "AWS::EC2::Volume",
                resourceId: `arn:aws:ec2:eu-west-1:${tasks[i]!.accountId}:volume/v-${i}`,
                name: null,
                tags: {},
                configuration: { VolumeId: `v-${i}` },
              },
            ]
          : [],
      errors:
        status === "FAILED"
          ? [{ operation: "ListRoles", code: "AccessDenied", message: "denied" }]
          : [],
      apiCalls: 2,
    });
    expect(
      await completeScanTask(t.db, {
        tenantId: scope.tenantId,
        scanId,
        collection: collection(0, "COMPLETE"),
        now,
      }),
    ).toEqual({
      finished: true,
      collectionDone: false,
    });
    // Redelivered: no-op.
    expect(await startScanTask(t.db, { ...key(0), now })).toMatchObject({ action: "skip" });
    expect(
      await completeScanTask(t.db, {
        tenantId: scope.tenantId,
        scanId,
        collection: collection(0, "COMPLETE"),
        now,
      }),
    ).toEqual({
      finished: false,
      collectionDone: false,
    });
    await startScanTask(t.db, { ...key(1), now });
    await completeScanTask(t.db, {
      tenantId: scope.tenantId,
      scanId,
      collection: collection(1, "FAILED"),
      now,
    });
    const progress = await getScanProgress({ db: t.db, scope, scanId });
    expect(progress.scan).toMatchObject({
      tasksTotal: 3,
      tasksDone: 2,
      tasksFailed: 1,
      resourceCount: 1,
      apiCalls: 4,
    });
    expect(progress.accounts).toEqual([
      { accountId: "222222222222", total: 2, done: 2, failed: 1, running: 0 },
      { accountId: "333333333333", total: 1, done: 0, failed: 0, running: 0 },
    ]);
    // Two racing completions of the last task: exactly one sees collectionDone.
    await startScanTask(t.db, { ...key(2), now });
    const race = await Promise.all([
      completeScanTask(t.db, {
        tenantId: scope.tenantId,
        scanId,
        collection: collection(2, "COMPLETE"),
        now,
      }),
      completeScanTask(t.db, {
        tenantId: scope.tenantId,
        scanId,
        collection: collection(2, "COMPLETE"),
        now,
      }),
    ]);
    expect(race.filter((r) => r.collectionDone)).toHaveLength(1);
    expect(await t.db.resource.count({ where: { tenantId: scope.tenantId } })).toBe(2);

    const gaps = await listCoverageGaps({ db: t.db, scope, scanId });
    expect(gaps.map((g) => g.message)).toEqual([
      "iam in account 222222222222 not collected: AccessDenied",
    ]);

    const evaluation = await evaluateScan({
      db: t.db,
      tenantId: scope.tenantId,
      scanId,
      now,
      rules: [],
      applyEvaluation: async () => ({ opened: 0, resolved: 0 }),
    });
    expect(evaluation).toMatchObject({ status: "PARTIAL", evaluated: true });
    // Finished: a new request creates a new scan.
    expect(
      (await requestScan({ db: t.db, tenantId: scope.tenantId, connectionId, trigger: "MANUAL" }))
        .joined,
    ).toBe(false);
  });

  it("cancels: pending tasks CANCELLED, processors stop, the scan ends CANCELLED", async () => {
    const now = new Date();
    const active = await requestScan({
      db: t.db,
      tenantId: scope.tenantId,
      connectionId,
      trigger: "MANUAL",
    });
    const scanId = active.scanId;
    await beginScanDiscovery(t.db, { tenantId: scope.tenantId, scanId, now });
    await createScanTasks(t.db, { tenantId: scope.tenantId, scanId, tasks, accountsTotal: 2 });
    const running = { tenantId: scope.tenantId, scanId, ...tasks[0]! };
    await startScanTask(t.db, { ...running, now });
    const cancelled = await cancelScan({ db: t.db, scope, scanId });
    expect(cancelled).toMatchObject({ cancelledTasks: 2, collectionDone: false });
    const last = await finishScanTask(t.db, { ...running, status: "SUCCEEDED", now });
    expect(last).toEqual({ finished: true, collectionDone: true });
    const r = await evaluateScan({
      db: t.db,
      tenantId: scope.tenantId,
      scanId,
      now,
      rules: [],
      applyEvaluation: async () => {
        throw new Error("a cancelled scan is not evaluated");
      },
    });
    expect(r).toMatchObject({ status: "CANCELLED", evaluated: false });
    await expect(cancelScan({ db: t.db, scope, scanId })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });
});
