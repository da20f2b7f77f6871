/** STS: AssumeRole (trust policies enforced) and GetCallerIdentity. */
import { evaluateTrustPolicy } from "../auth/trust-policy";
import { SandboxError } from "../server/sandbox-error";
import { readNumber, readString, requireString, type THandler, type TRequestContext } from "../server/request-context";

function assumeRole(ctx: TRequestContext): Record<string, unknown> {
  const roleArn = requireString(ctx, "RoleArn");
  const sessionName = requireString(ctx, "RoleSessionName");
  if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
    throw new SandboxError("ValidationError", `1 validation error detected: Value '${sessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`);
  }
  const externalId = readString(ctx, "ExternalId");
  const denied = new SandboxError("AccessDenied", `User: ${ctx.principal.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
  const target = ctx.state.loaded.rolesByArn.get(roleArn);
  if (!target || (target.account.Status !== undefined && target.account.Status !== "ACTIVE")) throw denied;
  const allowed = evaluateTrustPolicy(target.role.AssumeRolePolicyDocument, {
    arn: ctx.principal.arn,
    accountId: ctx.principal.accountId,
    externalId,
    ...(ctx.principal.roleArn ? { roleArn: ctx.principal.roleArn } : {}),
  });
  if (!allowed) throw denied;
  const maxDuration = typeof target.role.MaxSessionDuration === "number" ? target.role.MaxSessionDuration : 3600;
  const duration = readNumber(ctx, "DurationSeconds") ?? 3600;
  if (duration < 900 || duration > maxDuration) {
    throw new SandboxError(
      "ValidationError",
      duration < 900
        ? `1 validation error detected: Value '${duration}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900`
        : `The requested DurationSeconds exceeds the MaxSessionDuration set for this role.`,
    );
  }
  const roleName = roleArn.slice(roleArn.lastIndexOf("/") + 1);
  const roleId = typeof target.role.RoleId === "string" ? target.role.RoleId : `AROA${target.account.Id}`;
  const assumedRoleArn = `arn:aws:sts::${target.account.Id}:assumed-role/${roleName}/${sessionName}`;
  const session = ctx.state.sessions.issue({
    accountId: target.account.Id,
    roleArn,
    roleId,
    sessionName,
    assumedRoleArn,
    expiresAt: ctx.state.clock() + duration * 1000,
  });
  return {
    Credentials: {
      AccessKeyId: session.accessKeyId,
      SecretAccessKey: session.secretAccessKey,
      SessionToken: session.sessionToken,
      Expiration: new Date(session.expiresAt).toISOString(),
    },
    AssumedRoleUser: { AssumedRoleId: `${roleId}:${sessionName}`, Arn: assumedRoleArn },
    PackedPolicySize: 0,
  };
}

function getCallerIdentity(ctx: TRequestContext): Record<string, unknown> {
  return { UserId: ctx.principal.userId, Account: ctx.principal.accountId, Arn: ctx.principal.arn };
}

export const STS_HANDLERS: Record<string, THandler> = {
  AssumeRole: assumeRole,
  GetCallerIdentity: getCallerIdentity,
};
