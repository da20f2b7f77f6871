import { randomBytes } from "node:crypto";
import { Prisma, type TDb } from "@guardrail/db";
import { recordAudit } from "../audit/audit.service";
import { authorize } from "../auth/roles";
import { AppError } from "../common/app-error";
import { SCAN_TRANSACTION_OPTIONS } from "../scans/scan-transaction";
import type { TTenantScope } from "../common/tenant-scope";
import {
  ZConnectionTestResult,
  ZCreateConnectionInput,
  ZUpdateConnectionInput,
  type TConnectionTestResult,
  type TCreateConnectionInput,
  type TUpdateConnectionInput,
} from "./connection.schema";

/** Prefix + 32 random bytes in base64url: 46 characters, never chosen by a client. */
export function generateExternalId(): string {
  return `gr-${randomBytes(32).toString("base64url")}`;
}

function parseInput<T>(
  result:
    | { success: true; data: T }
    | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } },
): T {
  if (result.success) return result.data;
  const detail = result.error.issues
    .map((i) => `${i.path.join(".") || "input"}: ${i.message}`)
    .join("; ");
  throw new AppError("VALIDATION", `Invalid connection settings: ${detail}`);
}

function isUniqueViolation(err: unknown, field: string): boolean {
  if (!(err instanceof Prisma.PrismaClientKnownRequestError) || err.code !== "P2002") return false;
  return JSON.stringify(err.meta ?? {}).includes(field);
}

export interface TCreateConnectionOptions {
  db: TDb;
  scope: TTenantScope;
  input: TCreateConnectionInput;
}

/** Creates a connection with a fresh external ID (random, unique, immutable). */
export async function createConnection({ db, scope, input }: TCreateConnectionOptions) {
  authorize(scope, "connections.manage");
  const data = parseInput(ZCreateConnectionInput.safeParse(input));
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const connection = await db.awsConnection.create({
        data: { ...data, tenantId: scope.tenantId, externalId: generateExternalId() },
      });
      await recordAudit(db, scope, {
        action: "connection.create",
        targetType: "AwsConnection",
        targetId: connection.id,
        data: { name: connection.name, managementRoleArn: connection.managementRoleArn },
      });
      return connection;
    } catch (err) {
      if (isUniqueViolation(err, "name")) {
        throw new AppError("CONFLICT", `A connection named "${data.name}" already exists.`);
      }
      // A colliding external ID is astronomically unlikely; draw again rather than fail.
      if (isUniqueViolation(err, "externalId")) continue;
      throw err;
    }
  }
  throw new AppError("UNAVAILABLE", "Could not generate a unique external ID; try again.");
}

export interface TUpdateConnectionOptions {
  db: TDb;
  scope: TTenantScope;
  connectionId: string;
  input: TUpdateConnectionInput;
}

/** Updates region scope, schedule, roles or name. The external ID cannot be changed. */
export async function updateConnectionSettings({
  db,
  scope,
  connectionId,
  input,
}: TUpdateConnectionOptions) {
  authorize(scope, "connections.manage");
  const data = parseInput(ZUpdateConnectionInput.safeParse(input));
  const { count } = await db.awsConnection.updateMany({
    where: { id: connectionId, tenantId: scope.tenantId },
    data,
  });
  if (count === 0) throw new AppError("NOT_FOUND", "Connection not found.");
  await recordAudit(db, scope, {
    action: "connection.update",
    targetType: "AwsConnection",
    targetId: connectionId,
    data: data as Prisma.InputJsonValue,
  });
  return db.awsConnection.findFirstOrThrow({
    where: { id: connectionId, tenantId: scope.tenantId },
  });
}

export async function getConnection({
  db,
  scope,
  connectionId,
}: {
  db: TDb;
  scope: TTenantScope;
  connectionId: string;
}) {
  authorize(scope, "connections.read");
  const connection = await db.awsConnection.findFirst({
    where: { id: connectionId, tenantId: scope.tenantId },
  });
  if (!connection) throw new AppError("NOT_FOUND", "Connection not found.");
  return connection;
}

export async function listConnections({ db, scope }: { db: TDb; scope: TTenantScope }) {
  authorize(scope, "connections.read");
  return db.awsConnection.findMany({
    where: { tenantId: scope.tenantId },
    orderBy: { name: "asc" },
  });
}

/** For the worker (no user): a connection by id within its tenant. */
export async function loadConnectionForScan({
  db,
  tenantId,
  connectionId,
}: {
  db: TDb;
  tenantId: string;
  connectionId: string;
}) {
  const connection = await db.awsConnection.findFirst({ where: { id: connectionId, tenantId } });
  if (!connection)
    throw new AppError("NOT_FOUND", `Connection ${connectionId} not found in tenant.`);
  return connection;
}

/** The connections whose schedule the worker's scheduler keeps in BullMQ. */
export async function listScheduledConnections({ db }: { db: TDb }) {
  return db.awsConnection.findMany({
    where: { status: { not: "DISABLED" } },
    select: { id: true, tenantId: true, scheduleCron: true, scheduleEnabled: true },
  });
}

export interface TRecordConnectionTestOptions {
  db: TDb;
  tenantId: string;
  connectionId: string;
  result: TConnectionTestResult;
  now?: Date;
}

/**
 * Persists a "Test connection" run: the connection's status and last result, and each known
 * member account's access state ("connected", or exactly why not).
 */
export async function recordConnectionTest(opts: TRecordConnectionTestOptions) {
  const { db, tenantId, connectionId } = opts;
  const result = ZConnectionTestResult.parse(opts.result);
  const now = opts.now ?? new Date();
  const failing = result.accounts.filter((a) => a.state !== "CONNECTED");
  const status = !result.management.ok
    ? "ERROR"
    : failing.some((a) => a.state !== "SUSPENDED")
      ? "DEGRADED"
      : "CONNECTED";
  const lastError = !result.management.ok
    ? `${result.management.errorCode ?? "Error"}: ${result.management.message}`
    : failing.length > 0
      ? `${failing.length} of ${result.accounts.length} accounts not fully connected`
      : null;
  return db.$transaction(async (tx) => {
    // A scan's checks never replace a "Test connection" run that is still queued or running
    // (the page is following it); the accounts' access states are updated all the same.
    let keepRun = false;
    if (!result.run) {
      const current = await tx.$queryRaw<{ status: string | null }[]>`
        SELECT "lastTestResult"->'run'->>'status' AS "status" FROM "AwsConnection"
        WHERE "id" = ${connectionId}::uuid AND "tenantId" = ${tenantId}::uuid FOR UPDATE`;
      keepRun = current[0]?.status === "QUEUED" || current[0]?.status === "RUNNING";
    }
    const { count } = await tx.awsConnection.updateMany({
      where: { id: connectionId, tenantId },
      data: {
        status,
        lastError,
        lastTestedAt: now,
        ...(keepRun ? {} : { lastTestResult: result as unknown as Prisma.InputJsonValue }),
        ...(result.management.organizationId
          ? { organizationId: result.management.organizationId }
          : {}),
        ...(result.management.managementAccountId
          ? { managementAccountId: result.management.managementAccountId }
          : {}),
      },
    });
    if (count === 0) throw new AppError("NOT_FOUND", "Connection not found.");
    // One statement for every account (an organization may have thousands).
    if (result.accounts.length) {
      await tx.$executeRaw`
        UPDATE "AwsAccount" a SET "access" = r."state"::"AccountAccess",
          "accessError" = CASE WHEN r."state" = 'CONNECTED' THEN NULL ELSE r."message" END
        FROM unnest(${result.accounts.map((x) => x.accountId)}::text[],
          ${result.accounts.map((x) => x.state)}::text[],
          ${result.accounts.map((x) => x.message)}::text[]) AS r("accountId", "state", "message")
        WHERE a."tenantId" = ${tenantId}::uuid AND a."connectionId" = ${connectionId}::uuid
          AND a."accountId" = r."accountId"`;
    }
    return { status, lastError };
  }, SCAN_TRANSACTION_OPTIONS);
}
