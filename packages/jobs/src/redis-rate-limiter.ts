import type { Redis } from "ioredis";

/**
 * The politeness budget shared by every worker process: a token bucket in Redis per
 * (customer account, region, service). Structurally the `TRateLimiter` of
 * `@guardrail/collectors` (jobs does not depend on collectors).
 */
export interface TRateLimitKey {
  accountId: string;
  region: string;
  service: string;
}
export interface TRedisRateLimiter {
  acquire(key: TRateLimitKey): Promise<void>;
}

export interface TRateBudget {
  /** Sustained calls per second. */
  perSecond: number;
  /** Bucket size (calls that may go out at once). */
  burst: number;
}

/**
 * Reserve one token and return how long the caller must wait for it (ms). The balance may go
 * negative: callers queue up in arrival order without polling. Clock: Redis TIME, so every
 * process sees the same time. KEYS[1] bucket; ARGV rate/s, burst, ttl seconds.
 */
const RESERVE_SCRIPT = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local ttl = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil or at == nil then
  tokens = burst
  at = now
end
if now > at then
  tokens = math.min(burst, tokens + (now - at) * rate / 1000)
  at = now
end
tokens = tokens - 1
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(at))
redis.call('EXPIRE', KEYS[1], ttl)
if tokens >= 0 then
  return 0
end
return math.ceil(-tokens * 1000 / rate)
`;

export interface TCreateRedisRateLimiterOptions {
  redis: Redis;
  /** Key prefix (default "guardrail:rl"). */
  prefix?: string;
  /**
   * The budget of a service: the worker passes the collectors' one politeness table
   * (`resolveRateBudget` of `@guardrail/collectors`), so the CLI and the worker share it.
   */
  budgetFor(service: string): TRateBudget;
  /** Injectable sleep for tests. */
  sleep?: (ms: number) => Promise<void>;
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createRedisRateLimiter(opts: TCreateRedisRateLimiterOptions): TRedisRateLimiter {
  const prefix = opts.prefix ?? "guardrail:rl";
  const sleep = opts.sleep ?? sleepFor;
  const budgets = new Map<string, TRateBudget>();
  const budgetFor = (service: string) => {
    let budget = budgets.get(service);
    if (!budget) {
      budget = opts.budgetFor(service);
      budgets.set(service, budget);
    }
    return budget;
  };
  return {
    async acquire(key) {
      const { perSecond, burst } = budgetFor(key.service);
      // An idle bucket refills completely in burst/rate seconds; keep it a little longer.
      const ttl = Math.max(10, Math.ceil((burst / perSecond) * 2));
      const waitMs = (await opts.redis.eval(
        RESERVE_SCRIPT,
        1,
        `${prefix}:${key.accountId}:${key.region}:${key.service}`,
        String(perSecond),
        String(burst),
        String(ttl),
      )) as number;
      if (waitMs > 0) await sleep(waitMs);
    },
  };
}
