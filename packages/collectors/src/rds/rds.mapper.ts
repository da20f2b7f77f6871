import type { DBInstance, DBSnapshot, DBSnapshotAttribute } from "@aws-sdk/client-rds";
import { tagsFromList, toPlain } from "../core/plain";
import { RESOURCE_TYPES, type TCollectedResource } from "../resource-model";

export function mapRdsInstance(
  accountId: string,
  region: string,
  db: DBInstance,
): TCollectedResource {
  return {
    accountId,
    region,
    service: "rds",
    resourceType: RESOURCE_TYPES.RdsDbInstance,
    resourceId:
      db.DBInstanceArn ?? `arn:aws:rds:${region}:${accountId}:db:${db.DBInstanceIdentifier}`,
    name: db.DBInstanceIdentifier ?? null,
    tags: tagsFromList(db.TagList),
    configuration: toPlain(db),
  };
}

export function mapRdsSnapshot(
  accountId: string,
  region: string,
  snapshot: DBSnapshot,
  attributes: DBSnapshotAttribute[] | null,
  collectionErrors: Record<string, string>,
): TCollectedResource {
  const configuration: Record<string, unknown> = {
    ...toPlain(snapshot),
    Attributes: attributes ? attributes.map((a) => toPlain(a)) : null,
  };
  if (Object.keys(collectionErrors).length > 0)
    configuration.CollectionErrors = { ...collectionErrors };
  return {
    accountId,
    region,
    service: "rds",
    resourceType: RESOURCE_TYPES.RdsDbSnapshot,
    resourceId:
      snapshot.DBSnapshotArn ??
      `arn:aws:rds:${region}:${accountId}:snapshot:${snapshot.DBSnapshotIdentifier}`,
    name: snapshot.DBSnapshotIdentifier ?? null,
    tags: tagsFromList(snapshot.TagList),
    configuration,
  };
}
