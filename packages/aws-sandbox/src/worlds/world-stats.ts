/** Counts of what a world holds, by resource kind (the units of docs/resource-model.md). */
import type { TWorld } from "../world/world.types";

export interface TWorldStats {
  accounts: number;
  organizationalUnits: number;
  regions: string[];
  /** Resources by kind, e.g. `ec2.Instances`, `iam.Roles`, `s3.Buckets`. */
  byKind: Record<string, number>;
  totalResources: number;
}

export function computeWorldStats(world: TWorld): TWorldStats {
  const byKind: Record<string, number> = {};
  const regions = new Set<string>();
  const add = (kind: string, n: number | undefined) => {
    if (!n) return;
    byKind[kind] = (byKind[kind] ?? 0) + n;
  };
  for (const account of world.accounts) {
    const details = account.iam?.AuthorizationDetails;
    add("iam.Users", details?.UserDetailList?.length);
    add("iam.Groups", details?.GroupDetailList?.length);
    add("iam.Roles", details?.RoleDetailList?.length);
    add("iam.Policies", details?.Policies?.length);
    add("s3.Buckets", account.s3?.Buckets?.length);
    for (const [regionName, region] of Object.entries(account.regions ?? {})) {
      regions.add(regionName);
      for (const [service, block] of Object.entries(region)) {
        if (!block || typeof block !== "object") continue;
        for (const [list, value] of Object.entries(block as Record<string, unknown>)) {
          if (Array.isArray(value)) add(`${service}.${list}`, value.length);
          if (list === "Clusters" && Array.isArray(value)) {
            for (const cluster of value as { Nodegroups?: unknown[] }[])
              add("eks.Nodegroups", cluster.Nodegroups?.length);
          }
          if (list === "HostedZones" && Array.isArray(value)) {
            for (const zone of value as { ResourceRecordSets?: unknown[] }[])
              add("route53.ResourceRecordSets", zone.ResourceRecordSets?.length);
          }
        }
      }
    }
  }
  // Status lists describe other resources; they are not resources themselves.
  delete byKind["config.ConfigurationRecordersStatus"];
  const totalResources = Object.values(byKind).reduce((sum, n) => sum + n, 0);
  return {
    accounts: world.accounts.length,
    organizationalUnits: world.organization.OrganizationalUnits?.length ?? 0,
    regions: [...regions].sort(),
    byKind,
    totalResources,
  };
}
