import type { AnalyzerSummary } from "@aws-sdk/client-accessanalyzer";
import { toPlainValue } from "../core/plain";
import { RESOURCE_TYPES, syntheticResourceIds, type TCollectedResource } from "../resource-model";

export function mapAccessAnalyzerSettings(
  accountId: string,
  region: string,
  analyzers: AnalyzerSummary[],
): TCollectedResource {
  return {
    accountId,
    region,
    service: "accessanalyzer",
    resourceType: RESOURCE_TYPES.AccessAnalyzerRegionalSettings,
    resourceId: syntheticResourceIds.accessAnalyzerRegionalSettings(accountId, region),
    name: null,
    tags: {},
    configuration: { Analyzers: toPlainValue(analyzers) },
  };
}
