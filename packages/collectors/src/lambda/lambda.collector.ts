import { GetPolicyCommand, ListTagsCommand, paginateListFunctions } from "@aws-sdk/client-lambda";
import { collectPages, createSubCallRecorder, defineCollector } from "../core/collector";
import { mapWithConcurrency } from "../core/concurrency";
import { tagsFromMap } from "../core/plain";
import { RESOURCE_TYPES, type TCollectionError } from "../resource-model";
import { mapLambdaFunction } from "./lambda.mapper";

export const lambdaCollector = defineCollector({
  key: "lambda",
  global: false,
  resourceTypes: [RESOURCE_TYPES.LambdaFunction],
  async collect({ clients, accountId, region, signal }) {
    const client = clients.get("lambda", { accountId, region });
    const send = { abortSignal: signal };
    const functions = await collectPages(
      "ListFunctions",
      paginateListFunctions({ client, pageSize: 50 }, {}, send),
      (page) => page.Functions,
    );
    const errors: TCollectionError[] = [];
    const resources = await mapWithConcurrency(functions, 8, async (fn) => {
      const calls = createSubCallRecorder(fn.FunctionArn ?? String(fn.FunctionName), errors);
      const [policy, tags] = await Promise.all([
        calls.call("GetPolicy", () =>
          client.send(
            new GetPolicyCommand({ FunctionName: fn.FunctionArn ?? fn.FunctionName }),
            send,
          ),
        ),
        fn.FunctionArn
          ? calls.call("ListTags", () =>
              client.send(new ListTagsCommand({ Resource: fn.FunctionArn }), send),
            )
          : null,
      ]);
      return {
        ...mapLambdaFunction(accountId, region, fn, policy?.Policy ?? null, calls.errors),
        tags: tagsFromMap(tags?.Tags),
      };
    });
    return { resources, errors };
  },
});
