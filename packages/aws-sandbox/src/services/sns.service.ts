/** SNS: ListTopics (100 a page) and GetTopicAttributes. */
import { SandboxError } from "../server/sandbox-error";
import { findByKey, getRegionBlock, paginate, readString, requireString, type THandler } from "../server/request-context";

export const SNS_HANDLERS: Record<string, THandler> = {
  ListTopics(ctx) {
    const topics = (getRegionBlock(ctx).sns?.Topics ?? []).map((t) => ({ TopicArn: t.TopicArn }));
    const page = paginate(ctx, topics, { token: readString(ctx, "NextToken"), max: undefined, defaultMax: 100, invalidTokenCode: "InvalidParameter" });
    return { Topics: page.items, NextToken: page.next };
  },
  GetTopicAttributes(ctx) {
    const arn = requireString(ctx, "TopicArn", "InvalidParameter");
    const topic = findByKey(getRegionBlock(ctx).sns?.Topics ?? [], "arn", (t) => [t.TopicArn], arn);
    if (!topic) throw new SandboxError("NotFound", "Topic does not exist");
    return { Attributes: { TopicArn: topic.TopicArn, Owner: ctx.accountId, ...topic.Attributes } };
  },
};
