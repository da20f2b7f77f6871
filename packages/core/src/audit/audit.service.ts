import type { Prisma} from "@guardrail/db";
import { type TDb } from "@guardrail/db";
import { z } from "zod";
import { authorize } from "../auth/roles";
import { AppError } from "../common/app-error";
import type { TTenantScope } from "../common/tenant-scope";

export interface TAuditEntry {
  action: string;
  targetType?: string;
  targetId?: string;
  data?: Prisma.InputJsonValue;
  ip?: string | null;
}

/** Appends to the tenant's audit log (on the client or inside a transaction). Never put secrets in `data`. */
export async function recordAudit(
  db: Pick<TDb, "auditLog">,
  scope: Pick<TTenantScope, "tenantId" | "userId">,
  entry: TAuditEntry,
) {
  await db.auditLog.create({
    data: {
      tenantId: scope.tenantId,
      actorUserId: scope.userId,
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      data: entry.data ?? undefined,
      ip: entry.ip ?? null,
    },
  });
}

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Dates look like 2026-11-23.")
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), "Not a calendar date.");

/** Filters of the audit log (the page keeps them in the URL). Dates are whole UTC days, inclusive. */
export const ZAuditLogFilter = z.object({
  actorUserId: z.uuid().optional(),
  action: z.string().trim().max(100).optional(),
  from: isoDay.optional(),
  to: isoDay.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type TAuditLogFilter = z.input<typeof ZAuditLogFilter>;

export interface TAuditLogRow {
  id: string;
  at: Date;
  action: string;
  actor: { userId: string; name: string; email: string } | null;
  targetType: string | null;
  targetId: string | null;
  data: unknown;
  ip: string | null;
}

/**
 * A page of the tenant's audit log, newest first: who (actor), what (action, data), on what
 * (target), when, from where (ip). `action` matches a whole action or a prefix ending in ".".
 */
export async function listAuditLog(
  db: TDb,
  scope: TTenantScope,
  filter: TAuditLogFilter = {},
): Promise<{ rows: TAuditLogRow[]; total: number; page: number; pageSize: number; actions: string[] }> {
  authorize(scope, "audit.read");
  const parsed = ZAuditLogFilter.safeParse(filter);
  if (!parsed.success) throw new AppError("VALIDATION", parsed.error.issues.map((i) => i.message).join(" "));
  const f = parsed.data;
  const at: Prisma.AuditLogWhereInput["at"] = {};
  if (f.from) at.gte = new Date(`${f.from}T00:00:00.000Z`);
  if (f.to) at.lt = new Date(Date.parse(`${f.to}T00:00:00.000Z`) + 86_400_000);
  const where: Prisma.AuditLogWhereInput = {
    tenantId: scope.tenantId,
    ...(f.actorUserId ? { actorUserId: f.actorUserId } : {}),
    ...(f.action
      ? f.action.endsWith(".")
        ? { action: { startsWith: f.action } }
        : { action: f.action }
      : {}),
    ...(f.from || f.to ? { at } : {}),
  };
  const [rows, total, actions] = await Promise.all([
    db.auditLog.findMany({
      where,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      skip: (f.page - 1) * f.pageSize,
      take: f.pageSize,
    }),
    db.auditLog.count({ where }),
    db.auditLog.findMany({
      where: { tenantId: scope.tenantId },
      distinct: ["action"],
      select: { action: true },
      orderBy: { action: "asc" },
    }),
  ]);
  const actorIds = [...new Set(rows.flatMap((r) => (r.actorUserId ? [r.actorUserId] : [])))];
  const users = actorIds.length
    ? await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true, email: true } })
    : [];
  const byId = new Map(users.map((u) => [u.id, u]));
  return {
    rows: rows.map((r) => {
      const u = r.actorUserId ? byId.get(r.actorUserId) : undefined;
      return {
        id: r.id,
        at: r.at,
        action: r.action,
        actor: u ? { userId: u.id, name: u.name, email: u.email } : null,
        targetType: r.targetType,
        targetId: r.targetId,
        data: r.data,
        ip: r.ip,
      };
    }),
    total,
    page: f.page,
    pageSize: f.pageSize,
    actions: actions.map((a) => a.action),
  };
}
