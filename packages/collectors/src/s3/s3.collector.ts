import {
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketLocationCommand,
  GetBucketLoggingCommand,
  GetBucketPolicyCommand,
  GetBucketPolicyStatusCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  paginateListBuckets,
  type Bucket,
} from "@aws-sdk/client-s3";
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand } from "@aws-sdk/client-s3-control";
import type { TClientFactory } from "../core/client-factory";
import { collectPages, createSubCallRecorder, defineCollector } from "../core/collector";
import { mapWithConcurrency } from "../core/concurrency";
import { GLOBAL_REGION, RESOURCE_TYPES, type TCollectionError } from "../resource-model";
import {
  mapAccountPublicAccessBlock,
  mapBucket,
  normaliseBucketRegion,
  type TBucketDetails,
} from "./s3.mapper";

/** Buckets whose configuration is read at the same time (each bucket makes 9 calls in parallel). */
const BUCKET_CONCURRENCY = 4;

async function describeBucket(
  clients: TClientFactory,
  accountId: string,
  bucket: Bucket,
  errors: TCollectionError[],
  signal: AbortSignal,
): Promise<TBucketDetails> {
  const name = bucket.Name as string;
  const send = { abortSignal: signal };
  const calls = createSubCallRecorder(`arn:aws:s3:::${name}`, errors);
  let region = bucket.BucketRegion;
  if (!region) {
    const location = await calls.call("GetBucketLocation", () =>
      clients
        .get("s3", { accountId, region: GLOBAL_REGION })
        .send(new GetBucketLocationCommand({ Bucket: name }), send),
    );
    region = normaliseBucketRegion(location?.LocationConstraint);
  }
  const s3 = clients.get("s3", { accountId, region });
  const input = { Bucket: name };
  const [policy, policyStatus, acl, pab, encryption, versioning, logging, lifecycle, tagging] =
    await Promise.all([
      calls.call("GetBucketPolicy", () => s3.send(new GetBucketPolicyCommand(input), send)),
      calls.call("GetBucketPolicyStatus", () =>
        s3.send(new GetBucketPolicyStatusCommand(input), send),
      ),
      calls.call("GetBucketAcl", () => s3.send(new GetBucketAclCommand(input), send)),
      calls.call("GetPublicAccessBlock", () =>
        s3.send(new GetPublicAccessBlockCommand(input), send),
      ),
      calls.call(
        "GetBucketEncryption",
        () => s3.send(new GetBucketEncryptionCommand(input), send),
        {
          nullOn: ["ServerSideEncryptionConfigurationNotFoundError"],
        },
      ),
      calls.call("GetBucketVersioning", () => s3.send(new GetBucketVersioningCommand(input), send)),
      calls.call("GetBucketLogging", () => s3.send(new GetBucketLoggingCommand(input), send)),
      calls.call("GetBucketLifecycleConfiguration", () =>
        s3.send(new GetBucketLifecycleConfigurationCommand(input), send),
      ),
      calls.call("GetBucketTagging", () => s3.send(new GetBucketTaggingCommand(input), send)),
    ]);
  return {
    region,
    Policy: policy?.Policy ?? null,
    PolicyStatus: policyStatus?.PolicyStatus ?? null,
    Acl: acl ? { Owner: acl.Owner, Grants: acl.Grants } : null,
    PublicAccessBlockConfiguration:
      (pab?.PublicAccessBlockConfiguration as Record<string, unknown> | undefined) ?? null,
    ServerSideEncryptionConfiguration:
      (encryption?.ServerSideEncryptionConfiguration as Record<string, unknown> | undefined) ??
      null,
    Versioning: versioning ? { Status: versioning.Status, MFADelete: versioning.MFADelete } : null,
    LoggingEnabled: (logging?.LoggingEnabled as Record<string, unknown> | undefined) ?? null,
    LifecycleRules: lifecycle?.Rules ?? null,
    TagSet: tagging?.TagSet ?? null,
    collectionErrors: calls.errors,
  };
}

export const s3Collector = defineCollector({
  key: "s3",
  global: true,
  resourceTypes: [RESOURCE_TYPES.S3AccountPublicAccessBlock, RESOURCE_TYPES.S3Bucket],
  async collect({ clients, accountId, signal }) {
    const send = { abortSignal: signal };
    const s3 = clients.get("s3", { accountId, region: GLOBAL_REGION });
    const buckets = await collectPages(
      "ListBuckets",
      paginateListBuckets({ client: s3, pageSize: 1000 }, {}, send),
      (page) => page.Buckets,
    );
    const errors: TCollectionError[] = [];
    const accountCalls = createSubCallRecorder(`s3 account ${accountId}`, errors);
    const accountBlock = await accountCalls.call("GetPublicAccessBlock", () =>
      clients
        .get("s3control", { accountId, region: GLOBAL_REGION })
        .send(new GetAccountPublicAccessBlockCommand({ AccountId: accountId }), send),
    );
    const named = buckets.filter((b) => b.Name);
    const details = await mapWithConcurrency(named, BUCKET_CONCURRENCY, (bucket) =>
      describeBucket(clients, accountId, bucket, errors, signal),
    );
    const resources = [
      mapAccountPublicAccessBlock(
        accountId,
        accountBlock?.PublicAccessBlockConfiguration ?? null,
        accountCalls.errors,
      ),
      ...named.map((bucket, index) =>
        mapBucket(accountId, bucket, details[index] as TBucketDetails),
      ),
    ];
    return { resources, errors };
  },
});
