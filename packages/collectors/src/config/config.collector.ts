import {
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
} from "@aws-sdk/client-config-service";
import { callListing, createSubCallRecorder, defineCollector } from "../core/collector";
import { RESOURCE_TYPES, syntheticResourceIds, type TCollectionError } from "../resource-model";
import { mapConfigSettings } from "./config.mapper";

export const configCollector = defineCollector({
  key: "config",
  global: false,
  resourceTypes: [RESOURCE_TYPES.ConfigRegionalSettings],
  async collect({ clients, accountId, region, signal }) {
    const client = clients.get("config", { accountId, region });
    const send = { abortSignal: signal };
    const recorders = await callListing("DescribeConfigurationRecorders", () =>
      client.send(new DescribeConfigurationRecordersCommand({}), send),
    );
    const errors: TCollectionError[] = [];
    const calls = createSubCallRecorder(
      syntheticResourceIds.configRegionalSettings(accountId, region),
      errors,
    );
    const statuses = await calls.call("DescribeConfigurationRecorderStatus", () =>
      client.send(new DescribeConfigurationRecorderStatusCommand({}), send),
    );
    const resource = mapConfigSettings(
      accountId,
      region,
      recorders.ConfigurationRecorders ?? [],
      statuses ? (statuses.ConfigurationRecordersStatus ?? []) : null,
      calls.errors,
    );
    return { resources: [resource], errors };
  },
});
