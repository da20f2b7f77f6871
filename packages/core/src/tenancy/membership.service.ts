import { Prisma, type TDb } from "@guardrail/db";
import { z } from "zod";
import { recordAudit } from "../audit/audit.service";
import { authorize, ROLES, type TRole } from "../auth/roles";
import { reassignOwners } from "../business-units/owner-assignment.service";
import { AppError } from "../common/app-error";
import type { TTenantScope } from "../common/tenant-scope";

type TTx = Parameters<Parameters<TDb["$transaction"]>[0]>[0];

export interface TMemberRow {
  userId: string;
  name: string;
  email: string;
  role: TRole;
  joinedAt: Date;
  lastSignInAt: Date | null;
  disabled: boolean;
  businessUnits: { id: string; name: string }[];
}

/** The tenant's members with their roles and the business units they own. */
export async function listMembers(opts: { db: TDb; scope: TTenantScope }): Promise<TMemberRow[]> {
  const { db, scope } = opts;
  authorize(scope, "users.manage");
  const tenantId = scope.tenantId;
  const [members, owned] = await Promise.all([
    db.membership.findMany({
      where: { tenantId },
      select: {
        role: true,
        createdAt: true,
        user: { select: { id: true, name: true, email: true, lastSignInAt: true, disabledAt: true } },
      },
      orderBy: [{ createdAt: "asc" }],
    }),
    db.businessUnitOwner.findMany({
      where: { tenantId },
      select: { userId: true, businessUnit: { select: { id: true, name: true } } },
    }),
  ]);
  return members.map((m) => ({
    userId: m.user.id,
    name: m.user.name,
    email: m.user.email,
    role: m.role,
    joinedAt: m.createdAt,
    lastSignInAt: m.user.lastSignInAt,
    disabled: m.user.disabledAt !== null,
    businessUnits: owned.filter((o) => o.userId === m.user.id).map((o) => o.businessUnit),
  }));
}

/**
 * Locks the tenant's OWNER memberships and refuses a change that would leave none: the lock
 * makes two concurrent demotions of the last two owners serialize.
 */
async function guardLastOwner(tx: TTx, tenantId: string, userId: string): Promise<void> {
  const owners = await tx.$queryRaw<{ userId: string }[]>(Prisma.sql`
    SELECT "userId" FROM "Membership" WHERE "tenantId" = ${tenantId}::uuid AND role = 'OWNER' FOR UPDATE`);
  if (owners.length <= 1 && owners.some((o) => o.userId === userId)) {
    throw new AppError("CONFLICT", "An organization keeps at least one OWNER: make someone else OWNER first.");
  }
}

export const ZRole = z.enum(ROLES, "Choose a role.");

/**
 * Changes a member's role (never the last OWNER; only an OWNER grants or takes OWNER). A
 * member who stops being BU_OWNER keeps no business units; their findings are re-assigned.
 */
export async function changeMemberRole(opts: {
  db: TDb;
  scope: TTenantScope;
  userId: string;
  role: TRole;
  now: Date;
  ip?: string | null;
}): Promise<void> {
  const { db, scope } = opts;
  authorize(scope, "users.manage");
  const role = ZRole.safeParse(opts.role);
  if (!role.success) throw new AppError("VALIDATION", "Choose a valid role.");
  const changedOwnership = await db.$transaction(async (tx) => {
    const m = await tx.membership.findUnique({
      where: { tenantId_userId: { tenantId: scope.tenantId, userId: opts.userId } },
    });
    if (!m) throw new AppError("NOT_FOUND", "No such member.");
    if (m.role === role.data) return false;
    if ((m.role === "OWNER" || role.data === "OWNER") && scope.role !== "OWNER") {
      throw new AppError("FORBIDDEN", "Only an OWNER can grant or take the OWNER role.");
    }
    if (m.role === "OWNER") await guardLastOwner(tx, scope.tenantId, opts.userId);
    await tx.membership.update({ where: { id: m.id }, data: { role: role.data } });
    let removed = 0;
    if (m.role === "BU_OWNER") {
      removed = (await tx.businessUnitOwner.deleteMany({ where: { tenantId: scope.tenantId, userId: opts.userId } })).count;
    }
    await recordAudit(tx, scope, {
      action: "user.role_change",
      targetType: "User",
      targetId: opts.userId,
      data: { from: m.role, to: role.data },
      ip: opts.ip,
    });
    return removed > 0;
  });
  if (changedOwnership) {
    await reassignOwners({ db, tenantId: scope.tenantId, now: opts.now, actorUserId: scope.userId });
  }
}

/** Removes a member from the tenant (never the last OWNER); their business units lose them as owner. */
export async function removeMember(opts: {
  db: TDb;
  scope: TTenantScope;
  userId: string;
  now: Date;
  ip?: string | null;
}): Promise<void> {
  const { db, scope } = opts;
  authorize(scope, "users.manage");
  await db.$transaction(async (tx) => {
    const m = await tx.membership.findUnique({
      where: { tenantId_userId: { tenantId: scope.tenantId, userId: opts.userId } },
      include: { user: { select: { email: true } } },
    });
    if (!m) throw new AppError("NOT_FOUND", "No such member.");
    if (m.role === "OWNER") {
      if (scope.role !== "OWNER") throw new AppError("FORBIDDEN", "Only an OWNER can remove an OWNER.");
      await guardLastOwner(tx, scope.tenantId, opts.userId);
    }
    await tx.businessUnitOwner.deleteMany({ where: { tenantId: scope.tenantId, userId: opts.userId } });
    await tx.membership.delete({ where: { id: m.id } });
    await recordAudit(tx, scope, {
      action: "user.remove",
      targetType: "User",
      targetId: opts.userId,
      data: { email: m.user.email, role: m.role },
      ip: opts.ip,
    });
  });
  // Their findings go back to the mappings (a removed user owns nothing here any more).
  await db.finding.updateMany({
    where: { tenantId: scope.tenantId, ownerUserId: opts.userId },
    data: { ownerUserId: null },
  });
  await reassignOwners({ db, tenantId: scope.tenantId, now: opts.now, actorUserId: scope.userId });
}
