import { createHash, randomBytes } from "node:crypto";
import type { Prisma} from "@guardrail/db";
import { type TDb } from "@guardrail/db";
import { z } from "zod";
import { recordAudit } from "../audit/audit.service";
import { hashPassword, MIN_PASSWORD_LENGTH } from "../auth/password";
import { authorize, ROLES, type TRole } from "../auth/roles";
import { reassignOwners } from "../business-units/owner-assignment.service";
import { AppError } from "../common/app-error";
import type { TTenantScope } from "../common/tenant-scope";

/** Invitations expire after this many days unless accepted or revoked first. */
export const INVITATION_TTL_DAYS = 7;

/** sha-256 (hex) of an invitation token: only the hash is stored, the token is shown once. */
export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export const ZInvitationInput = z
  .object({
    email: z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.email("Enter a valid email address.").max(254)),
    role: z.enum(ROLES, "Choose a role."),
    businessUnitIds: z.array(z.uuid()).max(50).default([]),
  })
  .refine((v) => v.role !== "BU_OWNER" || v.businessUnitIds.length > 0, {
    message: "A business-unit owner needs at least one business unit.",
    path: ["businessUnitIds"],
  })
  .refine((v) => v.role === "BU_OWNER" || v.businessUnitIds.length === 0, {
    message: "Only business-unit owners are given business units.",
    path: ["businessUnitIds"],
  });
export type TInvitationInput = z.input<typeof ZInvitationInput>;

export type TInvitationStatus = "PENDING" | "ACCEPTED" | "REVOKED" | "EXPIRED";

function statusOf(i: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now: Date): TInvitationStatus {
  if (i.acceptedAt) return "ACCEPTED";
  if (i.revokedAt) return "REVOKED";
  if (i.expiresAt <= now) return "EXPIRED";
  return "PENDING";
}

function validationError(err: z.ZodError): AppError {
  return new AppError("VALIDATION", err.issues.map((i) => i.message).join(" "));
}

/**
 * Invites someone by email with a role (and, for a BU_OWNER, the business units they will
 * own). Returns the one-time token for the invite link; only its sha-256 is stored. A new
 * invitation to the same email revokes the pending one. Only an OWNER may invite an OWNER.
 */
export async function createInvitation(opts: {
  db: TDb;
  scope: TTenantScope;
  input: TInvitationInput;
  now: Date;
  ip?: string | null;
}): Promise<{ id: string; token: string; expiresAt: Date }> {
  const { db, scope, now } = opts;
  authorize(scope, "users.manage");
  const parsed = ZInvitationInput.safeParse(opts.input);
  if (!parsed.success) throw validationError(parsed.error);
  const input = parsed.data;
  if (input.role === "OWNER" && scope.role !== "OWNER") {
    throw new AppError("FORBIDDEN", "Only an OWNER can invite another OWNER.");
  }
  const tenantId = scope.tenantId;
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_DAYS * 86_400_000);
  const id = await db.$transaction(async (tx) => {
    const member = await tx.membership.count({ where: { tenantId, user: { email: input.email } } });
    if (member > 0) throw new AppError("CONFLICT", `${input.email} is already a member of this organization.`);
    if (input.businessUnitIds.length) {
      const found = await tx.businessUnit.count({ where: { tenantId, id: { in: input.businessUnitIds } } });
      if (found !== new Set(input.businessUnitIds).size) throw new AppError("NOT_FOUND", "No such business unit.");
    }
    await tx.invitation.updateMany({
      where: { tenantId, email: input.email, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { revokedAt: now },
    });
    const inv = await tx.invitation.create({
      data: {
        tenantId,
        email: input.email,
        role: input.role,
        businessUnitIds: [...new Set(input.businessUnitIds)],
        tokenHash: hashInvitationToken(token),
        invitedById: scope.userId,
        expiresAt,
        createdAt: now,
      },
      select: { id: true },
    });
    await recordAudit(tx, scope, {
      action: "user.invite",
      targetType: "Invitation",
      targetId: inv.id,
      data: { email: input.email, role: input.role, businessUnitIds: input.businessUnitIds, expiresAt: expiresAt.toISOString() },
      ip: opts.ip,
    });
    return inv.id;
  });
  return { id, token, expiresAt };
}

export interface TInvitationRow {
  id: string;
  email: string;
  role: TRole;
  businessUnits: { id: string; name: string }[];
  invitedBy: string | null;
  createdAt: Date;
  expiresAt: Date;
  status: TInvitationStatus;
}

/** The tenant's invitations, newest first (pending ones first). Never returns token hashes. */
export async function listInvitations(opts: { db: TDb; scope: TTenantScope; now: Date }): Promise<TInvitationRow[]> {
  const { db, scope, now } = opts;
  authorize(scope, "users.manage");
  const rows = await db.invitation.findMany({
    where: { tenantId: scope.tenantId },
    select: {
      id: true,
      email: true,
      role: true,
      businessUnitIds: true,
      invitedById: true,
      createdAt: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
    },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  const buIds = [...new Set(rows.flatMap((r) => r.businessUnitIds))];
  const inviterIds = [...new Set(rows.flatMap((r) => (r.invitedById ? [r.invitedById] : [])))];
  const [bus, inviters] = await Promise.all([
    buIds.length
      ? db.businessUnit.findMany({ where: { tenantId: scope.tenantId, id: { in: buIds } }, select: { id: true, name: true } })
      : [],
    inviterIds.length ? db.user.findMany({ where: { id: { in: inviterIds } }, select: { id: true, email: true } }) : [],
  ]);
  const buById = new Map(bus.map((b) => [b.id, b]));
  const inviterById = new Map(inviters.map((u) => [u.id, u.email]));
  return rows
    .map((r) => ({
      id: r.id,
      email: r.email,
      role: r.role,
      businessUnits: r.businessUnitIds.flatMap((id) => (buById.has(id) ? [buById.get(id)!] : [])),
      invitedBy: r.invitedById ? (inviterById.get(r.invitedById) ?? null) : null,
      createdAt: r.createdAt,
      expiresAt: r.expiresAt,
      status: statusOf(r, now),
    }))
    .sort((a, b) => Number(b.status === "PENDING") - Number(a.status === "PENDING"));
}

/** Revokes a pending invitation: its link stops working at once. */
export async function revokeInvitation(opts: {
  db: TDb;
  scope: TTenantScope;
  invitationId: string;
  now: Date;
  ip?: string | null;
}): Promise<void> {
  const { db, scope, now } = opts;
  authorize(scope, "users.manage");
  await db.$transaction(async (tx) => {
    const r = await tx.invitation.updateMany({
      where: { id: opts.invitationId, tenantId: scope.tenantId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    if (r.count === 0) throw new AppError("NOT_FOUND", "No pending invitation with that id.");
    await recordAudit(tx, scope, {
      action: "user.invitation_revoke",
      targetType: "Invitation",
      targetId: opts.invitationId,
      ip: opts.ip,
    });
  });
}

const INVALID_LINK = "This invitation link is invalid, expired, revoked or already used. Ask an administrator for a new one.";

export interface TInvitationPreview {
  tenantName: string;
  email: string;
  role: TRole;
  expiresAt: Date;
  /** Whether an account with the invited email exists (it signs in and joins). */
  existingUser: boolean;
}

/** What the accept page shows for a token (no sign-in needed). Unknown, expired, revoked and used tokens look alike. */
export async function getInvitationByToken(opts: { db: TDb; token: string; now: Date }): Promise<TInvitationPreview> {
  const { db, now } = opts;
  if (!opts.token || opts.token.length > 200) throw new AppError("NOT_FOUND", INVALID_LINK);
  const inv = await db.invitation.findUnique({
    where: { tokenHash: hashInvitationToken(opts.token) },
    include: { tenant: { select: { name: true } } },
  });
  if (!inv || statusOf(inv, now) !== "PENDING") throw new AppError("NOT_FOUND", INVALID_LINK);
  const existing = await db.user.count({ where: { email: inv.email } });
  return { tenantName: inv.tenant.name, email: inv.email, role: inv.role, expiresAt: inv.expiresAt, existingUser: existing > 0 };
}

export const ZNewUser = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(100, "Names have at most 100 characters."),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `Passwords need at least ${MIN_PASSWORD_LENGTH} characters.`)
    .max(200, "Passwords have at most 200 characters."),
});

/**
 * Accepts an invitation once: either a new user (name + password; the email is the invited
 * one) or the signed-in user whose email is the invited one. The invitation is consumed with
 * a conditional update, so two concurrent accepts cannot both succeed.
 */
export async function acceptInvitation(opts: {
  db: TDb;
  token: string;
  now: Date;
  signedInUserId?: string | null;
  newUser?: { name: string; password: string } | null;
  ip?: string | null;
}): Promise<{ tenantId: string; userId: string; email: string; role: TRole }> {
  const { db, now } = opts;
  if (!opts.token || opts.token.length > 200) throw new AppError("NOT_FOUND", INVALID_LINK);
  const tokenHash = hashInvitationToken(opts.token);
  let passwordHash: string | null = null;
  let newUser: z.infer<typeof ZNewUser> | null = null;
  if (!opts.signedInUserId) {
    const parsed = ZNewUser.safeParse(opts.newUser ?? {});
    if (!parsed.success) throw validationError(parsed.error);
    newUser = parsed.data;
    passwordHash = await hashPassword(newUser.password);
  }
  const accepted = await db.$transaction(async (tx) => {
    const inv = await tx.invitation.findUnique({ where: { tokenHash } });
    if (!inv || statusOf(inv, now) !== "PENDING") throw new AppError("NOT_FOUND", INVALID_LINK);
    let userId: string;
    if (opts.signedInUserId) {
      const me = await tx.user.findUnique({ where: { id: opts.signedInUserId }, select: { id: true, email: true } });
      if (!me) throw new AppError("UNAUTHENTICATED", "Sign in first.");
      if (me.email !== inv.email) {
        throw new AppError("FORBIDDEN", `This invitation is for ${inv.email}; you are signed in as ${me.email}.`);
      }
      userId = me.id;
    } else {
      const exists = await tx.user.count({ where: { email: inv.email } });
      if (exists > 0) {
        throw new AppError("CONFLICT", `An account for ${inv.email} already exists: sign in, then open this link again.`);
      }
      const created = await tx.user.create({
        data: { email: inv.email, name: newUser!.name, passwordHash: passwordHash! },
        select: { id: true },
      });
      userId = created.id;
    }
    const consumed = await tx.invitation.updateMany({
      where: { id: inv.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now },
    });
    if (consumed.count !== 1) throw new AppError("NOT_FOUND", INVALID_LINK);
    const already = await tx.membership.count({ where: { tenantId: inv.tenantId, userId } });
    if (already > 0) throw new AppError("CONFLICT", "You are already a member of this organization.");
    await tx.membership.create({ data: { tenantId: inv.tenantId, userId, role: inv.role } });
    if (inv.role === "BU_OWNER" && inv.businessUnitIds.length) {
      const units = await tx.businessUnit.findMany({
        where: { tenantId: inv.tenantId, id: { in: inv.businessUnitIds } },
        select: { id: true },
      });
      await tx.businessUnitOwner.createMany({
        data: units.map((u) => ({ tenantId: inv.tenantId, businessUnitId: u.id, userId })),
        skipDuplicates: true,
      });
    }
    await recordAudit(tx, { tenantId: inv.tenantId, userId }, {
      action: "user.invitation_accept",
      targetType: "Invitation",
      targetId: inv.id,
      data: { email: inv.email, role: inv.role, newAccount: !opts.signedInUserId } as Prisma.InputJsonValue,
      ip: opts.ip,
    });
    return { tenantId: inv.tenantId, userId, email: inv.email, role: inv.role, businessUnits: inv.businessUnitIds.length };
  });
  if (accepted.businessUnits > 0) {
    await reassignOwners({ db, tenantId: accepted.tenantId, now, actorUserId: accepted.userId });
  }
  return { tenantId: accepted.tenantId, userId: accepted.userId, email: accepted.email, role: accepted.role };
}
