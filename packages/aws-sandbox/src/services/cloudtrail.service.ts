/** CloudTrail: trails of the region (plus multi-region shadow trails), status, event selectors. */
import { SandboxError } from "../server/sandbox-error";
import { requireString, type THandler, type TRequestContext } from "../server/request-context";
import type { TAwsObject } from "../world/world.types";

interface TTrailEntry {
  trail: TAwsObject;
  homeRegion: string;
}

function listTrails(ctx: TRequestContext): TTrailEntry[] {
  const out: TTrailEntry[] = [];
  for (const [region, block] of Object.entries(ctx.account?.regions ?? {})) {
    for (const trail of block.cloudtrail?.Trails ?? []) {
      const homeRegion = typeof trail.HomeRegion === "string" ? trail.HomeRegion : region;
      out.push({ trail, homeRegion });
    }
  }
  return out;
}

function trailArn(ctx: TRequestContext, entry: TTrailEntry): string {
  return typeof entry.trail.TrailARN === "string" ? entry.trail.TrailARN : `arn:aws:cloudtrail:${entry.homeRegion}:${ctx.accountId}:trail/${String(entry.trail.Name)}`;
}

function describeTrail(ctx: TRequestContext, entry: TTrailEntry): TAwsObject {
  const { Status: _status, EventSelectors: _selectors, ...trail } = entry.trail;
  return { ...trail, HomeRegion: entry.homeRegion, TrailARN: trailArn(ctx, entry) };
}

function findTrail(ctx: TRequestContext, nameOrArn: string): TTrailEntry {
  const entry = listTrails(ctx).find((e) => e.trail.Name === nameOrArn || trailArn(ctx, e) === nameOrArn);
  if (!entry || (entry.homeRegion !== ctx.region && entry.trail.IsMultiRegionTrail !== true)) {
    throw new SandboxError("TrailNotFoundException", `Unknown trail: ${nameOrArn} for the user: ${ctx.accountId}`);
  }
  return entry;
}

export const CLOUDTRAIL_HANDLERS: Record<string, THandler> = {
  DescribeTrails(ctx) {
    const names = Array.isArray(ctx.input.trailNameList) ? (ctx.input.trailNameList as string[]) : [];
    const includeShadow = ctx.input.includeShadowTrails !== false;
    const trails = listTrails(ctx)
      .filter((e) => e.homeRegion === ctx.region || (includeShadow && e.trail.IsMultiRegionTrail === true))
      .filter((e) => names.length === 0 || names.includes(String(e.trail.Name)) || names.includes(trailArn(ctx, e)))
      .map((e) => describeTrail(ctx, e));
    return { trailList: trails };
  },
  GetTrailStatus(ctx) {
    const entry = findTrail(ctx, requireString(ctx, "Name", "InvalidTrailNameException"));
    return { ...((entry.trail.Status ?? { IsLogging: false }) as TAwsObject) };
  },
  GetEventSelectors(ctx) {
    const entry = findTrail(ctx, requireString(ctx, "TrailName", "InvalidTrailNameException"));
    const selectors = entry.trail.EventSelectors;
    const out: TAwsObject = { TrailARN: trailArn(ctx, entry) };
    if (Array.isArray(selectors)) out.EventSelectors = selectors;
    else if (selectors && typeof selectors === "object") Object.assign(out, selectors);
    return out;
  },
};
