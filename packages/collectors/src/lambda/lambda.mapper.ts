import type { FunctionConfiguration } from "@aws-sdk/client-lambda";
import { toPlain } from "../core/plain";
import { RESOURCE_TYPES, type TCollectedResource } from "../resource-model";

export function mapLambdaFunction(
  accountId: string,
  region: string,
  fn: FunctionConfiguration,
  policy: string | null,
  collectionErrors: Record<string, string>,
): TCollectedResource {
  const configuration: Record<string, unknown> = { ...toPlain(fn), Policy: policy };
  if (Object.keys(collectionErrors).length > 0)
    configuration.CollectionErrors = { ...collectionErrors };
  return {
    accountId,
    region,
    service: "lambda",
    resourceType: RESOURCE_TYPES.LambdaFunction,
    resourceId:
      fn.FunctionArn ?? `arn:aws:lambda:${region}:${accountId}:function:${fn.FunctionName}`,
    name: fn.FunctionName ?? null,
    tags: {},
    configuration,
  };
}
