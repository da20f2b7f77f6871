import type { TServiceKey } from "../resource-model";

export interface TRateLimitKey {
  accountId: string;
  region: string;
  service: TServiceKey;
}

/**
 * The politeness budget: called before every HTTP attempt. The worker plugs a Redis token
 * bucket shared by every process, the CLI the in-memory one below.
 */
export interface TRateLimiter {
  acquire(key: TRateLimitKey): Promise<void>;
}

export type TRateTable = Partial<Record<TServiceKey, number>> & { default: number };

export interface TInMemoryRateLimiterOptions {
  /** Sustained requests per second per (account, region, service); `default` for unlisted services. */
  perSecond: TRateTable;
  /** Bucket size per service (defaults to the service's perSecond, at least 1). */
  burst?: Partial<Record<TServiceKey | "default", number>>;
  /** Injectable clock and sleep for tests. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

interface TBucket {
  tokens: number;
  updatedAt: number;
}

function sleepFor(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * A token bucket per (account, region, service). Callers reserve a token (the balance may go
 * negative) and wait until it has been refilled, so waiters are served in arrival order.
 */
export function createInMemoryRateLimiter(opts: TInMemoryRateLimiterOptions): TRateLimiter {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? sleepFor;
  const buckets = new Map<string, TBucket>();

  const rateFor = (service: TServiceKey): number => {
    const rate = opts.perSecond[service] ?? opts.perSecond.default;
    if (!(rate > 0))
      throw new Error(`Rate limit for ${service} must be a positive number, got ${rate}`);
    return rate;
  };
  const burstFor = (service: TServiceKey, rate: number): number =>
    Math.max(1, opts.burst?.[service] ?? opts.burst?.default ?? rate);

  return {
    async acquire(key) {
      const rate = rateFor(key.service);
      const burst = burstFor(key.service, rate);
      const id = `${key.accountId}|${key.region}|${key.service}`;
      const at = now();
      const bucket = buckets.get(id) ?? { tokens: burst, updatedAt: at };
      bucket.tokens = Math.min(burst, bucket.tokens + ((at - bucket.updatedAt) / 1000) * rate);
      bucket.updatedAt = at;
      bucket.tokens -= 1;
      buckets.set(id, bucket);
      if (bucket.tokens >= 0) return;
      await sleep((-bucket.tokens / rate) * 1000);
    },
  };
}

/** A limiter that never waits (tests, or when AWS's own throttling is the only budget). */
export function createUnlimitedRateLimiter(): TRateLimiter {
  return { acquire: async () => undefined };
}

/**
 * Default politeness budget (requests per second per account, region and service): about a
 * third of AWS's documented or observed sustained rates, so a scan never starves the
 * customer's own automation. EC2's Describe bucket refills at 20/s: we take 6.
 */
export const DEFAULT_POLITENESS_PER_SECOND: TRateTable = {
  default: 5,
  ec2: 6,
  iam: 5,
  organizations: 3,
  s3: 30,
  lambda: 5,
  eks: 3,
  sqs: 10,
  sns: 10,
  rds: 5,
  cloudtrail: 3,
  kms: 10,
  guardduty: 3,
  config: 3,
  accessanalyzer: 3,
  route53: 1.5,
};
