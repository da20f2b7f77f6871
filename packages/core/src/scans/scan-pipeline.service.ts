import {
  Prisma,
  withPgConnection,
  type ScanStatus,
  type ScanTaskStatus,
  type TDb,
} from "@guardrail/db";
import { createPgSqlExecutor, type TSqlExecutor } from "../findings/sql-executor";
import { persistCollection, type TDbClient } from "../inventory/inventory.repository";
import type { TInventoryCollection, TOrganizationSnapshot } from "../inventory/inventory.types";
import { persistOrganization } from "../inventory/organization.repository";
import { SCAN_TRANSACTION_OPTIONS } from "./scan-transaction";

export { SCAN_TRANSACTION_OPTIONS };

/**
 * The scan pipeline's state machine, for the worker's processors. Every step is idempotent:
 * a redelivered job finds its task already terminal and does nothing.
 */

export interface TScanTaskKey {
  tenantId: string;
  scanId: string;
  accountId: string;
  region: string;
  service: string;
}

export interface TScanForStart {
  id: string;
  tenantId: string;
  connectionId: string;
  status: ScanStatus;
}

/**
 * Moves a QUEUED scan to DISCOVERING. Returns the scan to work on, `{ resume }` when tasks
 * already exist (a retried `scan.start` re-enqueues them), or null when there is nothing to do
 * (finished, or cancelled — then it is finished as CANCELLED here).
 */
export async function beginScanDiscovery(
  db: TDb,
  opts: { tenantId: string; scanId: string; now: Date },
): Promise<{ scan: TScanForStart; resume: boolean } | null> {
  const scan = await db.scan.findFirst({
    where: { id: opts.scanId, tenantId: opts.tenantId },
    select: { id: true, tenantId: true, connectionId: true, status: true, cancelRequestedAt: true },
  });
  if (!scan) return null;
  if (scan.cancelRequestedAt && (scan.status === "QUEUED" || scan.status === "DISCOVERING")) {
    await finishScan(db, { tenantId: opts.tenantId, scanId: opts.scanId, now: opts.now });
    return null;
  }
  if (scan.status === "COLLECTING") return { scan, resume: true };
  if (scan.status !== "QUEUED" && scan.status !== "DISCOVERING") return null;
  await db.scan.updateMany({
    where: { id: scan.id, tenantId: opts.tenantId, status: { in: ["QUEUED", "DISCOVERING"] } },
    data: { status: "DISCOVERING", startedAt: opts.now },
  });
  return { scan: { ...scan, status: "DISCOVERING" }, resume: false };
}

/** Marks a scan FAILED (discovery impossible: management role denied, organization unreadable). */
export async function failScan(
  db: TDb,
  opts: { tenantId: string; scanId: string; error: string; now: Date },
) {
  await db.scan.updateMany({
    where: {
      id: opts.scanId,
      tenantId: opts.tenantId,
      status: { in: ["QUEUED", "DISCOVERING", "COLLECTING", "EVALUATING"] },
    },
    data: { status: "FAILED", error: opts.error, finishedAt: opts.now },
  });
}

/**
 * `scan.start` failed for good (its attempts spent). A scan still discovering is FAILED. A
 * collecting one has its planning task FAILED, so the accounts planned so far are collected
 * and evaluated and the scan ends PARTIAL with the gap on record, instead of waiting for ever
 * for a planning that will not finish. `collectionDone`: the caller enqueues the evaluation.
 */
export async function abandonScanPlanning(
  db: TDb,
  opts: { tenantId: string; scanId: string; error: string; now: Date },
): Promise<{ collectionDone: boolean }> {
  const { tenantId, scanId, now } = opts;
  const scan = await db.scan.findFirst({
    where: { id: scanId, tenantId },
    select: { status: true },
  });
  if (scan?.status === "QUEUED" || scan?.status === "DISCOVERING") {
    await failScan(db, { tenantId, scanId, error: opts.error, now });
    return { collectionDone: false };
  }
  if (scan?.status !== "COLLECTING") return { collectionDone: false };
  const planning = await db.scanTask.findMany({
    where: { tenantId, scanId, service: PLANNING_SERVICE, status: { in: ["PENDING", "RUNNING"] } },
    select: { accountId: true, region: true },
  });
  for (const task of planning) {
    await finishScanTask(db, {
      tenantId,
      scanId,
      ...task,
      service: PLANNING_SERVICE,
      status: "FAILED",
      errorCode: "PlanningFailed",
      errorMessage: opts.error.slice(0, 2000),
      now,
    });
  }
  return { collectionDone: await isScanCollectionDone(db, { tenantId, scanId }) };
}

/** `scan.evaluate` failed for good: an evaluating scan is FAILED with the error, not left evaluating. */
export async function abandonScanEvaluation(
  db: TDb,
  opts: { tenantId: string; scanId: string; error: string; now: Date },
): Promise<void> {
  await db.scan.updateMany({
    where: { id: opts.scanId, tenantId: opts.tenantId, status: "EVALUATING" },
    data: { status: "FAILED", error: opts.error.slice(0, 2000), finishedAt: opts.now },
  });
}

export interface TPlannedTask {
  accountId: string;
  region: string;
  service: string;
}

/**
 * Inserts the scan's tasks (idempotent: a retry inserts nothing twice) and moves the scan to
 * COLLECTING. Returns the tasks still to run and whether collection is already over.
 */
export async function createScanTasks(
  db: TDb,
  opts: { tenantId: string; scanId: string; tasks: readonly TPlannedTask[]; accountsTotal: number },
): Promise<{ pending: TPlannedTask[]; collectionDone: boolean }> {
  const { tenantId, scanId } = opts;
  return db.$transaction(async (tx) => {
    await tx.scanTask.createMany({
      data: opts.tasks.map((t) => ({ tenantId, scanId, ...t })),
      skipDuplicates: true,
    });
    const total = await tx.scanTask.count({ where: { tenantId, scanId } });
    const done = await tx.scanTask.count({
      where: { tenantId, scanId, status: { notIn: ["PENDING", "RUNNING"] } },
    });
    await tx.scan.updateMany({
      where: { id: scanId, tenantId, status: "DISCOVERING" },
      data: {
        status: "COLLECTING",
        tasksTotal: total,
        tasksDone: done,
        accountsTotal: opts.accountsTotal,
      },
    });
    // Already collecting (a retried scan.start): tasks may be finishing right now and bumping
    // tasksDone, so only the total is recounted here.
    await tx.scan.updateMany({
      where: { id: scanId, tenantId, status: "COLLECTING" },
      data: { tasksTotal: total, accountsTotal: opts.accountsTotal },
    });
    const pending = await listUnfinishedTasks(tx, { tenantId, scanId });
    return { pending, collectionDone: done >= total };
  }, SCAN_TRANSACTION_OPTIONS);
}

/**
 * The task that stands for "the scan is still planning": created with the first tasks and
 * finished when every account has been planned, so the scan cannot be counted as collected
 * (and evaluated) while accounts are still being planned and their tasks added. Never a job.
 */
export const PLANNING_SERVICE = "planning";

/**
 * Adds tasks to a scan that is collecting (planning streams them account by account while the
 * first ones already run). Idempotent; only `tasksTotal` is recounted (never `tasksDone`,
 * which finishing tasks bump concurrently). False when the scan stopped collecting or was
 * cancelled: the caller stops adding.
 */
export async function addScanTasks(
  db: TDbClient,
  opts: { tenantId: string; scanId: string; tasks: readonly TPlannedTask[] },
): Promise<boolean> {
  const { tenantId, scanId, tasks } = opts;
  if (tasks.length) {
    await db.$executeRaw`
      INSERT INTO "ScanTask" ("tenantId", "scanId", "accountId", "region", "service")
      SELECT ${tenantId}::uuid, ${scanId}::uuid, t."accountId", t."region", t."service"
      FROM unnest(${tasks.map((t) => t.accountId)}::text[], ${tasks.map((t) => t.region)}::text[],
        ${tasks.map((t) => t.service)}::text[]) AS t("accountId", "region", "service")
      WHERE EXISTS (SELECT 1 FROM "Scan" WHERE "id" = ${scanId}::uuid AND "tenantId" = ${tenantId}::uuid
        AND "status" = 'COLLECTING' AND "cancelRequestedAt" IS NULL)
      ON CONFLICT ("scanId", "accountId", "region", "service") DO NOTHING`;
  }
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE "Scan" SET "tasksTotal" = (SELECT count(*)::int FROM "ScanTask" WHERE "scanId" = ${scanId}::uuid)
    WHERE "id" = ${scanId}::uuid AND "tenantId" = ${tenantId}::uuid AND "status" = 'COLLECTING'
      AND "cancelRequestedAt" IS NULL
    RETURNING "id"`;
  return rows.length > 0;
}

/** Whether the scan's planning task is still unfinished (a retried `scan.start` plans again). */
export async function isScanPlanningPending(
  db: TDbClient,
  opts: { tenantId: string; scanId: string },
): Promise<boolean> {
  const n = await db.scanTask.count({
    where: {
      tenantId: opts.tenantId,
      scanId: opts.scanId,
      service: PLANNING_SERVICE,
      status: { in: ["PENDING", "RUNNING"] },
    },
  });
  return n > 0;
}

/**
 * Tasks not yet terminal (a resumed `scan.start` re-enqueues them; job ids deduplicate), in the
 * order to enqueue them: the organization task first (the longest chain of calls, all on the
 * management account's Organizations budget), then round-robin across accounts (each
 * account's first task, then each one's second…), so the queue keeps many accounts busy.
 */
export async function listUnfinishedTasks(
  db: TDbClient,
  opts: { tenantId: string; scanId: string },
): Promise<TPlannedTask[]> {
  return db.$queryRaw<TPlannedTask[]>`
    SELECT "accountId", "region", "service" FROM "ScanTask"
    WHERE "tenantId" = ${opts.tenantId}::uuid AND "scanId" = ${opts.scanId}::uuid
      AND "status" IN ('PENDING', 'RUNNING') AND "service" <> ${PLANNING_SERVICE}
    ORDER BY ("service" = 'organizations') DESC,
      row_number() OVER (PARTITION BY "accountId" ORDER BY ("region" = 'global') DESC, "service", "region"),
      "accountId"`;
}

export type TStartTaskOutcome =
  | { action: "run"; attempt: number }
  | { action: "skip"; collectionDone: boolean }
  | { action: "cancelled"; collectionDone: boolean };

/** Called before a collection: run it, skip it (already terminal), or cancel it (scan cancelled). */
export async function startScanTask(
  db: TDb,
  key: TScanTaskKey & { now: Date },
): Promise<TStartTaskOutcome> {
  // The hot path is one statement: the task starts only while its scan collects, uncancelled.
  const started = await db.$queryRaw<{ attempts: number }[]>`
    UPDATE "ScanTask" SET "status" = 'RUNNING', "attempts" = "attempts" + 1, "startedAt" = ${key.now}
    WHERE "scanId" = ${key.scanId}::uuid AND "tenantId" = ${key.tenantId}::uuid AND "accountId" = ${key.accountId}
      AND "region" = ${key.region} AND "service" = ${key.service} AND "status" IN ('PENDING', 'RUNNING')
      AND EXISTS (SELECT 1 FROM "Scan" WHERE "id" = ${key.scanId}::uuid AND "status" = 'COLLECTING' AND "cancelRequestedAt" IS NULL)
    RETURNING "attempts"`;
  if (started[0]) return { action: "run", attempt: started[0].attempts };
  const scan = await db.scan.findFirst({
    where: { id: key.scanId, tenantId: key.tenantId },
    select: { status: true, cancelRequestedAt: true },
  });
  if (!scan || scan.status !== "COLLECTING") return { action: "skip", collectionDone: false };
  if (scan.cancelRequestedAt) {
    const r = await finishScanTask(db, { ...key, status: "CANCELLED", now: key.now });
    return { action: "cancelled", collectionDone: r.collectionDone };
  }
  return { action: "skip", collectionDone: await isScanCollectionDone(db, key) };
}

export interface TFinishTaskInput extends TScanTaskKey {
  status: Exclude<ScanTaskStatus, "PENDING" | "RUNNING">;
  resourceCount?: number;
  apiCalls?: number;
  errorCode?: string | null;
  errorMessage?: string | null;
  now: Date;
}

/** Moves a task to a terminal status exactly once; false when it already was terminal. */
export async function transitionScanTask(db: TSqlExecutor, t: TFinishTaskInput): Promise<boolean> {
  const updated = await db.$queryRaw<{ id: string }[]>(Prisma.sql`
    UPDATE "ScanTask" SET "status" = ${t.status}::"ScanTaskStatus", "finishedAt" = ${t.now},
      "resourceCount" = ${t.resourceCount ?? 0}, "apiCalls" = "apiCalls" + ${t.apiCalls ?? 0},
      "errorCode" = ${t.errorCode ?? null}, "errorMessage" = ${t.errorMessage ?? null}
    WHERE "scanId" = ${t.scanId}::uuid AND "tenantId" = ${t.tenantId}::uuid AND "accountId" = ${t.accountId}
      AND "region" = ${t.region} AND "service" = ${t.service} AND "status" IN ('PENDING', 'RUNNING')
    RETURNING "id"`);
  return updated[0] !== undefined;
}

/**
 * Bumps the scan's progress counters for one finished task, in one autocommit statement: the
 * scan row is locked only for that statement, never across a persistence transaction (it would
 * serialise every collection of the scan). Only while the scan collects: the move to
 * EVALUATING recounts them exactly, and a bump arriving after it is dropped. The counters are
 * for display; `collectionDone` (the last task) is read from the tasks, in a statement of its
 * own after the bump (`isScanCollectionDone`).
 */
export async function bumpScanCounters(
  db: TSqlExecutor,
  t: Pick<TFinishTaskInput, "tenantId" | "scanId" | "status" | "resourceCount" | "apiCalls">,
): Promise<boolean> {
  const failed = t.status === "FAILED" ? 1 : 0;
  const bumped = await db.$queryRaw<{ id: string }[]>(Prisma.sql`
    UPDATE "Scan" SET "tasksDone" = "tasksDone" + 1, "tasksFailed" = "tasksFailed" + ${failed},
      "resourceCount" = "resourceCount" + ${t.resourceCount ?? 0}, "apiCalls" = "apiCalls" + ${t.apiCalls ?? 0}
    WHERE "id" = ${t.scanId}::uuid AND "tenantId" = ${t.tenantId}::uuid AND "status" = 'COLLECTING'
    RETURNING "id"`);
  return bumped.length > 0 && (await isScanCollectionDone(db, t));
}

/** Moves a task to a terminal status exactly once and bumps the scan's counters. */
export async function finishScanTask(
  db: TDbClient,
  t: TFinishTaskInput,
): Promise<{ finished: boolean; collectionDone: boolean }> {
  if (!(await transitionScanTask(db, t))) return { finished: false, collectionDone: false };
  return { finished: true, collectionDone: await bumpScanCounters(db, t) };
}

const TASK_STATUS_OF = { COMPLETE: "SUCCEEDED", PARTIAL: "PARTIAL", FAILED: "FAILED" } as const;

/**
 * Persists a collection and finishes its task in one transaction: either both happen or
 * neither. A task that is already terminal (a redelivered job) persists nothing. The scan's
 * counters are bumped right after the commit (a crash in between is healed by the redelivered
 * job: see `isScanCollectionDone`).
 */
export async function completeScanTask(
  db: TDb,
  opts: {
    tenantId: string;
    scanId: string;
    collection: TInventoryCollection;
    /** The organization task: its snapshot (accounts with tags, OUs, SCPs/RCPs) is persisted too. */
    organization?: { connectionId: string; snapshot: TOrganizationSnapshot };
    now: Date;
  },
): Promise<{ finished: boolean; collectionDone: boolean }> {
  const { tenantId, scanId, collection: c, now } = opts;
  const firstError = c.errors[0];
  const finish: TFinishTaskInput = {
    tenantId,
    scanId,
    accountId: c.accountId,
    region: c.region,
    service: c.service,
    status: TASK_STATUS_OF[c.status],
    resourceCount: c.resources.length,
    apiCalls: c.apiCalls,
    errorCode:
      c.status === "COMPLETE" ? null : [...new Set(c.errors.map((e) => e.code))].join(", ") || null,
    errorMessage:
      c.status === "COMPLETE" || !firstError
        ? null
        : `${firstError.operation}: ${firstError.message}`.slice(0, 2000),
    now,
  };
  if (opts.organization) {
    // The organization task (one per scan) persists its snapshot with Prisma, in the same
    // transaction as its collection.
    const organization = opts.organization;
    const finished = await db.$transaction(async (tx) => {
      if (!(await transitionScanTask(tx, finish))) return false;
      await persistOrganization(tx, {
        tenantId,
        connectionId: organization.connectionId,
        organization: organization.snapshot,
        now,
      });
      await persistCollection(tx, { tenantId, scanId, collection: c, now });
      return true;
    }, SCAN_TRANSACTION_OPTIONS);
    if (!finished) return { finished: false, collectionDone: false };
    return { finished: true, collectionDone: await bumpScanCounters(db, finish) };
  }
  // Every other task: straight on one node-postgres connection (Prisma's query engine was about
  // a third of a collection task's CPU): BEGIN, the transition, two statements, COMMIT.
  return withPgConnection(db, async (client) => {
    const tx = createPgSqlExecutor(client);
    await client.query(`BEGIN; SET LOCAL statement_timeout = ${PERSIST_STATEMENT_TIMEOUT_MS}`);
    try {
      // The task's terminal transition comes first: it locks the task row (a redelivered job
      // waits here, then finds it terminal and persists nothing) and commits or rolls back
      // with the persistence.
      if (!(await transitionScanTask(tx, finish))) {
        await client.query("ROLLBACK");
        return { finished: false, collectionDone: false };
      }
      await persistCollection(tx, { tenantId, scanId, collection: c, now });
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    }
    return { finished: true, collectionDone: await bumpScanCounters(tx, finish) };
  });
}

/** A statement of a collection's persistence that runs longer than this is cancelled. */
const PERSIST_STATEMENT_TIMEOUT_MS = 120_000;

/**
 * Whether a collecting scan's tasks are all terminal, read from the tasks themselves (one probe
 * of the (tenantId, scanId, status) index); this, never the counters, says that collection is
 * over. Asked after a task's terminal transition committed (and after its counter bump, which
 * waits for a concurrent cancel holding the scan row), its snapshot sees every transition that
 * committed before, so of tasks finishing together the last to commit always sees the scan
 * collected. Redelivered jobs and failed tasks ask it too (a worker that died between a task's
 * commit and its bump, a job redelivered after a lost lock). It writes nothing: recounting the
 * counters here, while other tasks sat between their commit and their bump, counted those
 * twice (seen under CPU contention: tasksDone ran ahead of the finished tasks, the evaluation
 * was requested while tasks still ran, failed as not ready, and the scan never finished).
 */
export async function isScanCollectionDone(
  db: TSqlExecutor,
  opts: { tenantId: string; scanId: string },
): Promise<boolean> {
  const rows = await db.$queryRaw<{ collectionDone: boolean }[]>(Prisma.sql`
    SELECT NOT EXISTS (
      SELECT 1 FROM "ScanTask" WHERE "tenantId" = ${opts.tenantId}::uuid AND "scanId" = ${opts.scanId}::uuid
        AND "status" IN ('PENDING', 'RUNNING')) AS "collectionDone"
    FROM "Scan" WHERE "id" = ${opts.scanId}::uuid AND "tenantId" = ${opts.tenantId}::uuid
      AND "status" = 'COLLECTING'`);
  return rows[0]?.collectionDone === true;
}

/**
 * Moves a COLLECTING scan whose tasks are all terminal to EVALUATING, recounting its counters
 * from the tasks in the same statement (exact: no task changes any more, and a late counter
 * bump finds the scan no longer collecting). Only one caller wins ("EVALUATE"); a cancelled
 * scan is finished as CANCELLED instead ("DONE"); "NOT_READY" when tasks remain.
 */
export async function beginScanEvaluation(
  db: TDb,
  opts: { tenantId: string; scanId: string; now: Date },
): Promise<"EVALUATE" | "DONE" | "NOT_READY"> {
  const { tenantId, scanId } = opts;
  const scan = await db.scan.findFirst({
    where: { id: scanId, tenantId },
    select: { status: true, cancelRequestedAt: true },
  });
  if (!scan) return "DONE";
  if (scan.status === "EVALUATING") {
    if (!scan.cancelRequestedAt) return "EVALUATE"; // a retried evaluation job
    await finishScan(db, opts);
    return "DONE";
  }
  if (scan.status !== "COLLECTING") return "DONE";
  const moved = await db.$queryRaw<{ cancelled: boolean }[]>`
    UPDATE "Scan" s SET "status" = 'EVALUATING', "tasksDone" = c."done", "tasksTotal" = c."total",
      "tasksFailed" = c."failed", "resourceCount" = c."resources", "apiCalls" = c."calls"
    FROM (
      SELECT count(*) FILTER (WHERE "status" NOT IN ('PENDING', 'RUNNING'))::int AS "done",
        count(*) FILTER (WHERE "status" = 'FAILED')::int AS "failed",
        coalesce(sum("resourceCount"), 0)::int AS "resources", coalesce(sum("apiCalls"), 0)::int AS "calls",
        count(*)::int AS "total"
      FROM "ScanTask" WHERE "scanId" = ${scanId}::uuid AND "tenantId" = ${tenantId}::uuid
    ) c
    WHERE s."id" = ${scanId}::uuid AND s."tenantId" = ${tenantId}::uuid AND s."status" = 'COLLECTING'
      AND c."done" = c."total"
    RETURNING (s."cancelRequestedAt" IS NOT NULL) AS "cancelled"`;
  const row = moved[0];
  if (!row) {
    // Tasks remain, or another caller moved it first.
    const current = await db.scan.findFirst({
      where: { id: scanId, tenantId },
      select: { status: true },
    });
    return current?.status === "COLLECTING" ? "NOT_READY" : "DONE";
  }
  if (row.cancelled) {
    await finishScan(db, opts);
    return "DONE";
  }
  return "EVALUATE";
}

/**
 * Finishes a scan: CANCELLED when cancelled, PARTIAL when a task failed or an active account
 * could not be accessed, else SUCCEEDED. Marks scanned accounts' `lastScannedAt`.
 */
export async function finishScan(
  db: TDb,
  opts: {
    tenantId: string;
    scanId: string;
    now: Date;
    findingsOpened?: number;
    findingsResolved?: number;
  },
): Promise<ScanStatus | null> {
  const { tenantId, scanId, now } = opts;
  const scan = await db.scan.findFirst({
    where: { id: scanId, tenantId },
    select: { status: true, connectionId: true, cancelRequestedAt: true, tasksFailed: true },
  });
  if (!scan) return null;
  if (!["QUEUED", "DISCOVERING", "COLLECTING", "EVALUATING"].includes(scan.status))
    return scan.status;
  let status: ScanStatus;
  if (scan.cancelRequestedAt) status = "CANCELLED";
  else {
    const inaccessible = await db.awsAccount.count({
      where: {
        tenantId,
        connectionId: scan.connectionId,
        status: "ACTIVE",
        access: { notIn: ["CONNECTED", "EXTERNAL_ID_NOT_ENFORCED", "UNKNOWN"] },
      },
    });
    status = scan.tasksFailed > 0 || inaccessible > 0 ? "PARTIAL" : "SUCCEEDED";
  }
  await db.$transaction(async (tx) => {
    await tx.scan.updateMany({
      where: {
        id: scanId,
        tenantId,
        status: { in: ["QUEUED", "DISCOVERING", "COLLECTING", "EVALUATING"] },
      },
      data: {
        status,
        finishedAt: now,
        ...(opts.findingsOpened !== undefined ? { findingsOpened: opts.findingsOpened } : {}),
        ...(opts.findingsResolved !== undefined ? { findingsResolved: opts.findingsResolved } : {}),
      },
    });
    if (status !== "CANCELLED") {
      const scanned = await tx.scanTask.findMany({
        where: { tenantId, scanId, status: { in: ["SUCCEEDED", "PARTIAL"] } },
        distinct: ["accountId"],
        select: { accountId: true },
      });
      await tx.awsAccount.updateMany({
        where: { tenantId, accountId: { in: scanned.map((s) => s.accountId) } },
        data: { lastScannedAt: now },
      });
    }
  }, SCAN_TRANSACTION_OPTIONS);
  return status;
}
