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

/** A token bucket: sustained calls per second and the calls that may go out at once. */
export interface TRateBudget {
  perSecond: number;
  burst: number;
}

/** Budgets per service key; `default` serves services without their own entry. */
export type TRateBudgets = Record<string, TRateBudget> & { default: TRateBudget };
export type TRateBudgetOverrides = Record<string, Partial<TRateBudget>>;

/**
 * The one politeness table (the worker's Redis buckets and the CLI's in-memory ones both read
 * it): per (customer account, region, service), at most a third of AWS's documented or
 * observed sustained rates, so a scan never starves the customer's own automation. AWS's EC2
 * "Describe*" bucket holds 100 tokens and refills 20/s per account and region: we take 20/3
 * per second with a bucket of 33.
 */
export const DEFAULT_POLITENESS_BUDGETS: Readonly<TRateBudgets> = Object.freeze({
  default: { perSecond: 5, burst: 10 },
  ec2: { perSecond: 20 / 3, burst: 33 },
  iam: { perSecond: 5, burst: 10 },
  organizations: { perSecond: 10 / 3, burst: 6 },
  s3: { perSecond: 30, burst: 30 },
  lambda: { perSecond: 5, burst: 10 },
  eks: { perSecond: 3, burst: 5 },
  sqs: { perSecond: 10, burst: 20 },
  sns: { perSecond: 5, burst: 10 },
  rds: { perSecond: 5, burst: 10 },
  cloudtrail: { perSecond: 3, burst: 5 },
  kms: { perSecond: 10, burst: 20 },
  guardduty: { perSecond: 3, burst: 5 },
  config: { perSecond: 3, burst: 5 },
  accessanalyzer: { perSecond: 3, burst: 5 },
  route53: { perSecond: 1.5, burst: 3 },
  ecs: { perSecond: 5, burst: 10 },
  secretsmanager: { perSecond: 5, burst: 10 },
});

/**
 * The budget of one service: its entry in `defaults` (or `defaults.default`), with `overrides`
 * on top (`overrides.default` applies only to services without an entry of their own).
 */
export function resolveRateBudget(
  service: string,
  overrides: TRateBudgetOverrides = {},
  defaults: Readonly<TRateBudgets> = DEFAULT_POLITENESS_BUDGETS,
): TRateBudget {
  const own = defaults[service];
  const base = own ?? { ...defaults.default, ...overrides.default };
  const { perSecond, burst } = { ...base, ...overrides[service] };
  if (!(perSecond > 0))
    throw new Error(`rate budget for ${service}: perSecond must be a positive number, got ${perSecond}`);
  if (!(burst >= 1))
    throw new Error(`rate budget for ${service}: burst must be >= 1, got ${burst}`);
  return { perSecond, burst };
}

export interface TInMemoryRateLimiterOptions {
  /** Overrides per service, over `defaults`. */
  budgets?: TRateBudgetOverrides;
  /** The table (default `DEFAULT_POLITENESS_BUDGETS`). */
  defaults?: TRateBudgets;
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
export function createInMemoryRateLimiter(opts: TInMemoryRateLimiterOptions = {}): TRateLimiter {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? sleepFor;
  const buckets = new Map<string, TBucket>();
  const budgets = new Map<string, TRateBudget>();
  const budgetFor = (service: string) => {
    let budget = budgets.get(service);
    if (!budget) {
      budget = resolveRateBudget(service, opts.budgets, opts.defaults);
      budgets.set(service, budget);
    }
    return budget;
  };

  return {
    async acquire(key) {
      const { perSecond: rate, burst } = budgetFor(key.service);
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
