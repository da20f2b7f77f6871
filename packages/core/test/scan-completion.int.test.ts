import { createTestDatabase, type TTestDatabase } from "@guardrail/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withPgConnection } from "@guardrail/db";
import {
  abandonScanPlanning,
  beginScanDiscovery,
  bumpScanCounters,
  createScanTasks,
  evaluateScan,
  finishScanTask,
  isScanCollectionDone,
  requestScan,
  PLANNING_SERVICE,
  startScanTask,
  transitionScanTask,
  type TFinishTaskInput,
} from "../src";

/**
 * The end of a scan's collection when jobs are redelivered (a worker starved of CPU loses its
 * BullMQ locks, and the stalled-job check hands the same jobs out again): the interleavings
 * below are the ones such a scan runs into, played one statement at a time.
 */
let t: TTestDatabase;
let tenantId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  const tenant = await t.db.tenant.create({ data: { name: "Done", slug: "done" } });
  tenantId = tenant.id;
});
afterAll(async () => {
  await t?.drop();
});

const tasks = [
  { accountId: "222222222222", region: "eu-west-1", service: "ec2" },
  { accountId: "222222222222", region: "global", service: "iam" },
  { accountId: "333333333333", region: "eu-west-1", service: "ec2" },
];

/** A scan of a connection of its own, collecting, its three tasks running. */
let connections = 0;
async function collectingScan(): Promise<string> {
  const now = new Date();
  connections++;
  const connection = await t.db.awsConnection.create({
    data: {
      tenantId,
      name: `org-${connections}`,
      managementRoleArn: "arn:aws:iam::111111111111:role/R",
      memberRoleName: "S",
      externalId: `${connections}`.padEnd(40, "d"),
    },
  });
  const { scanId } = await requestScan({
    db: t.db,
    tenantId,
    connectionId: connection.id,
    trigger: "MANUAL",
  });
  await beginScanDiscovery(t.db, { tenantId, scanId, now });
  await createScanTasks(t.db, { tenantId, scanId, tasks, accountsTotal: 2 });
  for (const task of tasks) await startScanTask(t.db, { tenantId, scanId, ...task, now });
  return scanId;
}

const finished = (scanId: string, i: number): TFinishTaskInput => ({
  tenantId,
  scanId,
  ...tasks[i]!,
  status: "SUCCEEDED",
  resourceCount: 1,
  apiCalls: 2,
  now: new Date(),
});

const noEvaluation = async () => ({ opened: 0, resolved: 0 });

describe("the end of a scan's collection", () => {
  it("is not declared while a task runs, when a redelivered job checks between another task's commit and its counter bump", async () => {
    const scanId = await collectingScan();
    // Task 0 commits its terminal transition; its counter bump has not run yet.
    expect(await transitionScanTask(t.db, finished(scanId, 0))).toBe(true);
    // Task 0's job, redelivered after its lock was lost, finds the task terminal and asks
    // whether the scan is collected.
    expect(await startScanTask(t.db, { ...tasks[0]!, tenantId, scanId, now: new Date() })).toEqual({
      action: "skip",
      collectionDone: false,
    });
    expect(await isScanCollectionDone(t.db, { tenantId, scanId })).toBe(false);
    // Task 0's bump lands, then task 1 finishes: task 2 still runs.
    expect(await bumpScanCounters(t.db, finished(scanId, 0))).toBe(false);
    expect(await finishScanTask(t.db, finished(scanId, 1))).toEqual({
      finished: true,
      collectionDone: false,
    });
    await expect(
      evaluateScan({
        db: t.db,
        tenantId,
        scanId,
        now: new Date(),
        rules: [],
        applyEvaluation: noEvaluation,
      }),
    ).rejects.toMatchObject({ code: "UNAVAILABLE" });
    // The last task ends the collection.
    expect(await finishScanTask(t.db, finished(scanId, 2))).toEqual({
      finished: true,
      collectionDone: true,
    });
    const r = await evaluateScan({
      db: t.db,
      tenantId,
      scanId,
      now: new Date(),
      rules: [],
      applyEvaluation: noEvaluation,
    });
    expect(r).toMatchObject({ status: "SUCCEEDED", evaluated: true });
    const scan = await t.db.scan.findUniqueOrThrow({ where: { id: scanId } });
    expect(scan).toMatchObject({ tasksDone: 3, tasksTotal: 3, resourceCount: 3, apiCalls: 6 });
  });

  it("is declared by the last task even when a worker died between a task's commit and its bump, and the counters end exact", async () => {
    const scanId = await collectingScan();
    // Task 0 commits; its worker dies before the bump (nobody bumps it).
    expect(await transitionScanTask(t.db, finished(scanId, 0))).toBe(true);
    expect(await finishScanTask(t.db, finished(scanId, 1))).toMatchObject({
      collectionDone: false,
    });
    expect(await finishScanTask(t.db, finished(scanId, 2))).toEqual({
      finished: true,
      collectionDone: true,
    });
    const r = await evaluateScan({
      db: t.db,
      tenantId,
      scanId,
      now: new Date(),
      rules: [],
      applyEvaluation: noEvaluation,
    });
    expect(r).toMatchObject({ status: "SUCCEEDED", evaluated: true });
    // A bump arriving after the move to EVALUATING changes nothing.
    expect(await bumpScanCounters(t.db, finished(scanId, 0))).toBe(false);
    const scan = await t.db.scan.findUniqueOrThrow({ where: { id: scanId } });
    expect(scan).toMatchObject({ tasksDone: 3, tasksTotal: 3, resourceCount: 3, apiCalls: 6 });
  });

  it("ends PARTIAL when its planning failed for good: the tasks planned so far are collected and evaluated", async () => {
    const scanId = await collectingScan();
    const planning = { tenantId, scanId, accountId: "111111111111", region: "global" };
    await t.db.scanTask.create({ data: { ...planning, service: PLANNING_SERVICE } });
    await t.db.scan.update({ where: { id: scanId }, data: { tasksTotal: 4 } });
    for (const i of [0, 1]) await finishScanTask(t.db, finished(scanId, i));
    expect(
      await abandonScanPlanning(t.db, { tenantId, scanId, error: "boom", now: new Date() }),
    ).toEqual({ collectionDone: false });
    expect(await finishScanTask(t.db, finished(scanId, 2))).toEqual({
      finished: true,
      collectionDone: true,
    });
    const r = await evaluateScan({
      db: t.db,
      tenantId,
      scanId,
      now: new Date(),
      rules: [],
      applyEvaluation: noEvaluation,
    });
    expect(r).toMatchObject({ status: "PARTIAL", evaluated: true });
    const task = await t.db.scanTask.findFirstOrThrow({
      where: { scanId, service: PLANNING_SERVICE },
    });
    expect(task).toMatchObject({ status: "FAILED", errorCode: "PlanningFailed" });
    expect(await t.db.scan.findUniqueOrThrow({ where: { id: scanId } })).toMatchObject({
      tasksDone: 4,
      tasksTotal: 4,
      tasksFailed: 1,
    });
  });

  it("creates a scan's tasks while every pooled connection stays busy for longer than Prisma's default 2 s wait", async () => {
    const now = new Date();
    connections++;
    const connection = await t.db.awsConnection.create({
      data: {
        tenantId,
        name: `org-${connections}`,
        managementRoleArn: "arn:aws:iam::111111111111:role/R",
        memberRoleName: "S",
        externalId: `${connections}`.padEnd(40, "d"),
      },
    });
    const { scanId } = await requestScan({
      db: t.db,
      tenantId,
      connectionId: connection.id,
      trigger: "MANUAL",
    });
    await beginScanDiscovery(t.db, { tenantId, scanId, now });
    // Every connection of the pool (5) held 3 s, as collections' persistence holds them on a
    // worker starved of CPU.
    let holding = 0;
    const held = Array.from({ length: 5 }, () =>
      withPgConnection(t.db, async (client) => {
        holding++;
        await client.query("SELECT pg_sleep(3)");
      }),
    );
    while (holding < 5) await new Promise((r) => setTimeout(r, 10));
    const created = await createScanTasks(t.db, { tenantId, scanId, tasks, accountsTotal: 2 });
    await Promise.all(held);
    expect(created.pending).toHaveLength(3);
  });
});
