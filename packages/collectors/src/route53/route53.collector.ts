import {
  ListResourceRecordSetsCommand,
  ListTagsForResourceCommand,
  paginateListHostedZones,
  type ListResourceRecordSetsCommandInput,
  type ResourceRecordSet,
  type Route53Client,
} from "@aws-sdk/client-route-53";
import { collectPages, createSubCallRecorder, defineCollector } from "../core/collector";
import { mapWithConcurrency } from "../core/concurrency";
import { tagsFromList } from "../core/plain";
import { GLOBAL_REGION, RESOURCE_TYPES, type TCollectionError } from "../resource-model";
import { mapHostedZone } from "./route53.mapper";

/** ListResourceRecordSets has no SDK paginator: it pages with NextRecordName/Type/Identifier. */
async function listRecordSets(
  client: Route53Client,
  zoneId: string,
  signal: AbortSignal,
): Promise<ResourceRecordSet[]> {
  const out: ResourceRecordSet[] = [];
  let input: ListResourceRecordSetsCommandInput = { HostedZoneId: zoneId, MaxItems: 300 };
  for (;;) {
    const page = await client.send(new ListResourceRecordSetsCommand(input), {
      abortSignal: signal,
    });
    out.push(...(page.ResourceRecordSets ?? []));
    if (!page.IsTruncated || !page.NextRecordName) return out;
    input = {
      ...input,
      StartRecordName: page.NextRecordName,
      StartRecordType: page.NextRecordType,
      StartRecordIdentifier: page.NextRecordIdentifier,
    };
  }
}

export const route53Collector = defineCollector({
  key: "route53",
  global: true,
  resourceTypes: [RESOURCE_TYPES.Route53HostedZone],
  async collect({ clients, accountId, signal }) {
    const client = clients.get("route53", { accountId, region: GLOBAL_REGION });
    const zones = await collectPages(
      "ListHostedZones",
      paginateListHostedZones({ client, pageSize: 100 }, {}, { abortSignal: signal }),
      (page) => page.HostedZones,
    );
    const errors: TCollectionError[] = [];
    const resources = await mapWithConcurrency(
      zones.filter((z) => z.Id),
      4,
      async (zone) => {
        const calls = createSubCallRecorder(zone.Id as string, errors);
        const [records, tags] = await Promise.all([
          calls.call("ListResourceRecordSets", () =>
            listRecordSets(client, zone.Id as string, signal),
          ),
          calls.call("ListTagsForResource", () =>
            client.send(
              new ListTagsForResourceCommand({
                ResourceType: "hostedzone",
                ResourceId: (zone.Id as string).replace(/^\/hostedzone\//, ""),
              }),
              { abortSignal: signal },
            ),
          ),
        ]);
        return {
          ...mapHostedZone(accountId, zone, records, calls.errors),
          tags: tagsFromList(tags?.ResourceTagSet?.Tags),
        };
      },
    );
    return { resources, errors };
  },
});
