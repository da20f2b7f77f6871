/**
 * The tagging reads of Lambda, SQS, SNS, KMS, Route 53 and CloudTrail. A world element carries
 * its tags in an optional `Tags` field, as a list of `{ "Key", "Value" }` (or a `{ key: value }`
 * map); absent means no tags. Each operation answers in its own service's shape.
 */
import { SandboxError } from "../server/sandbox-error";
import { getRegionBlock, requireString, type THandler, type TRequestContext } from "../server/request-context";
import type { TAwsObject } from "../world/world.types";

type TTag = { Key: string; Value: string };

/** An element's `Tags` as pairs, whether written as a list or a map. */
export function readWorldTags(element: unknown): TTag[] {
  const tags = (element as { Tags?: unknown } | null)?.Tags;
  if (Array.isArray(tags)) {
    return tags
      .filter((t): t is { Key: unknown; Value?: unknown } => typeof t === "object" && t !== null && "Key" in t)
      .map((t) => ({ Key: String(t.Key), Value: t.Value === undefined || t.Value === null ? "" : String(t.Value) }));
  }
  if (tags && typeof tags === "object") return Object.entries(tags as Record<string, unknown>).map(([Key, Value]) => ({ Key, Value: String(Value ?? "") }));
  return [];
}

const toMap = (tags: TTag[]) => Object.fromEntries(tags.map((t) => [t.Key, t.Value]));

export const LAMBDA_TAG_HANDLERS: Record<string, THandler> = {
  /** GET /2017-03-31/tags/{Resource}: the function's tags as a map. */
  ListTags(ctx) {
    const arn = requireString(ctx, "Resource", "InvalidParameterValueException");
    const name = arn.split(":")[6];
    const fn = (getRegionBlock(ctx).lambda?.Functions ?? []).find((f) => f.FunctionArn === arn || (name !== undefined && f.FunctionName === name));
    if (!fn) throw new SandboxError("ResourceNotFoundException", `Function not found: ${arn}`);
    return { Tags: toMap(readWorldTags(fn)) };
  },
};

export const SQS_TAG_HANDLERS: Record<string, THandler> = {
  ListQueueTags(ctx) {
    const url = requireString(ctx, "QueueUrl", "MissingParameter");
    const name = url.split("/").pop();
    const queue = (getRegionBlock(ctx).sqs?.Queues ?? []).find((q) => q.QueueUrl === url || q.QueueUrl.split("/").pop() === name);
    if (!queue) throw new SandboxError("QueueDoesNotExist", "The specified queue does not exist.");
    const tags = readWorldTags(queue);
    return tags.length ? { Tags: toMap(tags) } : {};
  },
};

export const SNS_TAG_HANDLERS: Record<string, THandler> = {
  ListTagsForResource(ctx) {
    const arn = requireString(ctx, "ResourceArn", "InvalidParameter");
    const topic = (getRegionBlock(ctx).sns?.Topics ?? []).find((t) => t.TopicArn === arn);
    if (!topic) throw new SandboxError("ResourceNotFound", "Resource does not exist");
    return { Tags: readWorldTags(topic) };
  },
};

export const KMS_TAG_HANDLERS: Record<string, THandler> = {
  ListResourceTags(ctx) {
    const id = requireString(ctx, "KeyId", "ValidationException");
    const key = (getRegionBlock(ctx).kms?.Keys ?? []).find((k) => {
      const arn = typeof k.KeyMetadata.Arn === "string" ? k.KeyMetadata.Arn : `arn:aws:kms:${ctx.region}:${ctx.accountId}:key/${String(k.KeyMetadata.KeyId)}`;
      return k.KeyMetadata.KeyId === id || arn === id;
    });
    if (!key) throw new SandboxError("NotFoundException", `Key '${id.startsWith("arn:") ? id : `arn:aws:kms:${ctx.region}:${ctx.accountId}:key/${id}`}' does not exist`);
    return { Tags: readWorldTags(key).map((t) => ({ TagKey: t.Key, TagValue: t.Value })), Truncated: false };
  },
};

export const ROUTE53_TAG_HANDLERS: Record<string, THandler> = {
  /** GET /2013-04-01/tags/{ResourceType}/{ResourceId} (hosted zones; health checks are not in worlds). */
  ListTagsForResource(ctx) {
    const type = requireString(ctx, "ResourceType", "InvalidInput");
    const id = requireString(ctx, "ResourceId", "InvalidInput").replace(/^\/hostedzone\//, "");
    const zones: TAwsObject[] = ctx.account?.regions?.["us-east-1"]?.route53?.HostedZones ?? [];
    const zone = type === "hostedzone" ? zones.find((z) => String(z.Id).replace(/^\/hostedzone\//, "") === id) : undefined;
    if (!zone) throw new SandboxError(type === "hostedzone" ? "NoSuchHostedZone" : "InvalidInput", type === "hostedzone" ? `No hosted zone found with ID: ${id}` : `Unsupported resource type: ${type}`);
    return { ResourceTagSet: { ResourceType: type, ResourceId: id, Tags: readWorldTags(zone) } };
  },
};

function findTrailByArn(ctx: TRequestContext, arn: string): TAwsObject | undefined {
  for (const [region, block] of Object.entries(ctx.account?.regions ?? {})) {
    for (const trail of block.cloudtrail?.Trails ?? []) {
      const home = typeof trail.HomeRegion === "string" ? trail.HomeRegion : region;
      const trailArn = typeof trail.TrailARN === "string" ? trail.TrailARN : `arn:aws:cloudtrail:${home}:${ctx.accountId}:trail/${String(trail.Name)}`;
      if (trailArn === arn) return trail;
    }
  }
  return undefined;
}

export const CLOUDTRAIL_TAG_HANDLERS: Record<string, THandler> = {
  ListTags(ctx) {
    const ids = Array.isArray(ctx.input.ResourceIdList) ? (ctx.input.ResourceIdList as unknown[]).map(String) : [];
    if (ids.length === 0) throw new SandboxError("InvalidParameterException", "ResourceIdList must not be empty.");
    return {
      ResourceTagList: ids.map((id) => {
        const trail = findTrailByArn(ctx, id);
        if (!trail) throw new SandboxError("ResourceNotFoundException", `Resource ${id} not found.`);
        return { ResourceId: id, TagsList: readWorldTags(trail) };
      }),
    };
  },
};
