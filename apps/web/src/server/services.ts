import { createDb, type TDb } from "@guardrail/db";
import type { TAttemptCounter } from "@guardrail/core";
import { Redis } from "ioredis";
import { getEnv } from "@/env";

/**
 * Process-wide connections, created on first use and kept across hot reloads in dev.
 * Pages and actions receive them through these getters; core functions take them as
 * arguments, so tests never mock by import path.
 */
const g = globalThis as unknown as { __guardrailDb?: TDb; __guardrailRedis?: Redis };

export function getDb(): TDb {
  g.__guardrailDb ??= createDb({ databaseUrl: getEnv().DATABASE_URL });
  return g.__guardrailDb;
}

export function getRedis(): Redis {
  g.__guardrailRedis ??= new Redis(getEnv().REDIS_URL, { maxRetriesPerRequest: 2, lazyConnect: false });
  return g.__guardrailRedis;
}

/** Sign-in attempt counter on Redis (INCR + EXPIRE, shared by every web process). */
export function getAttemptCounter(): TAttemptCounter {
  const redis = getRedis();
  return {
    async increment(key, windowSeconds) {
      const results = await redis.multi().incr(`guardrail:${key}`).expire(`guardrail:${key}`, windowSeconds, "NX").exec();
      const count = results?.[0]?.[1];
      if (typeof count !== "number") throw new Error("Redis did not answer the sign-in counter");
      return count;
    },
    async reset(key) {
      await redis.del(`guardrail:${key}`);
    },
  };
}
