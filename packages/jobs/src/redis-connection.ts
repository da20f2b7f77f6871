import { Redis, type RedisOptions } from "ioredis";

export const DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";

export interface TCreateRedisConnectionOptions {
  url: string;
  /**
   * "worker": blocking connection for BullMQ workers (`maxRetriesPerRequest: null`, as BullMQ
   * requires). "client": queues, enqueue helpers and the rate limiter (fail fast).
   */
  role: "worker" | "client";
  /** Name shown in `CLIENT LIST`, e.g. "guardrail-worker". */
  connectionName?: string;
}

/** One ioredis connection. The caller owns it and closes it with `quit()`. */
export function createRedisConnection(opts: TCreateRedisConnectionOptions): Redis {
  const options: RedisOptions = {
    lazyConnect: false,
    enableReadyCheck: true,
    maxRetriesPerRequest: opts.role === "worker" ? null : 3,
    ...(opts.connectionName ? { connectionName: opts.connectionName } : {}),
  };
  return new Redis(opts.url, options);
}
