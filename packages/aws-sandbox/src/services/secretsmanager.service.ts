/**
 * Secrets Manager (JSON 1.1): ListSecrets and GetResourcePolicy. The world holds ListSecrets
 * `SecretListEntry` elements plus an optional `ResourcePolicy` (JSON string). Secret values
 * are not part of the world and GetSecretValue is not served.
 */
import { SandboxError } from "../server/sandbox-error";
import { findByKey, getRegionBlock, paginate, readNumber, readString, requireString, type THandler } from "../server/request-context";

export const SECRETSMANAGER_HANDLERS: Record<string, THandler> = {
  ListSecrets(ctx) {
    const includeDeleted = ctx.input.IncludePlannedDeletion === true;
    const secrets = (getRegionBlock(ctx).secretsmanager?.Secrets ?? [])
      .filter((s) => includeDeleted || s.DeletedDate === undefined)
      .map(({ ResourcePolicy: _policy, ...entry }) => entry);
    const page = paginate(ctx, secrets, { token: readString(ctx, "NextToken"), max: readNumber(ctx, "MaxResults"), defaultMax: 100, invalidTokenCode: "InvalidNextTokenException" });
    return { SecretList: page.items, NextToken: page.next };
  },
  GetResourcePolicy(ctx) {
    const id = requireString(ctx, "SecretId", "InvalidParameterException");
    const secret = findByKey(getRegionBlock(ctx).secretsmanager?.Secrets ?? [], "arn-or-name", (s) => [s.ARN, s.Name], id);
    if (!secret) throw new SandboxError("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
    return { ARN: secret.ARN, Name: secret.Name, ...(typeof secret.ResourcePolicy === "string" ? { ResourcePolicy: secret.ResourcePolicy } : {}) };
  },
};
