import type { Bucket } from "@aws-sdk/client-s3";
import type { PublicAccessBlockConfiguration } from "@aws-sdk/client-s3-control";
import { tagsFromList, toPlain, toPlainValue } from "../core/plain";
import {
  GLOBAL_REGION,
  RESOURCE_TYPES,
  syntheticResourceIds,
  type TCollectedResource,
} from "../resource-model";

/** What the per-bucket sub-calls returned (null: not configured, or failed — see errors). */
export interface TBucketDetails {
  region: string;
  Policy: string | null;
  PolicyStatus: { IsPublic?: boolean | undefined } | null;
  Acl: { Owner?: unknown; Grants?: unknown[] | undefined } | null;
  PublicAccessBlockConfiguration: Record<string, unknown> | null;
  ServerSideEncryptionConfiguration: Record<string, unknown> | null;
  Versioning: { Status?: string | undefined; MFADelete?: string | undefined } | null;
  LoggingEnabled: Record<string, unknown> | null;
  LifecycleRules: unknown[] | null;
  TagSet: Array<{ Key?: string | undefined; Value?: string | undefined }> | null;
  collectionErrors: Record<string, string>;
}

/** S3 answers "" (or "EU") for some legacy regions in GetBucketLocation. */
export function normaliseBucketRegion(location: string | null | undefined): string {
  if (!location) return "us-east-1";
  if (location === "EU") return "eu-west-1";
  return location;
}

export function mapBucket(
  accountId: string,
  bucket: Bucket,
  details: TBucketDetails,
): TCollectedResource {
  const configuration: Record<string, unknown> = {
    ...toPlain(bucket),
    BucketRegion: details.region,
    Policy: details.Policy,
    PolicyStatus: details.PolicyStatus
      ? { IsPublic: details.PolicyStatus.IsPublic ?? false }
      : null,
    Acl: details.Acl
      ? toPlain({ Owner: details.Acl.Owner, Grants: details.Acl.Grants ?? [] })
      : null,
    PublicAccessBlockConfiguration: toPlainValue(details.PublicAccessBlockConfiguration),
    ServerSideEncryptionConfiguration: toPlainValue(details.ServerSideEncryptionConfiguration),
    Versioning: details.Versioning
      ? toPlain({ Status: details.Versioning.Status, MFADelete: details.Versioning.MFADelete })
      : null,
    LoggingEnabled: toPlainValue(details.LoggingEnabled),
    LifecycleRules: toPlainValue(details.LifecycleRules),
    TagSet: toPlainValue(details.TagSet),
  };
  if (Object.keys(details.collectionErrors).length > 0)
    configuration.CollectionErrors = { ...details.collectionErrors };
  return {
    accountId,
    region: details.region,
    service: "s3",
    resourceType: RESOURCE_TYPES.S3Bucket,
    resourceId: `arn:aws:s3:::${bucket.Name}`,
    name: bucket.Name ?? null,
    tags: tagsFromList(details.TagSet),
    configuration,
  };
}

export function mapAccountPublicAccessBlock(
  accountId: string,
  configuration: PublicAccessBlockConfiguration | null,
  collectionErrors: Record<string, string>,
): TCollectedResource {
  const config: Record<string, unknown> = {
    PublicAccessBlockConfiguration: configuration ? toPlain(configuration) : null,
  };
  if (Object.keys(collectionErrors).length > 0) config.CollectionErrors = { ...collectionErrors };
  return {
    accountId,
    region: GLOBAL_REGION,
    service: "s3",
    resourceType: RESOURCE_TYPES.S3AccountPublicAccessBlock,
    resourceId: syntheticResourceIds.s3AccountPublicAccessBlock(accountId),
    name: null,
    tags: {},
    configuration: config,
  };
}
