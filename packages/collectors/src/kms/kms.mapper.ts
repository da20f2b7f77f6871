import type { KeyMetadata } from "@aws-sdk/client-kms";
import { toPlain } from "../core/plain";
import { RESOURCE_TYPES, type TCollectedResource } from "../resource-model";

export interface TKmsKeyDetails {
  KeyMetadata: KeyMetadata;
  KeyRotationEnabled: boolean | null;
  Policy: string | null;
  collectionErrors: Record<string, string>;
}

export function mapKmsKey(
  accountId: string,
  region: string,
  details: TKmsKeyDetails,
): TCollectedResource {
  const meta = details.KeyMetadata;
  const configuration: Record<string, unknown> = {
    KeyMetadata: toPlain(meta),
    KeyRotationEnabled: details.KeyRotationEnabled,
    Policy: details.Policy,
  };
  if (Object.keys(details.collectionErrors).length > 0)
    configuration.CollectionErrors = { ...details.collectionErrors };
  return {
    accountId,
    region,
    service: "kms",
    resourceType: RESOURCE_TYPES.KmsKey,
    resourceId: meta.Arn ?? `arn:aws:kms:${region}:${accountId}:key/${meta.KeyId}`,
    name: meta.KeyId ?? null,
    tags: {},
    configuration,
  };
}
