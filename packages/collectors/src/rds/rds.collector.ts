import {
  DescribeDBSnapshotAttributesCommand,
  paginateDescribeDBInstances,
  paginateDescribeDBSnapshots,
} from "@aws-sdk/client-rds";
import { collectPages, createSubCallRecorder, defineCollector } from "../core/collector";
import { mapWithConcurrency } from "../core/concurrency";
import { RESOURCE_TYPES, type TCollectionError } from "../resource-model";
import { mapRdsInstance, mapRdsSnapshot } from "./rds.mapper";

export const rdsCollector = defineCollector({
  key: "rds",
  global: false,
  resourceTypes: [RESOURCE_TYPES.RdsDbInstance, RESOURCE_TYPES.RdsDbSnapshot],
  async collect({ clients, accountId, region, signal }) {
    const client = clients.get("rds", { accountId, region });
    const send = { abortSignal: signal };
    const [instances, snapshots] = await Promise.all([
      collectPages(
        "DescribeDBInstances",
        paginateDescribeDBInstances({ client, pageSize: 100 }, {}, send),
        (page) => page.DBInstances,
      ),
      collectPages(
        "DescribeDBSnapshots",
        paginateDescribeDBSnapshots({ client, pageSize: 100 }, {}, send),
        (page) => page.DBSnapshots,
      ),
    ]);
    const errors: TCollectionError[] = [];
    const snapshotResources = await mapWithConcurrency(snapshots, 8, async (snapshot) => {
      const calls = createSubCallRecorder(
        snapshot.DBSnapshotArn ?? String(snapshot.DBSnapshotIdentifier),
        errors,
      );
      // Only manual snapshots can be shared (restore attribute); automated ones cannot.
      if (snapshot.SnapshotType !== undefined && snapshot.SnapshotType !== "manual") {
        return mapRdsSnapshot(accountId, region, snapshot, [], calls.errors);
      }
      const out = await calls.call("DescribeDBSnapshotAttributes", () =>
        client.send(
          new DescribeDBSnapshotAttributesCommand({
            DBSnapshotIdentifier: snapshot.DBSnapshotIdentifier,
          }),
          send,
        ),
      );
      const attributes = out ? (out.DBSnapshotAttributesResult?.DBSnapshotAttributes ?? []) : null;
      return mapRdsSnapshot(accountId, region, snapshot, attributes, calls.errors);
    });
    return {
      resources: [
        ...instances.map((db) => mapRdsInstance(accountId, region, db)),
        ...snapshotResources,
      ],
      errors,
    };
  },
});
