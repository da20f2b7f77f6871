import type { Redis } from "ioredis";
import { defineRedisScript } from "./redis-script";

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
  /** Round trips to Redis so far, and buckets with tokens held ahead of need. */
  stats(): { reservations: number; bucketsHeld: number };
}

export interface TRateBudget {
  /** Sustained calls per second. */
  perSecond: number;
  /** Bucket size (calls that may go out at once). */
  burst: number;
}

/**
 * Reserve tokens and say how long the caller must wait for the first (ms). With tokens in the
 * bucket it grants up to ARGV[4] of them at once (never more than the bucket holds), so a
 * collection's next calls need no round trip; with none it reserves one, the balance going
 * negative: callers queue up in arrival order without polling. Clock: Redis TIME, so every
 * process sees the same time. KEYS[1] bucket; ARGV rate/s, burst, ttl seconds, wanted tokens.
 * Returns { granted, waitMs }.
 */
const RESERVE_SCRIPT = defineRedisScript(`
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local ttl = tonumber(ARGV[3])
local want = tonumber(ARGV[4])
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
local granted = 1
if tokens >= 1 then
  granted = math.max(1, math.min(want, math.floor(tokens)))
end
tokens = tokens - granted
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(at))
redis.call('EXPIRE', KEYS[1], ttl)
if tokens >= 0 then
  return { granted, 0 }
end
return { granted, math.ceil(-tokens * 1000 / rate) }
`);

/**
 * Tokens taken from Redis ahead of need are spent locally within this long, then dropped
 * (dropping is the polite side: the bucket already counted them). Holding them can only let
 * a bucket's calls run ahead of its refill by the tokens held (at most
 * `tokensPerReservation − 1`); a short hold would waste them whenever a starved process makes
 * its calls more than that far apart, and the bucket would then make its own collection wait.
 */
const PREFETCHED_TOKEN_TTL_MS = 10_000;

/**
 * Tokens to take per round trip for a budget: a quarter of the bucket, at most 8, so the
 * slow buckets (the management account's Organizations budget: 6 tokens) go one by one and
 * a collection on an S3 or EC2 bucket needs one Redis call per ~8 HTTP calls. A bucket is
 * per (account, region, service): one collection per scan uses it.
 */
export function tokensPerReservation(budget: TRateBudget): number {
  return Math.max(1, Math.min(8, Math.floor(budget.burst / 4)));
}

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
  /** Tokens this process took ahead of need, per bucket. */
  const prefetched = new Map<string, { tokens: number; until: number }>();
  /** The reservation in flight per bucket (resolved once its spare tokens are in `prefetched`). */
  const inflight = new Map<string, Promise<void>>();
  let reservations = 0;
  return {
    async acquire(key) {
      const bucket = `${prefix}:${key.accountId}:${key.region}:${key.service}`;
      const budget = budgetFor(key.service);
      const batch = tokensPerReservation(budget);
      for (;;) {
        const local = prefetched.get(bucket);
        if (local) {
          if (local.tokens > 0 && Date.now() < local.until) {
            local.tokens--;
            if (local.tokens === 0) prefetched.delete(bucket);
            return;
          }
          prefetched.delete(bucket);
        }
        // Calls of one collection often start together: one reservation for the bucket at a
        // time, the others take its spare tokens (concurrent reservations would each take a
        // batch, and the surplus would be dropped unused).
        const pending = batch > 1 ? inflight.get(bucket) : undefined;
        if (!pending) break;
        await pending;
      }
      // An idle bucket refills completely in burst/rate seconds; keep it a little longer.
      const ttl = Math.max(10, Math.ceil((budget.burst / budget.perSecond) * 2));
      // Drop expired leftovers now and then (a finished collection never comes back for them).
      if (++reservations % 256 === 0) {
        const now = Date.now();
        for (const [k, v] of prefetched) if (v.until <= now) prefetched.delete(k);
      }
      const reserved = RESERVE_SCRIPT.run(
        opts.redis,
        [bucket],
        [String(budget.perSecond), String(budget.burst), String(ttl), String(batch)],
      ) as Promise<[number, number]>;
      const settled = reserved.then(
        ([granted]) => {
          if (granted > 1)
            prefetched.set(bucket, {
              tokens: granted - 1,
              until: Date.now() + PREFETCHED_TOKEN_TTL_MS,
            });
        },
        () => undefined,
      );
      if (batch > 1) {
        inflight.set(bucket, settled);
        void settled.finally(() => inflight.delete(bucket));
      }
      const [, waitMs] = await reserved;
      if (waitMs > 0) await sleep(waitMs);
    },
    stats: () => ({ reservations, bucketsHeld: prefetched.size }),
  };
}
