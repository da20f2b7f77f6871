import type {
  AdvancedEventSelector,
  EventSelector,
  GetTrailStatusResponse,
  Trail,
} from "@aws-sdk/client-cloudtrail";
import { toPlain, toPlainValue } from "../core/plain";
import { RESOURCE_TYPES, type TCollectedResource } from "../resource-model";

export interface TTrailDetails {
  status: GetTrailStatusResponse | null;
  eventSelectors: EventSelector[] | null;
  advancedEventSelectors: AdvancedEventSelector[] | null;
  collectionErrors: Record<string, string>;
}

/** A trail lives in its home region (DescribeTrails with includeShadowTrails: false). */
export function mapTrail(
  accountId: string,
  region: string,
  trail: Trail,
  details: TTrailDetails,
): TCollectedResource {
  const configuration: Record<string, unknown> = {
    ...toPlain(trail),
    Status: details.status ? toPlain(details.status) : null,
    EventSelectors: toPlainValue(details.eventSelectors),
    AdvancedEventSelectors: toPlainValue(details.advancedEventSelectors),
  };
  if (Object.keys(details.collectionErrors).length > 0)
    configuration.CollectionErrors = { ...details.collectionErrors };
  return {
    accountId,
    region: trail.HomeRegion ?? region,
    service: "cloudtrail",
    resourceType: RESOURCE_TYPES.CloudTrailTrail,
    resourceId: trail.TrailARN ?? `arn:aws:cloudtrail:${region}:${accountId}:trail/${trail.Name}`,
    name: trail.Name ?? null,
    tags: {},
    configuration,
  };
}
