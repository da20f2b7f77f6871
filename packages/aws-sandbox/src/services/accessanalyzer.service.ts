/** IAM Access Analyzer: analyzers of the region. */
import { getRegionBlock, paginate, readNumber, readString, type THandler } from "../server/request-context";

export const ACCESSANALYZER_HANDLERS: Record<string, THandler> = {
  ListAnalyzers(ctx) {
    const type = readString(ctx, "type");
    const analyzers = (getRegionBlock(ctx).accessanalyzer?.Analyzers ?? []).filter((a) => !type || a.type === type);
    const page = paginate(ctx, analyzers, { token: readString(ctx, "nextToken"), max: readNumber(ctx, "maxResults"), defaultMax: 100, invalidTokenCode: "ValidationException" });
    return { analyzers: page.items, nextToken: page.next };
  },
};
