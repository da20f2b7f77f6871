import { randomUUID } from "node:crypto";
import type { Prisma, TDb } from "@guardrail/db";
import { recordAudit } from "../audit/audit.service";
import { authorize } from "../auth/roles";
import { AppError } from "../common/app-error";
import type { TTenantScope } from "../common/tenant-scope";
import {
  ZConnectionTestResult,
  type TConnectionTestAccount,
  type TConnectionTestManagement,
  type TConnectionTestResult,
  type TConnectionTestRun,
} from "./connection.schema";
import { recordConnectionTest } from "./connection.service";

/**
 * "Test connection" runs: requested by a user (web), run by the worker (`connection.test`),
 * recorded in the connection's `lastTestResult` with a `run` (id, status, times) so the page can
 * follow it live and a superseded run never overwrites a newer one. Each scan also records its
 * member access checks there (without a run).
 */

const ACTIVE_RUN = new Set(["QUEUED", "RUNNING"]);
/** A run still QUEUED or RUNNING after this long is considered lost (the worker died twice). */
const STALE_RUN_MS = 15 * 60_000;

function readResult(value: unknown): TConnectionTestResult | null {
  const parsed = ZConnectionTestResult.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/**
 * Records a new run (QUEUED) and returns its id; the caller enqueues `connection.test`. A run
 * already queued or running is joined, not duplicated.
 */
export async function requestConnectionTest(opts: {
  db: TDb;
  scope: TTenantScope;
  connectionId: string;
  now?: Date;
}): Promise<{ testId: string; joined: boolean }> {
  const { db, scope, connectionId } = opts;
  authorize(scope, "connections.manage");
  const now = opts.now ?? new Date();
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ lastTestResult: unknown }[]>`
      SELECT "lastTestResult" FROM "AwsConnection"
      WHERE "id" = ${connectionId}::uuid AND "tenantId" = ${scope.tenantId}::uuid
      FOR UPDATE`;
    if (!rows[0]) throw new AppError("NOT_FOUND", "Connection not found.");
    const previous = readResult(rows[0].lastTestResult);
    const run = previous?.run;
    if (
      run &&
      ACTIVE_RUN.has(run.status) &&
      now.getTime() - new Date(run.requestedAt).getTime() < STALE_RUN_MS
    ) {
      return { testId: run.id, joined: true };
    }
    const testId = randomUUID();
    const next: TConnectionTestResult = {
      run: {
        id: testId,
        status: "QUEUED",
        requestedAt: now.toISOString(),
        startedAt: null,
        finishedAt: null,
        accountsTotal: null,
      },
      management: { ok: false, message: "Waiting for a worker…" },
      accounts: [],
    };
    await tx.awsConnection.updateMany({
      where: { id: connectionId, tenantId: scope.tenantId },
      data: { lastTestResult: next as unknown as Prisma.InputJsonValue },
    });
    await recordAudit(tx, scope, {
      action: "connection.test",
      targetType: "AwsConnection",
      targetId: connectionId,
      data: { testId },
    });
    return { testId, joined: false };
  });
}

export interface TConnectionTestView {
  connectionId: string;
  testedAt: string | null;
  result: TConnectionTestResult | null;
}

/** The latest test (a "Test connection" run, or a scan's access checks) of a connection. */
export async function getConnectionTest(opts: {
  db: TDb;
  scope: TTenantScope;
  connectionId: string;
}): Promise<TConnectionTestView> {
  authorize(opts.scope, "connections.read");
  const connection = await opts.db.awsConnection.findFirst({
    where: { id: opts.connectionId, tenantId: opts.scope.tenantId },
    select: { id: true, lastTestedAt: true, lastTestResult: true },
  });
  if (!connection) throw new AppError("NOT_FOUND", "Connection not found.");
  return {
    connectionId: connection.id,
    testedAt: connection.lastTestedAt?.toISOString() ?? null,
    result: readResult(connection.lastTestResult),
  };
}

export interface TConnectionTestRunKey {
  db: TDb;
  tenantId: string;
  connectionId: string;
  testId: string;
}

/**
 * Writes the run's progress, only while it is still the connection's current run (a newer run
 * or a scan's result is never overwritten). Returns false when the run was superseded.
 */
export async function updateConnectionTestRun(
  opts: TConnectionTestRunKey & {
    run: Partial<Pick<TConnectionTestRun, "status" | "startedAt" | "accountsTotal">>;
    management?: TConnectionTestManagement;
    accounts?: readonly TConnectionTestAccount[];
  },
): Promise<boolean> {
  const { db, tenantId, connectionId, testId } = opts;
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ lastTestResult: unknown }[]>`
      SELECT "lastTestResult" FROM "AwsConnection"
      WHERE "id" = ${connectionId}::uuid AND "tenantId" = ${tenantId}::uuid
      FOR UPDATE`;
    const current = rows[0] ? readResult(rows[0].lastTestResult) : null;
    if (!current?.run || current.run.id !== testId || !ACTIVE_RUN.has(current.run.status))
      return false;
    const next: TConnectionTestResult = {
      run: { ...current.run, ...opts.run },
      management: opts.management ?? current.management,
      accounts: opts.accounts ? [...opts.accounts] : current.accounts,
    };
    await tx.awsConnection.updateMany({
      where: { id: connectionId, tenantId },
      data: { lastTestResult: next as unknown as Prisma.InputJsonValue },
    });
    return true;
  });
}

/**
 * Finishes a run: the connection's status and last result, and each known member account's
 * access state. SUCCEEDED when the management role worked (accounts may still be failing:
 * each says why), FAILED when it did not. False when the run was superseded.
 */
export async function finishConnectionTestRun(
  opts: TConnectionTestRunKey & {
    management: TConnectionTestManagement;
    accounts: readonly TConnectionTestAccount[];
    now?: Date;
  },
): Promise<boolean> {
  const { db, tenantId, connectionId, testId } = opts;
  const now = opts.now ?? new Date();
  const current = await db.awsConnection.findFirst({
    where: { id: connectionId, tenantId },
    select: { lastTestResult: true },
  });
  const run = readResult(current?.lastTestResult)?.run;
  if (!run || run.id !== testId || !ACTIVE_RUN.has(run.status)) return false;
  await recordConnectionTest({
    db,
    tenantId,
    connectionId,
    now,
    result: {
      run: {
        ...run,
        status: opts.management.ok ? "SUCCEEDED" : "FAILED",
        finishedAt: now.toISOString(),
        accountsTotal: opts.accounts.length,
      },
      management: opts.management,
      accounts: [...opts.accounts],
    },
  });
  return true;
}
