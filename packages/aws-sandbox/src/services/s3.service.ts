/** S3 (path-style) bucket configuration reads, and S3 Control's account public access block. */
import { createHash } from "node:crypto";
import { SandboxError } from "../server/sandbox-error";
import { findByKey, paginate, readNumber, readString, requireString, type THandler, type TRequestContext } from "../server/request-context";
import type { TWorldAccount, TWorldBucket } from "../world/world.types";
import { deriveBucketPolicyStatus } from "./s3-policy-status";

/** A stable 64-hex canonical user id per account. */
export function getCanonicalUserId(accountId: string): string {
  return createHash("sha256").update(`canonical:${accountId}`).digest("hex");
}

function ownerOf(ctx: TRequestContext): { ID: string; DisplayName: string } {
  return { ID: getCanonicalUserId(ctx.accountId), DisplayName: String(ctx.account?.Name ?? ctx.accountId) };
}

function findBucket(ctx: TRequestContext): TWorldBucket {
  const name = requireString(ctx, "Bucket");
  const own = findByKey(ctx.account?.s3?.Buckets ?? [], "name", (bucket) => [bucket.Name], name);
  if (own) return own;
  const everyBucket = ctx.state.loaded.world.accounts as readonly TWorldAccount[];
  if (findByKey(everyBucket, "bucket-names", (account) => (account.s3?.Buckets ?? []).map((bucket) => bucket.Name), name)) {
    throw new SandboxError("AccessDenied", "Access Denied");
  }
  throw new SandboxError("NoSuchBucket", "The specified bucket does not exist");
}

export const S3_HANDLERS: Record<string, THandler> = {
  ListBuckets(ctx) {
    const prefix = readString(ctx, "Prefix");
    const buckets = (ctx.account?.s3?.Buckets ?? []).filter((bucket) => !prefix || bucket.Name.startsWith(prefix));
    const page = paginate(ctx, buckets, { token: readString(ctx, "ContinuationToken"), max: readNumber(ctx, "MaxBuckets"), defaultMax: 10_000, invalidTokenCode: "InvalidArgument" });
    return {
      Buckets: page.items.map((bucket) => ({ Name: bucket.Name, CreationDate: bucket.CreationDate, BucketRegion: bucket.BucketRegion ?? "us-east-1", BucketArn: `arn:aws:s3:::${bucket.Name}` })),
      Owner: ownerOf(ctx),
      ContinuationToken: page.next,
      Prefix: prefix,
    };
  },
  GetBucketLocation(ctx) {
    const region = findBucket(ctx).BucketRegion ?? "us-east-1";
    return { LocationConstraint: region === "us-east-1" ? undefined : region };
  },
  GetBucketPolicy(ctx) {
    const bucket = findBucket(ctx);
    if (!bucket.Policy) throw new SandboxError("NoSuchBucketPolicy", "The bucket policy does not exist");
    return { Policy: bucket.Policy };
  },
  GetBucketPolicyStatus(ctx) {
    const bucket = findBucket(ctx);
    if (!bucket.Policy) throw new SandboxError("NoSuchBucketPolicy", "The bucket policy does not exist");
    const isPublic = deriveBucketPolicyStatus(bucket.Policy, [bucket.PublicAccessBlockConfiguration, ctx.account?.s3?.AccountPublicAccessBlock]);
    return { PolicyStatus: { IsPublic: isPublic } };
  },
  GetBucketAcl(ctx) {
    const bucket = findBucket(ctx);
    const owner = ownerOf(ctx);
    const acl = bucket.Acl ?? { Owner: owner, Grants: [{ Grantee: { ...owner, Type: "CanonicalUser" }, Permission: "FULL_CONTROL" }] };
    return { Owner: acl.Owner ?? owner, Grants: acl.Grants ?? [] };
  },
  GetPublicAccessBlock(ctx) {
    const bucket = findBucket(ctx);
    if (!bucket.PublicAccessBlockConfiguration) {
      throw new SandboxError("NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found");
    }
    return { PublicAccessBlockConfiguration: bucket.PublicAccessBlockConfiguration };
  },
  GetBucketEncryption(ctx) {
    const bucket = findBucket(ctx);
    if (!bucket.ServerSideEncryptionConfiguration) {
      throw new SandboxError("ServerSideEncryptionConfigurationNotFoundError", "The server side encryption configuration was not found");
    }
    return { ServerSideEncryptionConfiguration: bucket.ServerSideEncryptionConfiguration };
  },
  GetBucketVersioning(ctx) {
    return { ...(findBucket(ctx).Versioning ?? {}) };
  },
  GetBucketLogging(ctx) {
    const bucket = findBucket(ctx);
    return bucket.LoggingEnabled ? { LoggingEnabled: bucket.LoggingEnabled } : {};
  },
  GetBucketLifecycleConfiguration(ctx) {
    const bucket = findBucket(ctx);
    if (!bucket.LifecycleRules || bucket.LifecycleRules.length === 0) {
      throw new SandboxError("NoSuchLifecycleConfiguration", "The lifecycle configuration does not exist");
    }
    return { Rules: bucket.LifecycleRules };
  },
  GetBucketTagging(ctx) {
    const bucket = findBucket(ctx);
    if (!bucket.TagSet || bucket.TagSet.length === 0) throw new SandboxError("NoSuchTagSet", "The TagSet does not exist");
    return { TagSet: bucket.TagSet };
  },
};

export const S3CONTROL_HANDLERS: Record<string, THandler> = {
  GetPublicAccessBlock(ctx) {
    const accountId = readString(ctx, "AccountId") ?? ctx.accountId;
    if (accountId !== ctx.accountId) throw new SandboxError("AccessDenied", "Access Denied");
    const block = ctx.account?.s3?.AccountPublicAccessBlock;
    if (!block) throw new SandboxError("NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found", 404);
    return { PublicAccessBlockConfiguration: block };
  },
};
