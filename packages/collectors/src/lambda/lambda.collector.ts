import { GetPolicyCommand, paginateListFunctions } from "@aws-sdk/client-lambda";
import { collectPages, createSubCallRecorder, defineCollector } from "../core/collector";
import { mapWithConcurrency } from "../core/concurrency";
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
      const policy = await calls.call("GetPolicy", () =>
        client.send(
          new GetPolicyCommand({ FunctionName: fn.FunctionArn ?? fn.FunctionName }),
          send,
        ),
      );
      return mapLambdaFunction(accountId, region, fn, policy?.Policy ?? null, calls.errors);
    });
    return { resources, errors };
  },
});
