import type { HostedZone, ResourceRecordSet } from "@aws-sdk/client-route-53";
import { toPlain, toPlainValue } from "../core/plain";
import { GLOBAL_REGION, RESOURCE_TYPES, type TCollectedResource } from "../resource-model";

/** "/hostedzone/Z123" → "Z123". */
export function hostedZoneShortId(id: string): string {
  return id.replace(/^\/?hostedzone\//, "");
}

export function mapHostedZone(
  accountId: string,
  zone: HostedZone,
  recordSets: ResourceRecordSet[] | null,
  collectionErrors: Record<string, string>,
): TCollectedResource {
  const configuration: Record<string, unknown> = {
    ...toPlain(zone),
    ResourceRecordSets: toPlainValue(recordSets),
  };
  if (Object.keys(collectionErrors).length > 0)
    configuration.CollectionErrors = { ...collectionErrors };
  return {
    accountId,
    region: GLOBAL_REGION,
    service: "route53",
    resourceType: RESOURCE_TYPES.Route53HostedZone,
    resourceId: `arn:aws:route53:::hostedzone/${hostedZoneShortId(zone.Id ?? "")}`,
    name: zone.Name ?? null,
    tags: {},
    configuration,
  };
}
