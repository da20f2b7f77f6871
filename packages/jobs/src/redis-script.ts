import { createHash } from "node:crypto";
import type { Redis } from "ioredis";

/** A Lua script called by its SHA1 (`EVALSHA`): the script's text crosses the wire once per server. */
export interface TRedisScript {
  run(redis: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown>;
}

/**
 * Wraps a Lua script: `EVALSHA` first, `EVAL` (which also loads it) when the server answers
 * NOSCRIPT (a restarted or flushed Redis). `EVAL` with the text on every call sends ~1 KiB per
 * rate-limiter token, thousands of times a second during a large scan.
 */
export function defineRedisScript(lua: string): TRedisScript {
  const sha = createHash("sha1").update(lua).digest("hex");
  return {
    async run(redis, keys, args) {
      try {
        return await redis.evalsha(sha, keys.length, ...keys, ...args);
      } catch (err) {
        if (!String((err as Error).message).startsWith("NOSCRIPT")) throw err;
        return redis.eval(lua, keys.length, ...keys, ...args);
      }
    },
  };
}
