import { RESOURCE_TYPES, type TCollectedResource } from "../resource-model";

/** The queue name is the last path segment of its URL. */
export function queueNameFromUrl(queueUrl: string): string {
  return queueUrl.split("/").filter(Boolean).pop() ?? queueUrl;
}

export function mapSqsQueue(
  accountId: string,
  region: string,
  queueUrl: string,
  attributes: Record<string, string> | null,
  collectionErrors: Record<string, string>,
): TCollectedResource {
  const name = queueNameFromUrl(queueUrl);
  const configuration: Record<string, unknown> = { QueueUrl: queueUrl, Attributes: attributes };
  if (Object.keys(collectionErrors).length > 0)
    configuration.CollectionErrors = { ...collectionErrors };
  return {
    accountId,
    region,
    service: "sqs",
    resourceType: RESOURCE_TYPES.SqsQueue,
    resourceId: attributes?.QueueArn ?? `arn:aws:sqs:${region}:${accountId}:${name}`,
    name,
    tags: {},
    configuration,
  };
}
