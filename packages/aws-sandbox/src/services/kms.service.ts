/** KMS: keys, their metadata, rotation status and key policy. */
import { SandboxError } from "../server/sandbox-error";
import { findByKey, getRegionBlock, paginate, readNumber, readString, requireString, type THandler, type TRequestContext } from "../server/request-context";

type TKey = { KeyMetadata: Record<string, unknown>; KeyRotationEnabled?: boolean; Policy?: string };

function keyArn(ctx: TRequestContext, key: TKey): string {
  const arn = key.KeyMetadata.Arn;
  return typeof arn === "string" ? arn : `arn:aws:kms:${ctx.region}:${ctx.accountId}:key/${String(key.KeyMetadata.KeyId)}`;
}

function findKey(ctx: TRequestContext): TKey {
  const id = requireString(ctx, "KeyId", "ValidationException");
  const key = findByKey(getRegionBlock(ctx).kms?.Keys ?? [], "id-or-arn", (k) => [k.KeyMetadata.KeyId, keyArn(ctx, k)], id);
  if (!key) throw new SandboxError("NotFoundException", `Key '${id.startsWith("arn:") ? id : `arn:aws:kms:${ctx.region}:${ctx.accountId}:key/${id}`}' does not exist`);
  return key;
}

export const KMS_HANDLERS: Record<string, THandler> = {
  ListKeys(ctx) {
    const keys = (getRegionBlock(ctx).kms?.Keys ?? []).map((k) => ({ KeyId: k.KeyMetadata.KeyId, KeyArn: keyArn(ctx, k) }));
    const page = paginate(ctx, keys, { token: readString(ctx, "Marker"), max: readNumber(ctx, "Limit"), defaultMax: 100, invalidTokenCode: "InvalidMarkerException" });
    return { Keys: page.items, Truncated: page.next !== undefined, NextMarker: page.next };
  },
  DescribeKey(ctx) {
    const key = findKey(ctx);
    return { KeyMetadata: { AWSAccountId: ctx.accountId, ...key.KeyMetadata, Arn: keyArn(ctx, key) } };
  },
  GetKeyRotationStatus(ctx) {
    const key = findKey(ctx);
    return { KeyRotationEnabled: key.KeyRotationEnabled ?? false, KeyId: keyArn(ctx, key) };
  },
  GetKeyPolicy(ctx) {
    const key = findKey(ctx);
    const name = readString(ctx, "PolicyName") ?? "default";
    if (name !== "default") throw new SandboxError("NotFoundException", `No such policy exists: ${name}`);
    const policy =
      key.Policy ??
      JSON.stringify({
        Version: "2012-10-17",
        Id: "key-default-1",
        Statement: [{ Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ctx.accountId}:root` }, Action: "kms:*", Resource: "*" }],
      });
    return { Policy: policy, PolicyName: "default" };
  },
};
