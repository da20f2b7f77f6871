import type { SecretListEntry } from "@aws-sdk/client-secrets-manager";
import { tagsFromList, toPlain } from "../core/plain";
import { RESOURCE_TYPES, type TCollectedResource } from "../resource-model";

/**
 * A secret: its ListSecrets `SecretListEntry` (KmsKeyId, RotationEnabled, RotationRules,
 * LastRotatedDate…) plus `ResourcePolicy` (GetResourcePolicy: the JSON string, null when the
 * secret has none or it could not be read: see `CollectionErrors`). Never the secret's value.
 */
export function mapSecret(
  accountId: string,
  region: string,
  entry: SecretListEntry,
  resourcePolicy: string | null,
  errors: Record<string, string>,
): TCollectedResource {
  const configuration: Record<string, unknown> = { ...toPlain(entry), ResourcePolicy: resourcePolicy };
  if (Object.keys(errors).length > 0) configuration.CollectionErrors = { ...errors };
  return {
    accountId,
    region,
    service: "secretsmanager",
    resourceType: RESOURCE_TYPES.SecretsManagerSecret,
    resourceId: entry.ARN ?? `arn:aws:secretsmanager:${region}:${accountId}:secret:${entry.Name}`,
    name: entry.Name ?? null,
    tags: tagsFromList(entry.Tags),
    configuration,
  };
}
