import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import { fromNodeProviderChain } from "@aws-sdk/credential-providers";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { classifyAwsError } from "./aws-errors";

/** AWS credentials (structurally the SDK's `AwsCredentialIdentity`). */
export interface TAwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

/** A credentials provider (structurally the SDK's `AwsCredentialIdentityProvider`). */
export type TAwsCredentialProvider = () => Promise<TAwsCredentials>;

/** Credentials are renewed this long before they expire. */
export const CREDENTIAL_REFRESH_MARGIN_MS = 5 * 60 * 1000;

export interface TAssumeRoleInput {
  roleArn: string;
  /** `undefined` sends the broker's external ID; `null` sends none (used to probe trust policies). */
  externalId?: string | null;
  signal?: AbortSignal;
}

/** An AssumeRole failure; `Code` carries AWS's error code so `classifyAwsError` reads it. */
export class AssumeRoleError extends Error {
  readonly Code: string;
  readonly roleArn: string;
  constructor(roleArn: string, code: string, message: string, options?: { cause?: unknown }) {
    super(`AssumeRole ${roleArn} failed: ${code}: ${message}`, options);
    this.name = "AssumeRoleError";
    this.Code = code;
    this.roleArn = roleArn;
  }
}

export interface TCredentialBroker {
  readonly externalId: string;
  /** Cached AssumeRole credentials for the role, renewed 5 minutes before they expire. */
  credentialsFor(roleArn: string): Promise<TAwsCredentials>;
  /** A provider for an SDK client's `credentials` option, backed by the cache. */
  providerFor(roleArn: string): TAwsCredentialProvider;
  /** One uncached AssumeRole call (test connection); throws `AssumeRoleError`. */
  assumeRole(input: TAssumeRoleInput): Promise<TAwsCredentials>;
  /** Drops the cached credentials of a role (e.g. after the role was recreated). */
  invalidate(roleArn: string): void;
  stats(): { assumeRoleCalls: number; cacheHits: number };
}

export interface TCredentialBrokerOptions {
  /** The vendor principal's credentials; default: the SDK's standard chain (`fromNodeProviderChain()`). */
  vendorCredentials?: TAwsCredentialProvider;
  /** STS endpoint; default: the SDK's own `AWS_ENDPOINT_URL` handling. */
  endpoint?: string;
  externalId: string;
  sessionName?: string;
  /** STS region (default us-east-1). */
  region?: string;
  durationSeconds?: number;
  /** Per-attempt timeout of STS calls, default 10 s. */
  requestTimeoutMs?: number;
  /** Injectable clock for tests. */
  now?: () => number;
}

interface TCacheEntry {
  promise: Promise<TAwsCredentials>;
  expiresAt: number | null;
}

export function createCredentialBroker(opts: TCredentialBrokerOptions): TCredentialBroker {
  const now = opts.now ?? Date.now;
  const sessionName = opts.sessionName ?? "guardrail-scan";
  const sts = new STSClient({
    region: opts.region ?? "us-east-1",
    credentials: opts.vendorCredentials ?? fromNodeProviderChain(),
    ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
    maxAttempts: 5,
    retryMode: "adaptive",
    requestHandler: new NodeHttpHandler({
      connectionTimeout: 5_000,
      requestTimeout: opts.requestTimeoutMs ?? 10_000,
      throwOnRequestTimeout: true,
    }),
  });
  const cache = new Map<string, TCacheEntry>();
  const counters = { assumeRoleCalls: 0, cacheHits: 0 };

  const assumeRole = async (input: TAssumeRoleInput): Promise<TAwsCredentials> => {
    const externalId = input.externalId === undefined ? opts.externalId : input.externalId;
    counters.assumeRoleCalls++;
    try {
      const out = await sts.send(
        new AssumeRoleCommand({
          RoleArn: input.roleArn,
          RoleSessionName: sessionName,
          ...(externalId === null ? {} : { ExternalId: externalId }),
          ...(opts.durationSeconds ? { DurationSeconds: opts.durationSeconds } : {}),
        }),
        input.signal ? { abortSignal: input.signal } : {},
      );
      const creds = out.Credentials;
      if (!creds?.AccessKeyId || !creds.SecretAccessKey) {
        throw new AssumeRoleError(input.roleArn, "InvalidResponse", "STS returned no credentials");
      }
      return {
        accessKeyId: creds.AccessKeyId,
        secretAccessKey: creds.SecretAccessKey,
        ...(creds.SessionToken ? { sessionToken: creds.SessionToken } : {}),
        ...(creds.Expiration ? { expiration: new Date(creds.Expiration) } : {}),
      };
    } catch (err) {
      if (err instanceof AssumeRoleError) throw err;
      const info = classifyAwsError(err);
      throw new AssumeRoleError(input.roleArn, info.code, info.message, { cause: err });
    }
  };

  const credentialsFor = (roleArn: string): Promise<TAwsCredentials> => {
    const cached = cache.get(roleArn);
    if (
      cached &&
      (cached.expiresAt === null || cached.expiresAt - CREDENTIAL_REFRESH_MARGIN_MS > now())
    ) {
      counters.cacheHits++;
      return cached.promise;
    }
    const entry: TCacheEntry = { promise: assumeRole({ roleArn }), expiresAt: null };
    cache.set(roleArn, entry);
    entry.promise.then(
      (creds) => {
        // Credentials without an expiration are kept for an hour.
        entry.expiresAt = creds.expiration ? creds.expiration.getTime() : now() + 60 * 60 * 1000;
      },
      () => {
        if (cache.get(roleArn) === entry) cache.delete(roleArn);
      },
    );
    return entry.promise;
  };

  return {
    externalId: opts.externalId,
    credentialsFor,
    providerFor: (roleArn) => () => credentialsFor(roleArn),
    assumeRole,
    invalidate: (roleArn) => void cache.delete(roleArn),
    stats: () => ({ ...counters }),
  };
}
