import type { ScanTrigger, TDb } from "@guardrail/db";
import { authorize } from "../auth/roles";
import { AppError } from "../common/app-error";
import type { TTenantScope } from "../common/tenant-scope";

export const ACTIVE_SCAN_STATUSES = ["QUEUED", "DISCOVERING", "COLLECTING", "EVALUATING"] as const;

export interface TRequestScanOptions {
  db: TDb;
  tenantId: string;
  connectionId: string;
  trigger: ScanTrigger;
  requestedById?: string | null;
}

/**
 * Requests a scan of a connection. Only one scan per connection is active at a time (the
 * partial unique index `Scan_one_active_per_connection`): a second request joins the active
 * one (`joined: true`). The caller enqueues `scan.start` when `joined` is false.
 */
export async function requestScan(
  opts: TRequestScanOptions,
): Promise<{ scanId: string; joined: boolean }> {
  const { db, tenantId, connectionId } = opts;
  const connection = await db.awsConnection.findFirst({
    where: { id: connectionId, tenantId },
    select: { status: true },
  });
  if (!connection) throw new AppError("NOT_FOUND", "Connection not found.");
  if (connection.status === "DISABLED")
    throw new AppError("CONFLICT", "This connection is disabled.");
  for (let attempt = 0; attempt < 3; attempt++) {
    const inserted = await db.$queryRaw<{ id: string }[]>`
      INSERT INTO "Scan" ("tenantId", "connectionId", "trigger", "requestedById", "status")
      VALUES (${tenantId}::uuid, ${connectionId}::uuid, ${opts.trigger}::"ScanTrigger", ${opts.requestedById ?? null}::uuid, 'QUEUED')
      ON CONFLICT ("connectionId") WHERE "status" IN ('QUEUED', 'DISCOVERING', 'COLLECTING', 'EVALUATING')
      DO NOTHING
      RETURNING "id"`;
    if (inserted[0]) return { scanId: inserted[0].id, joined: false };
    const active = await db.scan.findFirst({
      where: { tenantId, connectionId, status: { in: [...ACTIVE_SCAN_STATUSES] } },
      select: { id: true },
    });
    // The active scan may have finished between the two statements: try again.
    if (active) return { scanId: active.id, joined: true };
  }
  throw new AppError("UNAVAILABLE", "Could not request a scan; try again.");
}

/** A user's "Scan now" (authorizes first). */
export async function requestManualScan(opts: {
  db: TDb;
  scope: TTenantScope;
  connectionId: string;
}) {
  authorize(opts.scope, "scans.run");
  return requestScan({
    db: opts.db,
    tenantId: opts.scope.tenantId,
    connectionId: opts.connectionId,
    trigger: "MANUAL",
    requestedById: opts.scope.userId,
  });
}

/**
 * Cancels a scan: sets `cancelRequestedAt` and marks every task that has not started
 * CANCELLED (counted as done). Running tasks finish and processors stop before the next one.
 * When `collectionDone` is true the caller enqueues `scan.evaluate`, which finishes the scan
 * as CANCELLED without evaluating.
 */
export async function cancelScan(opts: {
  db: TDb;
  scope: TTenantScope;
  scanId: string;
  now?: Date;
}) {
  authorize(opts.scope, "scans.run");
  const { db, scope, scanId } = opts;
  const now = opts.now ?? new Date();
  return db.$transaction(async (tx) => {
    const { count } = await tx.scan.updateMany({
      where: { id: scanId, tenantId: scope.tenantId, status: { in: [...ACTIVE_SCAN_STATUSES] } },
      data: { cancelRequestedAt: now },
    });
    if (count === 0) {
      const exists = await tx.scan.count({ where: { id: scanId, tenantId: scope.tenantId } });
      if (!exists) throw new AppError("NOT_FOUND", "Scan not found.");
      throw new AppError("CONFLICT", "This scan has already finished.");
    }
    const cancelled = await tx.scanTask.updateMany({
      where: { tenantId: scope.tenantId, scanId, status: "PENDING" },
      data: { status: "CANCELLED", finishedAt: now },
    });
    const rows = await tx.$queryRaw<{ tasksDone: number; tasksTotal: number; status: string }[]>`
      UPDATE "Scan" SET "tasksDone" = "tasksDone" + ${cancelled.count}
      WHERE "id" = ${scanId}::uuid AND "tenantId" = ${scope.tenantId}::uuid
      RETURNING "tasksDone", "tasksTotal", "status"::text AS "status"`;
    const row = rows[0];
    // Read from the tasks, not the counters (see `isScanCollectionDone`); the scan row, locked
    // by the first statement, makes a task finishing meanwhile check after this commits.
    const open = await tx.scanTask.count({
      where: { tenantId: scope.tenantId, scanId, status: { in: ["PENDING", "RUNNING"] } },
    });
    const collectionDone = row !== undefined && row.status === "COLLECTING" && open === 0;
    return { scanId, cancelledTasks: cancelled.count, collectionDone };
  });
}

export async function listScans(opts: {
  db: TDb;
  scope: TTenantScope;
  connectionId?: string;
  take?: number;
}) {
  authorize(opts.scope, "scans.read");
  return opts.db.scan.findMany({
    where: {
      tenantId: opts.scope.tenantId,
      ...(opts.connectionId ? { connectionId: opts.connectionId } : {}),
    },
    orderBy: { createdAt: "desc" },
    take: Math.min(opts.take ?? 50, 200),
  });
}

export interface TScanProgress {
  scan: Awaited<ReturnType<TDb["scan"]["findFirstOrThrow"]>>;
  accounts: { accountId: string; total: number; done: number; failed: number; running: number }[];
}

/** Live progress: tasks done / total, and per account. */
export async function getScanProgress(opts: {
  db: TDb;
  scope: TTenantScope;
  scanId: string;
}): Promise<TScanProgress> {
  authorize(opts.scope, "scans.read");
  const { db, scope, scanId } = opts;
  const scan = await db.scan.findFirst({ where: { id: scanId, tenantId: scope.tenantId } });
  if (!scan) throw new AppError("NOT_FOUND", "Scan not found.");
  const groups = await db.scanTask.groupBy({
    by: ["accountId", "status"],
    // The planning task is bookkeeping, not a collection of the account.
    where: { tenantId: scope.tenantId, scanId, service: { not: "planning" } },
    _count: { _all: true },
  });
  const byAccount = new Map<string, TScanProgress["accounts"][number]>();
  for (const g of groups) {
    const a = byAccount.get(g.accountId) ?? {
      accountId: g.accountId,
      total: 0,
      done: 0,
      failed: 0,
      running: 0,
    };
    const n = g._count._all;
    a.total += n;
    if (g.status === "RUNNING") a.running += n;
    else if (g.status !== "PENDING") a.done += n;
    if (g.status === "FAILED") a.failed += n;
    byAccount.set(g.accountId, a);
  }
  return {
    scan,
    accounts: [...byAccount.values()].sort((x, y) => x.accountId.localeCompare(y.accountId)),
  };
}

export interface TCoverageGap {
  accountId: string;
  region: string | null;
  service: string | null;
  kind: "ACCOUNT_ACCESS" | "COLLECTION_FAILED" | "COLLECTION_PARTIAL";
  code: string;
  /** "ec2 in eu-west-3 not collected: UnauthorizedOperation" */
  message: string;
}

/**
 * Coverage gaps: accounts Guardrail cannot scan (and why), and collections that failed or were
 * partial — for one scan (its tasks) or the latest state of the tenant (`CollectionState`).
 */
export async function listCoverageGaps(opts: {
  db: TDb;
  scope: TTenantScope;
  scanId?: string;
  accountId?: string;
}): Promise<TCoverageGap[]> {
  authorize(opts.scope, "scans.read");
  const { db, scope } = opts;
  const tenantId = scope.tenantId;
  const gaps: TCoverageGap[] = [];
  const accounts = await db.awsAccount.findMany({
    where: {
      tenantId,
      ...(opts.accountId ? { accountId: opts.accountId } : {}),
      access: { notIn: ["CONNECTED", "UNKNOWN"] },
    },
    select: { accountId: true, access: true, accessError: true },
    orderBy: { accountId: "asc" },
  });
  for (const a of accounts) {
    gaps.push({
      accountId: a.accountId,
      region: null,
      service: null,
      kind: "ACCOUNT_ACCESS",
      code: a.access,
      message: `account ${a.accountId}: ${a.accessError ?? a.access}`,
    });
  }
  const rows = opts.scanId
    ? (
        await db.scanTask.findMany({
          where: {
            tenantId,
            scanId: opts.scanId,
            status: { in: ["FAILED", "PARTIAL"] },
            ...(opts.accountId ? { accountId: opts.accountId } : {}),
          },
          select: { accountId: true, region: true, service: true, status: true, errorCode: true },
          orderBy: [{ accountId: "asc" }, { region: "asc" }, { service: "asc" }],
        })
      ).map((t) => ({ ...t, failed: t.status === "FAILED" }))
    : (
        await db.collectionState.findMany({
          where: {
            tenantId,
            status: { in: ["FAILED", "PARTIAL"] },
            ...(opts.accountId ? { accountId: opts.accountId } : {}),
          },
          select: { accountId: true, region: true, service: true, status: true, errorCode: true },
          orderBy: [{ accountId: "asc" }, { region: "asc" }, { service: "asc" }],
        })
      ).map((t) => ({ ...t, failed: t.status === "FAILED" }));
  for (const r of rows) {
    gaps.push({
      accountId: r.accountId,
      region: r.region,
      service: r.service,
      kind: r.failed ? "COLLECTION_FAILED" : "COLLECTION_PARTIAL",
      code: r.errorCode ?? "Unknown",
      message: describeCollectionGap(r),
    });
  }
  return gaps;
}

export function describeCollectionGap(r: {
  accountId: string;
  region: string;
  service: string;
  failed: boolean;
  errorCode: string | null;
}): string {
  const where =
    r.region === "global" ? `account ${r.accountId}` : `${r.region} (account ${r.accountId})`;
  return `${r.service} in ${where} ${r.failed ? "not collected" : "partially collected"}: ${r.errorCode ?? "Unknown"}`;
}
