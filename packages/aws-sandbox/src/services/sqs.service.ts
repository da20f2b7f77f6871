/** SQS (JSON protocol): ListQueues and GetQueueAttributes. */
import { SandboxError } from "../server/sandbox-error";
import { findByKey, getRegionBlock, paginate, readNumber, readString, requireString, type THandler } from "../server/request-context";

export const SQS_HANDLERS: Record<string, THandler> = {
  ListQueues(ctx) {
    const prefix = readString(ctx, "QueueNamePrefix") ?? "";
    const urls = (getRegionBlock(ctx).sqs?.Queues ?? []).map((q) => q.QueueUrl).filter((url) => (url.split("/").pop() ?? "").startsWith(prefix));
    const max = readNumber(ctx, "MaxResults");
    if (max === undefined && ctx.pageSize === undefined) return { QueueUrls: urls.slice(0, 1000) };
    const page = paginate(ctx, urls, { token: readString(ctx, "NextToken"), max, defaultMax: 1000, invalidTokenCode: "InvalidParameterValue" });
    return { QueueUrls: page.items, NextToken: page.next };
  },
  GetQueueAttributes(ctx) {
    const url = requireString(ctx, "QueueUrl", "MissingParameter");
    const name = url.split("/").pop();
    const queues = getRegionBlock(ctx).sqs?.Queues ?? [];
    const queue = findByKey(queues, "url", (q) => [q.QueueUrl], url) ?? findByKey(queues, "name", (q) => [q.QueueUrl.split("/").pop()], name ?? "");
    if (!queue) throw new SandboxError("QueueDoesNotExist", "The specified queue does not exist.");
    const wanted = Array.isArray(ctx.input.AttributeNames) ? (ctx.input.AttributeNames as string[]) : [];
    const attributes: Record<string, string> = {
      QueueArn: `arn:aws:sqs:${ctx.region}:${ctx.accountId}:${name}`,
      ...queue.Attributes,
    };
    if (wanted.length === 0) return {};
    if (wanted.includes("All")) return { Attributes: attributes };
    return { Attributes: Object.fromEntries(Object.entries(attributes).filter(([key]) => wanted.includes(key))) };
  },
};
