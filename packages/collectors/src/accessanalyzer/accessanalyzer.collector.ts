import { paginateListAnalyzers } from "@aws-sdk/client-accessanalyzer";
import { collectPages, defineCollector } from "../core/collector";
import { RESOURCE_TYPES } from "../resource-model";
import { mapAccessAnalyzerSettings } from "./accessanalyzer.mapper";

export const accessanalyzerCollector = defineCollector({
  key: "accessanalyzer",
  global: false,
  resourceTypes: [RESOURCE_TYPES.AccessAnalyzerRegionalSettings],
  async collect({ clients, accountId, region, signal }) {
    const client = clients.get("accessanalyzer", { accountId, region });
    const analyzers = await collectPages(
      "ListAnalyzers",
      paginateListAnalyzers({ client, pageSize: 100 }, {}, { abortSignal: signal }),
      (page) => page.analyzers,
    );
    return { resources: [mapAccessAnalyzerSettings(accountId, region, analyzers)], errors: [] };
  },
});
