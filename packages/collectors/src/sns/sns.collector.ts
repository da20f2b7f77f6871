import {
  GetTopicAttributesCommand,
  ListTagsForResourceCommand,
  paginateListTopics,
} from "@aws-sdk/client-sns";
import { collectPages, createSubCallRecorder, defineCollector } from "../core/collector";
import { mapWithConcurrency } from "../core/concurrency";
import { tagsFromList } from "../core/plain";
import { RESOURCE_TYPES, type TCollectionError } from "../resource-model";
import { mapSnsTopic } from "./sns.mapper";

export const snsCollector = defineCollector({
  key: "sns",
  global: false,
  resourceTypes: [RESOURCE_TYPES.SnsTopic],
  async collect({ clients, accountId, region, signal }) {
    const client = clients.get("sns", { accountId, region });
    const send = { abortSignal: signal };
    const topics = await collectPages(
      "ListTopics",
      paginateListTopics({ client }, {}, send),
      (page) => page.Topics,
    );
    const errors: TCollectionError[] = [];
    const arns = topics.map((t) => t.TopicArn).filter((arn): arn is string => Boolean(arn));
    const resources = await mapWithConcurrency(arns, 8, async (arn) => {
      const calls = createSubCallRecorder(arn, errors);
      const [out, tags] = await Promise.all([
        calls.call("GetTopicAttributes", () =>
          client.send(new GetTopicAttributesCommand({ TopicArn: arn }), send),
        ),
        calls.call("ListTagsForResource", () =>
          client.send(new ListTagsForResourceCommand({ ResourceArn: arn }), send),
        ),
      ]);
      return {
        ...mapSnsTopic(accountId, region, arn, out ? (out.Attributes ?? {}) : null, calls.errors),
        tags: tagsFromList(tags?.Tags),
      };
    });
    return { resources, errors };
  },
});
