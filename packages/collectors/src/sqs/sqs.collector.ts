import {
  GetQueueAttributesCommand,
  ListQueueTagsCommand,
  paginateListQueues,
} from "@aws-sdk/client-sqs";
import { collectPages, createSubCallRecorder, defineCollector } from "../core/collector";
import { mapWithConcurrency } from "../core/concurrency";
import { tagsFromMap } from "../core/plain";
import { RESOURCE_TYPES, type TCollectionError } from "../resource-model";
import { mapSqsQueue } from "./sqs.mapper";

export const sqsCollector = defineCollector({
  key: "sqs",
  global: false,
  resourceTypes: [RESOURCE_TYPES.SqsQueue],
  async collect({ clients, accountId, region, signal }) {
    const client = clients.get("sqs", { accountId, region });
    const send = { abortSignal: signal };
    const urls = await collectPages(
      "ListQueues",
      paginateListQueues({ client, pageSize: 1000 }, {}, send),
      (page) => page.QueueUrls,
    );
    const errors: TCollectionError[] = [];
    const resources = await mapWithConcurrency(urls, 8, async (url) => {
      const calls = createSubCallRecorder(url, errors);
      const [out, tags] = await Promise.all([
        calls.call("GetQueueAttributes", () =>
          client.send(
            new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["All"] }),
            send,
          ),
        ),
        calls.call("ListQueueTags", () =>
          client.send(new ListQueueTagsCommand({ QueueUrl: url }), send),
        ),
      ]);
      return {
        ...mapSqsQueue(accountId, region, url, out ? (out.Attributes ?? {}) : null, calls.errors),
        tags: tagsFromMap(tags?.Tags),
      };
    });
    return { resources, errors };
  },
});
