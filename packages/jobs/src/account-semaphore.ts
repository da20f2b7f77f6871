import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { defineRedisScript } from "./redis-script";

/**
 * A counting semaphore in Redis per customer account: at most `limit` collections of one
 * account run at a time across every worker process. Leases expire (`leaseMs`), so a worker
 * that dies never holds a slot for ever.
 */
export interface TAccountSemaphore {
  /** A lease token when a slot was free, else null (the caller delays its job and retries). */
  tryAcquire(accountId: string): Promise<string | null>;
  release(accountId: string, token: string): Promise<void>;
  /** Extends a lease that is still held (long collections). */
  extend(accountId: string, token: string): Promise<boolean>;
}

// KEYS[1] zset of lease tokens scored by expiry; ARGV limit, token, leaseMs.
const ACQUIRE_SCRIPT = defineRedisScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then
  return 0
end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[2])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]) * 2)
return 1
`);

const EXTEND_SCRIPT = defineRedisScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if score == false or tonumber(score) <= now then
  return 0
end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) * 2)
return 1
`);

export interface TCreateAccountSemaphoreOptions {
  redis: Redis;
  limit: number;
  leaseMs?: number;
  prefix?: string;
}

export function createAccountSemaphore(opts: TCreateAccountSemaphoreOptions): TAccountSemaphore {
  if (!(opts.limit >= 1))
    throw new Error(`account concurrency limit must be >= 1, got ${opts.limit}`);
  const prefix = opts.prefix ?? "guardrail:sem";
  const leaseMs = opts.leaseMs ?? 5 * 60_000;
  const keyOf = (accountId: string) => `${prefix}:${accountId}`;
  return {
    async tryAcquire(accountId) {
      const token = randomUUID();
      const ok = await ACQUIRE_SCRIPT.run(
        opts.redis,
        [keyOf(accountId)],
        [String(opts.limit), token, String(leaseMs)],
      );
      return ok === 1 ? token : null;
    },
    async release(accountId, token) {
      await opts.redis.zrem(keyOf(accountId), token);
    },
    async extend(accountId, token) {
      return (
        (await EXTEND_SCRIPT.run(opts.redis, [keyOf(accountId)], [token, String(leaseMs)])) === 1
      );
    },
  };
}
