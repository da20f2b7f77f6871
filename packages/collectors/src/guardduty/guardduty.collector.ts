import { GetDetectorCommand, paginateListDetectors } from "@aws-sdk/client-guardduty";
import { collectPages, createSubCallRecorder, defineCollector } from "../core/collector";
import { mapWithConcurrency } from "../core/concurrency";
import { RESOURCE_TYPES, syntheticResourceIds, type TCollectionError } from "../resource-model";
import { mapGuardDutySettings } from "./guardduty.mapper";

export const guarddutyCollector = defineCollector({
  key: "guardduty",
  global: false,
  resourceTypes: [RESOURCE_TYPES.GuardDutyRegionalSettings],
  async collect({ clients, accountId, region, signal }) {
    const client = clients.get("guardduty", { accountId, region });
    const send = { abortSignal: signal };
    const ids = await collectPages(
      "ListDetectors",
      paginateListDetectors({ client, pageSize: 50 }, {}, send),
      (page) => page.DetectorIds,
    );
    const errors: TCollectionError[] = [];
    const calls = createSubCallRecorder(
      syntheticResourceIds.guardDutyRegionalSettings(accountId, region),
      errors,
    );
    const detectors = await mapWithConcurrency(ids, 4, async (DetectorId) => ({
      DetectorId,
      detector: await calls.call("GetDetector", () =>
        client.send(new GetDetectorCommand({ DetectorId }), send),
      ),
    }));
    return {
      resources: [mapGuardDutySettings(accountId, region, detectors, calls.errors)],
      errors,
    };
  },
});
