import {
  DescribeClusterCommand,
  DescribeNodegroupCommand,
  paginateListClusters,
  paginateListNodegroups,
} from "@aws-sdk/client-eks";
import { callListing, collectPages, defineCollector } from "../core/collector";
import { mapWithConcurrency } from "../core/concurrency";
import { RESOURCE_TYPES, type TCollectedResource } from "../resource-model";
import { mapEksCluster, mapEksNodegroup } from "./eks.mapper";

/** A cluster or node group that cannot be described is not collected: the collection fails. */
export const eksCollector = defineCollector({
  key: "eks",
  global: false,
  resourceTypes: [RESOURCE_TYPES.EksCluster, RESOURCE_TYPES.EksNodegroup],
  async collect({ clients, accountId, region, signal }) {
    const client = clients.get("eks", { accountId, region });
    const send = { abortSignal: signal };
    const names = await collectPages(
      "ListClusters",
      paginateListClusters({ client, pageSize: 100 }, {}, send),
      (page) => page.clusters,
    );
    const perCluster = await mapWithConcurrency(names, 4, async (name) => {
      const out: TCollectedResource[] = [];
      const described = await callListing("DescribeCluster", () =>
        client.send(new DescribeClusterCommand({ name }), send),
      );
      if (described.cluster) out.push(mapEksCluster(accountId, region, described.cluster));
      const nodegroups = await collectPages(
        "ListNodegroups",
        paginateListNodegroups({ client, pageSize: 100 }, { clusterName: name }, send),
        (page) => page.nodegroups,
      );
      for (const nodegroupName of nodegroups) {
        const ng = await callListing("DescribeNodegroup", () =>
          client.send(new DescribeNodegroupCommand({ clusterName: name, nodegroupName }), send),
        );
        if (ng.nodegroup) out.push(mapEksNodegroup(accountId, region, ng.nodegroup));
      }
      return out;
    });
    return { resources: perCluster.flat(), errors: [] };
  },
});
