import {
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  ListTagsCommand,
  type ResourceTag,
} from "@aws-sdk/client-cloudtrail";
import { callListing, createSubCallRecorder, defineCollector } from "../core/collector";
import { mapWithConcurrency } from "../core/concurrency";
import { tagsFromList } from "../core/plain";
import { RESOURCE_TYPES, type TCollectionError } from "../resource-model";
import { mapTrail } from "./cloudtrail.mapper";

export const cloudtrailCollector = defineCollector({
  key: "cloudtrail",
  global: false,
  resourceTypes: [RESOURCE_TYPES.CloudTrailTrail],
  async collect({ clients, accountId, region, signal }) {
    const client = clients.get("cloudtrail", { accountId, region });
    const send = { abortSignal: signal };
    const described = await callListing("DescribeTrails", () =>
      client.send(new DescribeTrailsCommand({ includeShadowTrails: false }), send),
    );
    // Trails of other regions can still appear (organization trails): keep those homed here.
    const trails = (described.trailList ?? []).filter(
      (t) => !t.HomeRegion || t.HomeRegion === region,
    );
    const errors: TCollectionError[] = [];
    // Tags in bulk: ListTags takes up to 20 trail ARNs a call.
    const tagsByArn = new Map<string, ResourceTag["TagsList"]>();
    const tagErrors = new Map<string, Record<string, string>>();
    const arns = trails.map((t) => t.TrailARN).filter((arn): arn is string => Boolean(arn));
    for (let i = 0; i < arns.length; i += 20) {
      const chunk = arns.slice(i, i + 20);
      const calls = createSubCallRecorder(chunk.join(", "), errors);
      const out = await calls.call("ListTags", () =>
        client.send(new ListTagsCommand({ ResourceIdList: chunk }), send),
      );
      for (const entry of out?.ResourceTagList ?? [])
        if (entry.ResourceId) tagsByArn.set(entry.ResourceId, entry.TagsList);
      if (!out) for (const arn of chunk) tagErrors.set(arn, { ...calls.errors });
    }
    const resources = await mapWithConcurrency(trails, 4, async (trail) => {
      const id = trail.TrailARN ?? trail.Name ?? "trail";
      const calls = createSubCallRecorder(id, errors);
      const [status, selectors] = await Promise.all([
        calls.call("GetTrailStatus", () =>
          client.send(new GetTrailStatusCommand({ Name: id }), send),
        ),
        calls.call("GetEventSelectors", () =>
          client.send(new GetEventSelectorsCommand({ TrailName: id }), send),
        ),
      ]);
      const mapped = mapTrail(accountId, region, trail, {
        status,
        eventSelectors: selectors ? (selectors.EventSelectors ?? null) : null,
        advancedEventSelectors: selectors ? (selectors.AdvancedEventSelectors ?? null) : null,
        collectionErrors: { ...calls.errors, ...tagErrors.get(id) },
      });
      return { ...mapped, tags: tagsFromList(tagsByArn.get(id)) };
    });
    return { resources, errors };
  },
});
