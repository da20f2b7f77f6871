import { Prisma, type TDb } from "@guardrail/db";
import { z } from "zod";
import { authorize } from "../auth/roles";
import { AppError } from "../common/app-error";
import type { TTenantScope } from "../common/tenant-scope";
import { listOwnedBusinessUnitIds } from "../suppressions/suppression.service";
import { SQL_RESOURCE_BU, sqlInventoryCtes } from "./inventory-query.sql";
import { BLAST_RADIUS_TYPES } from "./related-resources";
import { resolveRelatedResources, type TRelatedResource } from "./related-resources.repository";

export interface TResourceDetail {
  resource: {
    id: string;
    resourceId: string;
    name: string | null;
    resourceType: string;
    service: string;
    accountId: string;
    region: string;
    tags: Record<string, string>;
    configuration: unknown;
    configurationHash: string;
    firstSeenAt: Date;
    lastSeenAt: Date;
    deletedAt: Date | null;
  };
  account: { accountId: string; name: string | null; alias: string | null };
  businessUnit: { id: string; name: string } | null;
  findings: {
    id: string;
    ruleId: string;
    title: string;
    status: string;
    severity: string;
    firstSeenAt: Date;
    lastSeenAt: Date;
    resolvedAt: Date | null;
  }[];
  changes: { id: string; type: string; at: Date; scanId: string | null; diff: unknown }[];
  related: TRelatedResource[];
  /** principals and workloads have a blast radius page */
  hasBlastRadius: boolean;
}

const SEVERITY_ORDER = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO"];
const STATUS_ORDER = ["OPEN", "SUPPRESSED", "RESOLVED"];

/**
 * One resource with its account, business unit, findings, change history (newest first,
 * at most `changesTake`) and related resources. NOT_FOUND outside the tenant, and for a
 * BU_OWNER outside their business units.
 */
export async function getResource(opts: {
  db: TDb;
  scope: TTenantScope;
  resourceId: string;
  changesTake?: number;
}): Promise<TResourceDetail> {
  authorize(opts.scope, "inventory.read");
  const { db, scope } = opts;
  if (!z.guid().safeParse(opts.resourceId).success)
    throw new AppError("NOT_FOUND", "No such resource.");
  const owned = scope.role === "BU_OWNER" ? await listOwnedBusinessUnitIds(db, scope) : null;
  const t = Prisma.sql`${scope.tenantId}::uuid`;
  const found = await db.$queryRaw<
    (TResourceDetail["resource"] & { businessUnitId: string | null })[]
  >(
    Prisma.sql`${sqlInventoryCtes(scope.tenantId)}
      SELECT r.id::text AS id, r."resourceId", r.name, r."resourceType", r.service, r."accountId", r.region,
             r.tags, r.configuration, r."configurationHash", r."firstSeenAt", r."lastSeenAt", r."deletedAt",
             (${SQL_RESOURCE_BU})::text AS "businessUnitId"
        FROM "Resource" r WHERE r."tenantId" = ${t} AND r.id = ${opts.resourceId}::uuid`,
  );
  const row = found[0];
  if (!row || (owned && (!row.businessUnitId || !owned.includes(row.businessUnitId))))
    throw new AppError("NOT_FOUND", "No such resource.");
  const { businessUnitId, ...resource } = row;

  const [account, settings, unit, findings, changes, related] = await Promise.all([
    db.awsAccount.findFirst({
      where: { tenantId: scope.tenantId, accountId: resource.accountId },
      select: { name: true },
    }),
    db.resource.findFirst({
      where: {
        tenantId: scope.tenantId,
        resourceId: `arn:aws:iam::${resource.accountId}:account-settings`,
      },
      select: { configuration: true },
    }),
    businessUnitId
      ? db.businessUnit.findFirst({
          where: { tenantId: scope.tenantId, id: businessUnitId },
          select: { id: true, name: true },
        })
      : null,
    db.finding.findMany({
      where: {
        tenantId: scope.tenantId,
        resourceId: resource.id,
        ...(owned ? { businessUnitId: { in: owned } } : {}),
      },
      select: {
        id: true,
        ruleId: true,
        title: true,
        status: true,
        severity: true,
        firstSeenAt: true,
        lastSeenAt: true,
        resolvedAt: true,
      },
      take: 500,
    }),
    db.resourceChange.findMany({
      where: { tenantId: scope.tenantId, resourceId: resource.id },
      orderBy: [{ at: "desc" }, { id: "asc" }],
      take: Math.min(Math.max(opts.changesTake ?? 50, 1), 500),
      select: { id: true, type: true, at: true, scanId: true, diff: true },
    }),
    resolveRelatedResources({
      tx: db,
      tenantId: scope.tenantId,
      subject: resource,
      ownedBusinessUnits: owned,
    }),
  ]);
  const aliases = (settings?.configuration as { AccountAliases?: unknown } | null)?.AccountAliases;
  findings.sort(
    (a, b) =>
      STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) ||
      SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
      a.ruleId.localeCompare(b.ruleId),
  );
  return {
    resource: {
      ...resource,
      tags:
        resource.tags && typeof resource.tags === "object" && !Array.isArray(resource.tags)
          ? resource.tags
          : {},
    },
    account: {
      accountId: resource.accountId,
      name: account?.name ?? null,
      alias: Array.isArray(aliases) && typeof aliases[0] === "string" ? aliases[0] : null,
    },
    businessUnit: unit,
    findings,
    changes,
    related,
    hasBlastRadius: BLAST_RADIUS_TYPES.includes(resource.resourceType),
  };
}
