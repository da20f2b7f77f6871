import type { AccountAccess, AccountStatus, OrganizationPolicyType } from "@guardrail/db";
import type { TDbClient } from "./inventory.repository";
import type { TOrganizationSnapshot } from "./inventory.types";

export interface TPersistOrganizationOptions {
  tenantId: string;
  connectionId: string;
  organization: TOrganizationSnapshot;
  now: Date;
}

export interface TPersistOrganizationSummary {
  accounts: number;
  removedAccounts: string[];
  /** Accounts that are active in the organization and may be scanned. */
  activeAccountIds: string[];
  /** Suspended / closing accounts: marked, not scanned. */
  inactiveAccountIds: string[];
}

function mapAccountStatus(status: string | null, state: string | null | undefined): AccountStatus {
  const s = (state ?? status ?? "ACTIVE").toUpperCase();
  if (s === "SUSPENDED" || s === "CLOSED") return "SUSPENDED";
  if (s === "PENDING_CLOSURE") return "PENDING_CLOSURE";
  return "ACTIVE";
}

function mapPolicyType(type: string): OrganizationPolicyType | null {
  return type === "SERVICE_CONTROL_POLICY" || type === "RESOURCE_CONTROL_POLICY" ? type : null;
}

/**
 * Persists the organization discovered by a scan: OUs (roots included), accounts (status,
 * parent, tags) and SCPs/RCPs. Accounts that left the organization are marked REMOVED and
 * suspended ones SUSPENDED: neither is scanned. Run it inside a transaction.
 */
export async function persistOrganization(
  db: TDbClient,
  opts: TPersistOrganizationOptions,
): Promise<TPersistOrganizationSummary> {
  const { tenantId, connectionId, organization: org, now } = opts;

  await db.awsConnection.updateMany({
    where: { id: connectionId, tenantId },
    data: { organizationId: org.organization.Id, managementAccountId: org.managementAccountId },
  });

  const units = [
    ...org.roots.map((r) => ({
      ouId: r.Id,
      arn: r.Arn,
      name: r.Name ?? "Root",
      parentId: null,
      isRoot: true,
    })),
    ...org.organizationalUnits.map((o) => ({
      ouId: o.Id,
      arn: o.Arn,
      name: o.Name ?? o.Id,
      parentId: o.ParentId,
      isRoot: false,
    })),
  ];
  for (const u of units) {
    await db.organizationalUnit.upsert({
      where: { tenantId_ouId: { tenantId, ouId: u.ouId } },
      create: { tenantId, connectionId, ...u, firstSeenAt: now, lastSeenAt: now },
      update: {
        connectionId,
        arn: u.arn,
        name: u.name,
        parentId: u.parentId,
        isRoot: u.isRoot,
        lastSeenAt: now,
        deletedAt: null,
      },
    });
  }
  await db.organizationalUnit.updateMany({
    where: { tenantId, connectionId, deletedAt: null, ouId: { notIn: units.map((u) => u.ouId) } },
    data: { deletedAt: now },
  });

  const activeAccountIds: string[] = [];
  const inactiveAccountIds: string[] = [];
  for (const a of org.accounts) {
    const status = mapAccountStatus(a.Status, a.State);
    const inactive = status !== "ACTIVE";
    (inactive ? inactiveAccountIds : activeAccountIds).push(a.Id);
    const tags: Record<string, string> = {};
    for (const t of a.Tags ?? []) tags[t.Key] = t.Value;
    const common = {
      connectionId,
      arn: a.Arn,
      name: a.Name ?? a.Id,
      email: a.Email ?? "",
      status,
      joinedMethod: a.JoinedMethod,
      joinedAt: a.JoinedTimestamp ? new Date(a.JoinedTimestamp) : null,
      parentId: a.ParentId,
      isManagement: a.IsManagementAccount,
      lastSeenAt: now,
      removedAt: null,
      // Tags that could not be read (null) keep their last known value.
      ...(a.Tags ? { tags } : {}),
    };
    const inactiveAccess = inactive
      ? {
          access: "SUSPENDED" as AccountAccess,
          accessError: `Account is ${status} in the organization: it is not scanned.`,
        }
      : {};
    const existing = await db.awsAccount.findUnique({
      where: { tenantId_accountId: { tenantId, accountId: a.Id } },
      select: { access: true },
    });
    if (!existing) {
      await db.awsAccount.create({
        data: { tenantId, accountId: a.Id, ...common, tags, firstSeenAt: now, ...inactiveAccess },
      });
    } else {
      // An account that came back (re-joined, reactivated) is re-tested by this scan.
      const back = !inactive && (existing.access === "REMOVED" || existing.access === "SUSPENDED");
      await db.awsAccount.update({
        where: { tenantId_accountId: { tenantId, accountId: a.Id } },
        data: {
          ...common,
          ...inactiveAccess,
          ...(back ? { access: "UNKNOWN", accessError: null } : {}),
        },
      });
    }
  }
  const present = org.accounts.map((a) => a.Id);
  const removed = await db.awsAccount.findMany({
    where: { tenantId, connectionId, removedAt: null, accountId: { notIn: present } },
    select: { accountId: true },
  });
  if (removed.length) {
    await db.awsAccount.updateMany({
      where: { tenantId, connectionId, accountId: { in: removed.map((r) => r.accountId) } },
      data: {
        status: "REMOVED",
        access: "REMOVED",
        accessError: "Account is no longer in the organization: it is not scanned.",
        removedAt: now,
      },
    });
  }

  const policyIds: string[] = [];
  for (const p of org.policies) {
    const type = mapPolicyType(p.PolicySummary.Type);
    if (!type) continue;
    policyIds.push(p.PolicySummary.Id);
    const data = {
      connectionId,
      arn: p.PolicySummary.Arn,
      name: p.PolicySummary.Name ?? p.PolicySummary.Id,
      description: p.PolicySummary.Description ?? null,
      type,
      awsManaged: p.PolicySummary.AwsManaged,
      targets: [...p.Targets],
      lastSeenAt: now,
      deletedAt: null,
      // Content that could not be read (null) keeps its last known value.
      ...(p.Content !== null ? { content: p.Content } : {}),
    };
    await db.organizationPolicy.upsert({
      where: { tenantId_policyId: { tenantId, policyId: p.PolicySummary.Id } },
      create: {
        tenantId,
        policyId: p.PolicySummary.Id,
        ...data,
        content: p.Content ?? "",
        firstSeenAt: now,
      },
      update: data,
    });
  }
  await db.organizationPolicy.updateMany({
    where: { tenantId, connectionId, deletedAt: null, policyId: { notIn: policyIds } },
    data: { deletedAt: now },
  });

  return {
    accounts: org.accounts.length,
    removedAccounts: removed.map((r) => r.accountId),
    activeAccountIds,
    inactiveAccountIds,
  };
}

export interface TAccountAccessResult {
  accountId: string;
  state:
    | "CONNECTED"
    | "EXTERNAL_ID_NOT_ENFORCED"
    | "ROLE_MISSING_OR_TRUST_DENIED"
    | "SCP_DENIED"
    | "SUSPENDED"
    | "ERROR";
  message: string;
}

/** Records each member account's access state (from `testMemberAccess`). */
export async function recordAccountAccess(
  db: TDbClient,
  opts: { tenantId: string; connectionId: string; results: readonly TAccountAccessResult[] },
): Promise<void> {
  for (const r of opts.results) {
    await db.awsAccount.updateMany({
      where: { tenantId: opts.tenantId, connectionId: opts.connectionId, accountId: r.accountId },
      data: { access: r.state, accessError: r.state === "CONNECTED" ? null : r.message },
    });
  }
}

/** The accounts of a connection that a scan may collect (active, with working access). */
export function isScannableAccess(state: TAccountAccessResult["state"]): boolean {
  return state === "CONNECTED" || state === "EXTERNAL_ID_NOT_ENFORCED";
}
