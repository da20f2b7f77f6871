import { classifyAwsError } from "../core/aws-errors";
import type { TCredentialBroker } from "../core/credential-broker";

export type TMemberAccessState =
  | "CONNECTED"
  | "ROLE_MISSING_OR_TRUST_DENIED"
  | "EXTERNAL_ID_NOT_ENFORCED"
  | "SCP_DENIED"
  | "SUSPENDED"
  | "ERROR";

export interface TMemberAccessResult {
  accountId: string;
  state: TMemberAccessState;
  message: string;
}

const INACTIVE_STATUSES = new Set(["SUSPENDED", "PENDING_CLOSURE", "CLOSED"]);

/**
 * Classifies an AssumeRole failure from AWS's own wording. AWS answers the same AccessDenied
 * for a missing role, a trust policy that does not name our principal and an external ID
 * mismatch (on purpose); an explicit deny from an SCP or RCP is spelled out.
 */
export function classifyAssumeRoleFailure(err: unknown): {
  state: TMemberAccessState;
  code: string;
  detail: string;
} {
  const info = classifyAwsError(err);
  const cause = (err as { cause?: unknown } | null)?.cause;
  const detail = cause ? classifyAwsError(cause).message : info.message;
  if (/explicit deny in an? (service|resource) control policy/i.test(detail)) {
    return { state: "SCP_DENIED", code: info.code, detail };
  }
  if (info.kind === "ACCESS_DENIED" && info.code === "AccessDenied") {
    return { state: "ROLE_MISSING_OR_TRUST_DENIED", code: info.code, detail };
  }
  return { state: "ERROR", code: info.code, detail };
}

/**
 * "Test connection" for one member account: assumes its role with the external ID, then once
 * without it to detect a trust policy that does not enforce the external ID.
 * `reuseCredentials` (scans): the first AssumeRole goes through the broker's cache, so the
 * collections that follow reuse its credentials; without it (Test connection) it is a fresh call.
 */
export async function testMemberAccess(opts: {
  broker: TCredentialBroker;
  roleArn: string;
  account: { accountId: string; status?: string | null };
  reuseCredentials?: boolean;
  signal?: AbortSignal;
}): Promise<TMemberAccessResult> {
  const { accountId } = opts.account;
  const status = opts.account.status?.toUpperCase();
  if (status && INACTIVE_STATUSES.has(status)) {
    return {
      accountId,
      state: "SUSPENDED",
      message: `Account is ${status} in the organization: it is not scanned.`,
    };
  }
  const signal = opts.signal ? { signal: opts.signal } : {};
  try {
    if (opts.reuseCredentials) await opts.broker.credentialsFor(opts.roleArn);
    else await opts.broker.assumeRole({ roleArn: opts.roleArn, ...signal });
  } catch (err) {
    const failure = classifyAssumeRoleFailure(err);
    const messages: Record<TMemberAccessState, string> = {
      SCP_DENIED: `AssumeRole ${opts.roleArn} is blocked by an explicit deny in a service or resource control policy. AWS said: ${failure.detail}`,
      ROLE_MISSING_OR_TRUST_DENIED: `AssumeRole ${opts.roleArn} was denied: the role does not exist, its trust policy does not allow our principal, or the external ID does not match. AWS said: ${failure.detail}`,
      ERROR: `AssumeRole ${opts.roleArn} failed: ${failure.code}: ${failure.detail}`,
      CONNECTED: "",
      EXTERNAL_ID_NOT_ENFORCED: "",
      SUSPENDED: "",
    };
    return { accountId, state: failure.state, message: messages[failure.state] };
  }
  try {
    await opts.broker.assumeRole({ roleArn: opts.roleArn, externalId: null, ...signal });
    return {
      accountId,
      state: "EXTERNAL_ID_NOT_ENFORCED",
      message: `Connected, but the trust policy of ${opts.roleArn} does not require the external ID (sts:ExternalId): AssumeRole without it succeeded (confused-deputy risk).`,
    };
  } catch {
    return {
      accountId,
      state: "CONNECTED",
      message: `Connected: AssumeRole ${opts.roleArn} succeeded with the external ID.`,
    };
  }
}
