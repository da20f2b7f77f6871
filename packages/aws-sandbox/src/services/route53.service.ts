/** Route 53 (global, world data under us-east-1): hosted zones and their record sets. */
import { SandboxError } from "../server/sandbox-error";
import { findByKey, paginate, readNumber, readString, requireString, type THandler, type TRequestContext } from "../server/request-context";
import type { TAwsObject } from "../world/world.types";

function zonesOf(ctx: TRequestContext): TAwsObject[] {
  return ctx.account?.regions?.["us-east-1"]?.route53?.HostedZones ?? [];
}

function shortZoneId(id: unknown): string {
  return String(id).replace(/^\/hostedzone\//, "");
}

export const ROUTE53_HANDLERS: Record<string, THandler> = {
  ListHostedZones(ctx) {
    const zones = zonesOf(ctx).map(({ ResourceRecordSets: _records, ...zone }) => ({ ...zone, Id: `/hostedzone/${shortZoneId(zone.Id)}` }));
    const max = readNumber(ctx, "MaxItems") ?? 100;
    const page = paginate(ctx, zones, { token: readString(ctx, "Marker"), max, defaultMax: 100, invalidTokenCode: "InvalidInput" });
    return { HostedZones: page.items, Marker: readString(ctx, "Marker") ?? "", IsTruncated: page.next !== undefined, NextMarker: page.next, MaxItems: max };
  },
  ListResourceRecordSets(ctx) {
    const id = shortZoneId(requireString(ctx, "HostedZoneId", "InvalidInput"));
    const zone = findByKey(zonesOf(ctx), "id", (z) => [shortZoneId(z.Id)], id);
    if (!zone) throw new SandboxError("NoSuchHostedZone", `No hosted zone found with ID: ${id}`);
    const records = (zone.ResourceRecordSets ?? []) as TAwsObject[];
    const startName = readString(ctx, "StartRecordName");
    const startType = readString(ctx, "StartRecordType");
    let offset = 0;
    if (startName) {
      const index = records.findIndex((r) => r.Name === startName && (!startType || r.Type === startType));
      offset = index === -1 ? records.length : index;
    }
    let size = readNumber(ctx, "MaxItems") ?? 300;
    if (ctx.pageSize !== undefined) size = Math.min(size, ctx.pageSize);
    const items = records.slice(offset, offset + size);
    const next = records[offset + items.length];
    return {
      ResourceRecordSets: items,
      IsTruncated: next !== undefined,
      NextRecordName: next?.Name,
      NextRecordType: next?.Type,
      MaxItems: size,
    };
  },
};
