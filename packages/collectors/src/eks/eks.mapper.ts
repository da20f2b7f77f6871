import type { Cluster, Nodegroup } from "@aws-sdk/client-eks";
import { tagsFromMap, toPlain } from "../core/plain";
import { RESOURCE_TYPES, type TCollectedResource } from "../resource-model";

export function mapEksCluster(
  accountId: string,
  region: string,
  cluster: Cluster,
): TCollectedResource {
  return {
    accountId,
    region,
    service: "eks",
    resourceType: RESOURCE_TYPES.EksCluster,
    resourceId: cluster.arn ?? `arn:aws:eks:${region}:${accountId}:cluster/${cluster.name}`,
    name: cluster.name ?? null,
    tags: tagsFromMap(cluster.tags),
    configuration: toPlain(cluster),
  };
}

export function mapEksNodegroup(
  accountId: string,
  region: string,
  nodegroup: Nodegroup,
): TCollectedResource {
  return {
    accountId,
    region,
    service: "eks",
    resourceType: RESOURCE_TYPES.EksNodegroup,
    resourceId:
      nodegroup.nodegroupArn ??
      `arn:aws:eks:${region}:${accountId}:nodegroup/${nodegroup.clusterName}/${nodegroup.nodegroupName}`,
    name: nodegroup.nodegroupName ?? null,
    tags: tagsFromMap(nodegroup.tags),
    configuration: toPlain(nodegroup),
  };
}
