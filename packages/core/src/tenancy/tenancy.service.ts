import type { TDb } from "@guardrail/db";
import { hashPassword, MIN_PASSWORD_LENGTH } from "../auth/password";
import type { TRole } from "../auth/roles";
import { AppError } from "../common/app-error";
import type { TTenantScope } from "../common/tenant-scope";
import { countInventoryResources, countOpenFindings } from "../posture/kpi.service";

export interface TTenantMembership {
  tenantId: string;
  tenantName: string;
  tenantSlug: string;
  role: TRole;
}

export async function listMemberships(db: TDb, userId: string): Promise<TTenantMembership[]> {
  const rows = await db.membership.findMany({
    where: { userId, user: { disabledAt: null } },
    include: { tenant: true },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((m) => ({
    tenantId: m.tenantId,
    tenantName: m.tenant.name,
    tenantSlug: m.tenant.slug,
    role: m.role,
  }));
}

/**
 * The scope a signed-in user acts in. `requestedTenantId` (from the tenant switcher) is
 * honoured only when the user is a member of that tenant: a user of tenant A can never act
 * in tenant B.
 */
export async function resolveTenantScope(
  db: TDb,
  input: { userId: string; requestedTenantId?: string | null },
): Promise<TTenantScope> {
  const memberships = await listMemberships(db, input.userId);
  if (memberships.length === 0) {
    throw new AppError("FORBIDDEN", "Your account is not a member of any organization.");
  }
  const chosen = input.requestedTenantId
    ? memberships.find((m) => m.tenantId === input.requestedTenantId)
    : memberships[0];
  if (!chosen) throw new AppError("FORBIDDEN", "You are not a member of that organization.");
  return { tenantId: chosen.tenantId, userId: input.userId, role: chosen.role };
}

export async function getTenant(db: TDb, scope: TTenantScope) {
  return db.tenant.findUniqueOrThrow({ where: { id: scope.tenantId } });
}

export interface TCreateUserInput {
  email: string;
  name: string;
  password: string;
}

/** Creates a tenant with its first user as OWNER (or adds the OWNER membership if the user exists). */
export async function createTenantWithOwner(
  db: TDb,
  input: { tenantName: string; tenantSlug: string; owner: TCreateUserInput },
) {
  const user = await upsertUser(db, input.owner);
  const tenant = await db.tenant.upsert({
    where: { slug: input.tenantSlug },
    update: {},
    create: { name: input.tenantName, slug: input.tenantSlug },
  });
  await db.membership.upsert({
    where: { tenantId_userId: { tenantId: tenant.id, userId: user.id } },
    update: {},
    create: { tenantId: tenant.id, userId: user.id, role: "OWNER" },
  });
  return { tenant, user };
}

export async function upsertUser(db: TDb, input: TCreateUserInput) {
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError("VALIDATION", `Passwords need at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  return db.user.upsert({
    where: { email },
    update: { name: input.name, passwordHash },
    create: { email, name: input.name, passwordHash },
  });
}

export async function addMember(db: TDb, input: { tenantId: string; userId: string; role: TRole }) {
  return db.membership.upsert({
    where: { tenantId_userId: { tenantId: input.tenantId, userId: input.userId } },
    update: { role: input.role },
    create: input,
  });
}

export interface TWorkspaceSummary {
  tenantName: string;
  connections: number;
  accounts: number;
  resources: number;
  openFindings: number;
  /** openFindings is the count of the latest evaluation (a large estate), not a live count */
  openFindingsAtLatestEvaluation: boolean;
  lastScan: { status: string; createdAt: Date; finishedAt: Date | null } | null;
}

/** What the app shell's first page shows: the size of the tenant's estate, tenant-scoped. */
export async function getWorkspaceSummary(db: TDb, scope: TTenantScope): Promise<TWorkspaceSummary> {
  const tenantId = scope.tenantId;
  const [tenant, connections, accounts, resources, openFindings, lastScan] = await Promise.all([
    db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { name: true } }),
    db.awsConnection.count({ where: { tenantId } }),
    db.awsAccount.count({ where: { tenantId, removedAt: null } }),
    // as of the latest evaluation (stored then), not a count over the whole inventory per view
    countInventoryResources({ db, scope }),
    countOpenFindings({ db, scope }),
    db.scan.findFirst({
      where: { tenantId },
      orderBy: { createdAt: "desc" },
      select: { status: true, createdAt: true, finishedAt: true },
    }),
  ]);
  return {
    tenantName: tenant.name,
    connections,
    accounts,
    resources,
    openFindings: openFindings.value,
    openFindingsAtLatestEvaluation: openFindings.atLatestEvaluation,
    lastScan,
  };
}
