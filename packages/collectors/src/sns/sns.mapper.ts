import { RESOURCE_TYPES, type TCollectedResource } from "../resource-model";

export function mapSnsTopic(
  accountId: string,
  region: string,
  topicArn: string,
  attributes: Record<string, string> | null,
  collectionErrors: Record<string, string>,
): TCollectedResource {
  const configuration: Record<string, unknown> = { TopicArn: topicArn, Attributes: attributes };
  if (Object.keys(collectionErrors).length > 0)
    configuration.CollectionErrors = { ...collectionErrors };
  return {
    accountId,
    region,
    service: "sns",
    resourceType: RESOURCE_TYPES.SnsTopic,
    resourceId: topicArn,
    name: topicArn.split(":").pop() ?? null,
    tags: {},
    configuration,
  };
}
