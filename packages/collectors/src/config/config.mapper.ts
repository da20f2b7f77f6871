import type {
  ConfigurationRecorder,
  ConfigurationRecorderStatus,
} from "@aws-sdk/client-config-service";
import { toPlainValue } from "../core/plain";
import { RESOURCE_TYPES, syntheticResourceIds, type TCollectedResource } from "../resource-model";

export function mapConfigSettings(
  accountId: string,
  region: string,
  recorders: ConfigurationRecorder[],
  statuses: ConfigurationRecorderStatus[] | null,
  collectionErrors: Record<string, string>,
): TCollectedResource {
  const configuration: Record<string, unknown> = {
    ConfigurationRecorders: toPlainValue(recorders),
    ConfigurationRecordersStatus: toPlainValue(statuses),
  };
  if (Object.keys(collectionErrors).length > 0)
    configuration.CollectionErrors = { ...collectionErrors };
  return {
    accountId,
    region,
    service: "config",
    resourceType: RESOURCE_TYPES.ConfigRegionalSettings,
    resourceId: syntheticResourceIds.configRegionalSettings(accountId, region),
    name: null,
    tags: {},
    configuration,
  };
}
