import type { AccountStatus, OrganizationPolicyType } from "@guardrail/db";
import { refreshResourceBusinessUnits } from "../business-units/resource-unit.repository";
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
 * suspended ones SUSPENDED: neither is scanned. The tenant's resources then get the business
 * unit of their account's new place. Run it inside a transaction.
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

  // Set-based (an organization may have thousands of accounts): one upsert for every account,
  // in accountId order, then one update of the tags that were read.
  const activeAccountIds: string[] = [];
  const inactiveAccountIds: string[] = [];
  const rows = [...org.accounts]
    .sort((a, b) => a.Id.localeCompare(b.Id))
    .map((a) => {
      const status = mapAccountStatus(a.Status, a.State);
      (status !== "ACTIVE" ? inactiveAccountIds : activeAccountIds).push(a.Id);
      const tags: Record<string, string> = {};
      for (const t of a.Tags ?? []) tags[t.Key] = t.Value;
      return { a, status, tags: a.Tags ? JSON.stringify(tags) : null };
    });
  if (rows.length) {
    const col = <T>(f: (r: (typeof rows)[number]) => T) => rows.map(f);
    await db.$executeRaw`
      INSERT INTO "AwsAccount" ("tenantId", "connectionId", "accountId", "arn", "name", "email", "status",
        "joinedMethod", "joinedAt", "parentId", "isManagement", "tags", "access", "accessError",
        "firstSeenAt", "lastSeenAt", "removedAt")
      SELECT ${tenantId}::uuid, ${connectionId}::uuid, i."accountId", i."arn", i."name", i."email",
        i."status"::"AccountStatus", i."joinedMethod", i."joinedAt"::timestamp(3), i."parentId", i."isManagement",
        COALESCE(i."tags"::jsonb, '{}'::jsonb),
        (CASE WHEN i."status" <> 'ACTIVE' THEN 'SUSPENDED' ELSE 'UNKNOWN' END)::"AccountAccess",
        CASE WHEN i."status" <> 'ACTIVE' THEN 'Account is ' || i."status" || ' in the organization: it is not scanned.' END,
        ${now}, ${now}, NULL
      FROM unnest(${col((r) => r.a.Id)}::text[], ${col((r) => r.a.Arn)}::text[],
        ${col((r) => r.a.Name ?? r.a.Id)}::text[], ${col((r) => r.a.Email ?? "")}::text[],
        ${col((r) => r.status)}::text[], ${col((r) => r.a.JoinedMethod)}::text[],
        ${col((r) => (r.a.JoinedTimestamp ? new Date(r.a.JoinedTimestamp).toISOString() : null))}::text[],
        ${col((r) => r.a.ParentId)}::text[], ${col((r) => r.a.IsManagementAccount)}::boolean[],
        ${col((r) => r.tags)}::text[])
        AS i("accountId", "arn", "name", "email", "status", "joinedMethod", "joinedAt", "parentId", "isManagement", "tags")
      ORDER BY i."accountId"
      ON CONFLICT ("tenantId", "accountId") DO UPDATE SET
        "connectionId" = EXCLUDED."connectionId", "arn" = EXCLUDED."arn", "name" = EXCLUDED."name",
        "email" = EXCLUDED."email", "status" = EXCLUDED."status", "joinedMethod" = EXCLUDED."joinedMethod",
        "joinedAt" = EXCLUDED."joinedAt", "parentId" = EXCLUDED."parentId", "isManagement" = EXCLUDED."isManagement",
        "lastSeenAt" = EXCLUDED."lastSeenAt", "removedAt" = NULL,
        -- an account that came back (re-joined, reactivated) is re-tested by this scan
        "access" = CASE WHEN EXCLUDED."status" <> 'ACTIVE' THEN EXCLUDED."access"
          WHEN "AwsAccount"."access" IN ('REMOVED', 'SUSPENDED') THEN 'UNKNOWN'::"AccountAccess"
          ELSE "AwsAccount"."access" END,
        "accessError" = CASE WHEN EXCLUDED."status" <> 'ACTIVE' THEN EXCLUDED."accessError"
          WHEN "AwsAccount"."access" IN ('REMOVED', 'SUSPENDED') THEN NULL
          ELSE "AwsAccount"."accessError" END`;
    // Tags that could not be read (null) keep their last known value.
    const tagged = rows.filter((r) => r.tags !== null);
    if (tagged.length) {
      await db.$executeRaw`
        UPDATE "AwsAccount" a SET "tags" = t."tags"::jsonb
        FROM unnest(${tagged.map((r) => r.a.Id)}::text[], ${tagged.map((r) => r.tags)}::text[]) AS t("accountId", "tags")
        WHERE a."tenantId" = ${tenantId}::uuid AND a."accountId" = t."accountId"`;
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

  // Accounts may have moved to another OU or changed tags: their resources' stored business
  // unit follows (only the resources whose unit changed are written).
  await refreshResourceBusinessUnits(db, { tenantId });

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
