import { analyzeResourcePolicyExposure, matchAction, type TResourcePolicyExposure } from "@guardrail/iam";
import type { TCollectedResource } from "@guardrail/collectors";
import type { TRuleContext } from "../context";
import { unable, type TRuleVerdict } from "../rule";
import { checkDataAvailable, collectionErrorsOf } from "./guard";
import { asRecord, asRecords, asString } from "./values";

export const PUBLIC_ACCESS_BLOCK_FLAGS = [
  "BlockPublicAcls",
  "IgnorePublicAcls",
  "BlockPublicPolicy",
  "RestrictPublicBuckets",
] as const;
export type TPublicAccessBlockFlag = (typeof PUBLIC_ACCESS_BLOCK_FLAGS)[number];
export type TPublicAccessBlock = Record<TPublicAccessBlockFlag, boolean>;

export const ALL_USERS_URI = "http://acs.amazonaws.com/groups/global/AllUsers";
export const AUTHENTICATED_USERS_URI = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";

export function readPublicAccessBlock(value: unknown): TPublicAccessBlock {
  const cfg = asRecord(value);
  return {
    BlockPublicAcls: cfg?.BlockPublicAcls === true,
    IgnorePublicAcls: cfg?.IgnorePublicAcls === true,
    BlockPublicPolicy: cfg?.BlockPublicPolicy === true,
    RestrictPublicBuckets: cfg?.RestrictPublicBuckets === true,
  };
}

export function isFullyBlocked(block: TPublicAccessBlock): boolean {
  return PUBLIC_ACCESS_BLOCK_FLAGS.every((f) => block[f]);
}

/** The account-level block of a bucket's owner, or an UNABLE verdict when it was not collected. */
export function readAccountPublicAccessBlock(
  accountId: string,
  ctx: TRuleContext,
): { block: TPublicAccessBlock; configured: boolean } | TRuleVerdict {
  const resource = ctx.get(`arn:aws:s3:::account/${accountId}`);
  if (!resource) {
    return unable("The account-level S3 Block Public Access setting was not collected", {
      accountPublicAccessBlock: "NOT_COLLECTED",
    });
  }
  const errors = collectionErrorsOf(resource);
  if (errors.GetPublicAccessBlock) {
    return unable("Could not read the account-level S3 Block Public Access setting", {
      CollectionErrors: { GetPublicAccessBlock: errors.GetPublicAccessBlock },
    });
  }
  const raw = resource.configuration.PublicAccessBlockConfiguration;
  return { block: readPublicAccessBlock(raw), configured: asRecord(raw) !== null };
}

export function isVerdictLike(value: unknown): value is TRuleVerdict {
  return typeof value === "object" && value !== null && "status" in value && "message" in value;
}

export interface TBucketExposure {
  effectiveBlock: TPublicAccessBlock;
  bucketBlock: TPublicAccessBlock;
  accountBlock: TPublicAccessBlock;
  policy: TResourcePolicyExposure | null;
  policyStatusIsPublic: boolean | null;
  publicAclGrants: { grantee: string; permission: string }[];
}

const READ_ACTIONS = ["s3:GetObject", "s3:ListBucket", "s3:GetObjectVersion"];
const WRITE_ACTIONS = ["s3:PutObject", "s3:DeleteObject", "s3:PutObjectAcl", "s3:PutBucketPolicy", "s3:DeleteBucket"];

/**
 * How AWS decides that a bucket is public: a policy statement granting "*" without a restricting
 * condition (unless RestrictPublicBuckets), or an ACL grant to AllUsers/AuthenticatedUsers (unless
 * IgnorePublicAcls) — with the bucket's and the account's Block Public Access both applied.
 */
export function analyzeBucketExposure(bucket: TCollectedResource, ctx: TRuleContext): TBucketExposure | TRuleVerdict {
  return ctx.memoFor("bucket-exposure", bucket, () => {
    const missing = checkDataAvailable(bucket, ctx, {
      operations: ["GetBucketPolicy", "GetBucketAcl", "GetPublicAccessBlock"],
    });
    if (missing) return missing;
    const bucketBlock = readPublicAccessBlock(bucket.configuration.PublicAccessBlockConfiguration);
    let accountBlock = readPublicAccessBlock(null);
    if (!isFullyBlocked(bucketBlock)) {
      const account = readAccountPublicAccessBlock(bucket.accountId, ctx);
      if (isVerdictLike(account)) return account;
      accountBlock = account.block;
    }
    const effectiveBlock = {} as TPublicAccessBlock;
    for (const f of PUBLIC_ACCESS_BLOCK_FLAGS) effectiveBlock[f] = bucketBlock[f] || accountBlock[f];
    const policyText = bucket.configuration.Policy;
    const policy =
      typeof policyText === "string" && policyText.trim() !== ""
        ? analyzeResourcePolicyExposure(policyText, { accountId: bucket.accountId })
        : null;
    const policyStatus = asRecord(bucket.configuration.PolicyStatus);
    const publicAclGrants = asRecords(asRecord(bucket.configuration.Acl)?.Grants)
      .map((g) => ({ grantee: asString(asRecord(g.Grantee)?.URI) ?? "", permission: asString(g.Permission) ?? "" }))
      .filter((g) => g.grantee === ALL_USERS_URI || g.grantee === AUTHENTICATED_USERS_URI);
    return {
      effectiveBlock,
      bucketBlock,
      accountBlock,
      policy,
      policyStatusIsPublic: typeof policyStatus?.IsPublic === "boolean" ? policyStatus.IsPublic : null,
      publicAclGrants,
    };
  });
}

function statementGrants(actions: string[], targets: readonly string[]): boolean {
  return actions.some((a) => a.startsWith("NotAction:") || targets.some((t) => matchAction(a, t)));
}

/** Public grants (policy statements and ACL grants) that are effective for `access`. */
export function listEffectivePublicGrants(
  exposure: TBucketExposure,
  access: "read" | "write",
): { via: "policy" | "acl"; detail: Record<string, unknown> }[] {
  const out: { via: "policy" | "acl"; detail: Record<string, unknown> }[] = [];
  const targets = access === "read" ? READ_ACTIONS : WRITE_ACTIONS;
  if (!exposure.effectiveBlock.RestrictPublicBuckets) {
    for (const s of exposure.policy?.publicStatements ?? []) {
      if (statementGrants(s.actions, targets)) out.push({ via: "policy", detail: { Sid: s.sid ?? null, actions: s.actions } });
    }
    if (access === "read" && out.length === 0 && exposure.policyStatusIsPublic === true) {
      out.push({ via: "policy", detail: { "PolicyStatus.IsPublic": true } });
    }
  }
  if (!exposure.effectiveBlock.IgnorePublicAcls) {
    const permissions = access === "read" ? ["READ", "FULL_CONTROL"] : ["WRITE", "WRITE_ACP", "FULL_CONTROL"];
    for (const g of exposure.publicAclGrants) {
      if (permissions.includes(g.permission)) out.push({ via: "acl", detail: { Grantee: g.grantee, Permission: g.permission } });
    }
  }
  return out;
}
