import {
  classifyAwsError,
  createClientFactory,
  createCredentialBroker,
  discoverOrganization,
  findCollector,
  planScan,
  runCollector,
  testMemberAccess,
  type TClientFactory,
  type TCollectionResult,
  type TCredentialBroker,
  type TLogger,
  type TMemberAccessResult,
  type TOrganizationDiscovery,
  type TPlanScanOptions,
  type TRateLimiter,
  type TScanPlan,
  type TServiceKey,
} from "@guardrail/collectors";

/** Credentials of our own AWS identity (the vendor principal); default: the SDK's standard chain. */
export type TVendorCredentials = () => Promise<{
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}>;

export interface TConnectionRoles {
  /** Set by the processors' cache; not part of the roles' identity. */
  connectionId?: string;
  externalId: string;
  managementRoleArn: string;
  memberRoleName: string;
}

/** Everything the processors need from AWS for one connection (the seam tests could replace). */
export interface TConnectionAws {
  /** The organization through the management role; `accountTags: false` skips the per-account tag calls. */
  discover(opts?: { accountTags?: boolean; signal?: AbortSignal }): Promise<TOrganizationDiscovery>;
  /** A fresh AssumeRole check of one member account (Test connection). */
  testAccess(
    account: { accountId: string; status: string | null },
    signal?: AbortSignal,
  ): Promise<TMemberAccessResult>;
  /** The shared scan planner (`planScan`) over this connection's roles. */
  plan(
    opts: Pick<TPlanScanOptions, "accounts" | "regionScope" | "concurrency" | "signal" | "onAccount" | "onPlanned">,
  ): Promise<TScanPlan>;
  collect(
    task: { accountId: string; region: string; service: string },
    opts: { signal?: AbortSignal; log?: TLogger },
  ): Promise<TCollectionResult>;
}

export interface TAwsAccess {
  forConnection(roles: TConnectionRoles): TConnectionAws;
  stats(): { apiCalls: number; assumeRoleCalls: number };
  close(): void;
}

const MANAGEMENT = "management";

/**
 * One credential broker and one client factory per connection (external ID + roles), kept for
 * the life of the process: assumed-role credentials are reused until close to expiry and SDK
 * clients (adaptive retries, politeness middleware) are reused per (account, region, service).
 */
export function createAwsAccess(opts: {
  rateLimiter: TRateLimiter;
  endpoint?: string;
  vendorCredentials?: TVendorCredentials;
}): TAwsAccess {
  const cache = new Map<
    string,
    { broker: TCredentialBroker; clients: TClientFactory; aws: TConnectionAws }
  >();
  const build = (roles: TConnectionRoles) => {
    const broker = createCredentialBroker({
      externalId: roles.externalId,
      ...(opts.vendorCredentials ? { vendorCredentials: opts.vendorCredentials } : {}),
      ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
    });
    const memberRoleArn = (accountId: string) =>
      `arn:aws:iam::${accountId}:role/${roles.memberRoleName}`;
    const clients = createClientFactory({
      broker,
      rateLimiter: opts.rateLimiter,
      roleArnFor: (accountId) =>
        accountId === MANAGEMENT ? roles.managementRoleArn : memberRoleArn(accountId),
      ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
    });
    const aws: TConnectionAws = {
      discover: (o) =>
        discoverOrganization({
          clients,
          ...(o?.accountTags === false ? { accountTags: false } : {}),
          ...(o?.signal ? { signal: o.signal } : {}),
        }),
      testAccess: (account, signal) =>
        testMemberAccess({
          broker,
          roleArn: memberRoleArn(account.accountId),
          account,
          ...(signal ? { signal } : {}),
        }),
      plan: (o) => planScan({ ...o, broker, clients, memberRoleArn }),
      collect: (task, o) => {
        const collector = findCollector(task.service as TServiceKey);
        if (!collector) throw new Error(`No collector for service "${task.service}"`);
        return runCollector({
          collector,
          clients,
          accountId: task.accountId,
          region: task.region,
          ...(o.signal ? { signal: o.signal } : {}),
          ...(o.log ? { log: o.log } : {}),
        });
      },
    };
    return { broker, clients, aws };
  };
  return {
    forConnection(roles) {
      const key = `${roles.externalId}|${roles.managementRoleArn}|${roles.memberRoleName}`;
      let entry = cache.get(key);
      if (!entry) {
        entry = build(roles);
        cache.set(key, entry);
      }
      return entry.aws;
    },
    stats() {
      let apiCalls = 0;
      let assumeRoleCalls = 0;
      for (const e of cache.values()) {
        apiCalls += e.clients.stats().apiCalls;
        assumeRoleCalls += e.broker.stats().assumeRoleCalls;
      }
      return { apiCalls, assumeRoleCalls };
    },
    close() {
      for (const e of cache.values()) e.clients.destroy();
      cache.clear();
    },
  };
}

/** Throttling and transient errors are worth another attempt of the job; the rest are facts. */
export function isRetryableCollection(result: TCollectionResult): boolean {
  return (
    result.status === "FAILED" &&
    result.errors.length > 0 &&
    result.errors.every((e) => {
      const kind = classifyAwsError({ name: e.code, Code: e.code, message: e.message }).kind;
      return kind === "THROTTLING" || kind === "TRANSIENT";
    })
  );
}
