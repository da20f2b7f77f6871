import type { TDb } from "@guardrail/db";
import { authorize } from "../auth/roles";
import type { TTenantScope } from "../common/tenant-scope";

/**
 * The connections a scan can be requested for, by name only: what the Scans page needs for
 * people who may run scans (ANALYST) but not read connection settings (external IDs, roles).
 */
export async function listScanTargets({ db, scope }: { db: TDb; scope: TTenantScope }) {
  authorize(scope, "scans.read");
  return db.awsConnection.findMany({
    where: { tenantId: scope.tenantId, status: { not: "DISABLED" } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}
