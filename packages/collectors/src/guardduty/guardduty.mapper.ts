import type { GetDetectorResponse } from "@aws-sdk/client-guardduty";
import { toPlainValue } from "../core/plain";
import { RESOURCE_TYPES, syntheticResourceIds, type TCollectedResource } from "../resource-model";

export interface TDetectorDetails {
  DetectorId: string;
  detector: GetDetectorResponse | null;
}

export function mapGuardDutySettings(
  accountId: string,
  region: string,
  detectors: readonly TDetectorDetails[],
  collectionErrors: Record<string, string>,
): TCollectedResource {
  const configuration: Record<string, unknown> = {
    Detectors: detectors.map((d) => ({
      DetectorId: d.DetectorId,
      Status: d.detector?.Status ?? null,
      Features: toPlainValue(d.detector?.Features ?? null),
    })),
  };
  if (Object.keys(collectionErrors).length > 0)
    configuration.CollectionErrors = { ...collectionErrors };
  return {
    accountId,
    region,
    service: "guardduty",
    resourceType: RESOURCE_TYPES.GuardDutyRegionalSettings,
    resourceId: syntheticResourceIds.guardDutyRegionalSettings(accountId, region),
    name: null,
    tags: {},
    configuration,
  };
}
