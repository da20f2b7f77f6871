/** RDS: DB instances, DB snapshots and their attributes (Marker/MaxRecords). */
import { SandboxError } from "../server/sandbox-error";
import { findByKey, getRegionBlock, paginate, readNumber, readString, requireString, type THandler, type TRequestContext } from "../server/request-context";

function page<T>(ctx: TRequestContext, items: T[]): { items: T[]; next: string | undefined } {
  return paginate(ctx, items, { token: readString(ctx, "Marker"), max: readNumber(ctx, "MaxRecords"), defaultMax: 100, invalidTokenCode: "InvalidParameterValue" });
}

export const RDS_HANDLERS: Record<string, THandler> = {
  DescribeDBInstances(ctx) {
    const id = readString(ctx, "DBInstanceIdentifier");
    let instances = getRegionBlock(ctx).rds?.DBInstances ?? [];
    if (id) {
      instances = instances.filter((i) => i.DBInstanceIdentifier === id || i.DBInstanceArn === id);
      if (instances.length === 0) throw new SandboxError("DBInstanceNotFound", `DBInstance ${id} not found.`);
    }
    const result = page(ctx, instances);
    return { DBInstances: result.items, Marker: result.next };
  },
  DescribeDBSnapshots(ctx) {
    const id = readString(ctx, "DBSnapshotIdentifier");
    const instanceId = readString(ctx, "DBInstanceIdentifier");
    const type = readString(ctx, "SnapshotType");
    let snapshots = (getRegionBlock(ctx).rds?.DBSnapshots ?? []).map(({ Attributes: _attributes, ...snapshot }) => snapshot);
    if (id) {
      snapshots = snapshots.filter((s) => s.DBSnapshotIdentifier === id || s.DBSnapshotArn === id);
      if (snapshots.length === 0) throw new SandboxError("DBSnapshotNotFound", `DBSnapshot ${id} not found.`);
    }
    if (instanceId) snapshots = snapshots.filter((s) => s.DBInstanceIdentifier === instanceId);
    if (type) snapshots = snapshots.filter((s) => s.SnapshotType === type);
    const result = page(ctx, snapshots);
    return { DBSnapshots: result.items, Marker: result.next };
  },
  DescribeDBSnapshotAttributes(ctx) {
    const id = requireString(ctx, "DBSnapshotIdentifier", "InvalidParameterValue");
    const snapshot = findByKey(getRegionBlock(ctx).rds?.DBSnapshots ?? [], "id", (s) => [s.DBSnapshotIdentifier], id);
    if (!snapshot) throw new SandboxError("DBSnapshotNotFound", `DBSnapshot ${id} not found.`);
    const attributes = Array.isArray(snapshot.Attributes) ? snapshot.Attributes : [{ AttributeName: "restore", AttributeValues: [] }];
    return { DBSnapshotAttributesResult: { DBSnapshotIdentifier: id, DBSnapshotAttributes: attributes } };
  },
};
