import {
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
} from "@aws-sdk/client-cloudtrail";
import { callListing, createSubCallRecorder, defineCollector } from "../core/collector";
import { mapWithConcurrency } from "../core/concurrency";
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
      return mapTrail(accountId, region, trail, {
        status,
        eventSelectors: selectors ? (selectors.EventSelectors ?? null) : null,
        advancedEventSelectors: selectors ? (selectors.AdvancedEventSelectors ?? null) : null,
        collectionErrors: calls.errors,
      });
    });
    return { resources, errors };
  },
});
