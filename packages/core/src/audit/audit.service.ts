import type { Prisma, TDb } from "@guardrail/db";
import { authorize } from "../auth/roles";
import type { TTenantScope } from "../common/tenant-scope";

export interface TAuditEntry {
  action: string;
  targetType?: string;
  targetId?: string;
  data?: Prisma.InputJsonValue;
  ip?: string | null;
}

/** Appends to the tenant's audit log. Never put secrets in `data`. */
export async function recordAudit(db: TDb, scope: Pick<TTenantScope, "tenantId" | "userId">, entry: TAuditEntry) {
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

export async function listAuditLog(db: TDb, scope: TTenantScope, opts: { take?: number; cursor?: string } = {}) {
  authorize(scope, "audit.read");
  return db.auditLog.findMany({
    where: { tenantId: scope.tenantId },
    orderBy: { at: "desc" },
    take: Math.min(opts.take ?? 50, 200),
    ...(opts.cursor ? { cursor: { id: opts.cursor }, skip: 1 } : {}),
  });
}
