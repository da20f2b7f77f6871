import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import {
  createAccountSemaphore,
  createRedisConnection,
  createRedisRateLimiter,
  DEFAULT_REDIS_URL,
} from "../src";

const redis = createRedisConnection({
  url: process.env.REDIS_URL ?? DEFAULT_REDIS_URL,
  role: "client",
});
const prefix = `test-jobs-${randomBytes(4).toString("hex")}`;

afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

describe("Redis token bucket", () => {
  it("lets the burst through, then paces at the refill rate, shared by every limiter on the bucket", async () => {
    const budgetFor = () => ({ perSecond: 10, burst: 5 });
    // Two limiters = two worker processes sharing one bucket.
    const a = createRedisRateLimiter({ redis, prefix: `${prefix}:rl`, budgetFor });
    const b = createRedisRateLimiter({ redis, prefix: `${prefix}:rl`, budgetFor });
    const key = { accountId: "111111111111", region: "us-east-1", service: "ec2" };
    const started = Date.now();
    const done: number[] = [];
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        (i % 2 ? a : b).acquire(key).then(() => done.push(Date.now() - started)),
      ),
    );
    const elapsed = Date.now() - started;
    // 5 immediately, 20 more at 10/s: ~2 s.
    expect(elapsed).toBeGreaterThanOrEqual(1_800);
    expect(elapsed).toBeLessThan(3_000);
    // The burst goes out together (measured from the first answer: the first round trip also
    // loads the script and may wait for the connection on a busy host).
    // Within 100 ms of it: the burst of 5, plus at most the one token 10/s refills in 100 ms.
    const first = Math.min(...done);
    const early = done.filter((ms) => ms - first < 100).length;
    expect(early).toBeGreaterThanOrEqual(5);
    expect(early).toBeLessThanOrEqual(6);
  });

  it("keeps buckets apart per account, region and service", async () => {
    const limiter = createRedisRateLimiter({
      redis,
      prefix: `${prefix}:rl2`,
      budgetFor: () => ({ perSecond: 1, burst: 1 }),
    });
    const started = Date.now();
    await Promise.all([
      limiter.acquire({ accountId: "111111111111", region: "us-east-1", service: "ec2" }),
      limiter.acquire({ accountId: "222222222222", region: "us-east-1", service: "ec2" }),
      limiter.acquire({ accountId: "111111111111", region: "eu-west-1", service: "ec2" }),
    ]);
    expect(Date.now() - started).toBeLessThan(300);
  });
});

describe("account semaphore", () => {
  it("grants at most `limit` leases per account, and frees them on release or expiry", async () => {
    const sem = createAccountSemaphore({ redis, limit: 2, leaseMs: 300, prefix: `${prefix}:sem` });
    const t1 = await sem.tryAcquire("111111111111");
    const t2 = await sem.tryAcquire("111111111111");
    expect(t1).not.toBeNull();
    expect(t2).not.toBeNull();
    expect(await sem.tryAcquire("111111111111")).toBeNull();
    expect(await sem.tryAcquire("222222222222")).not.toBeNull();
    await sem.release("111111111111", t1 as string);
    const t3 = await sem.tryAcquire("111111111111");
    expect(t3).not.toBeNull();
    await new Promise((r) => setTimeout(r, 350));
    expect(await sem.extend("111111111111", t3 as string)).toBe(false);
    expect(await sem.tryAcquire("111111111111")).not.toBeNull();
  });
});

describe("Redis token bucket reservations", () => {
  it("takes up to a quarter of the bucket per round trip, never more than the bucket allows", async () => {
    const budgetFor = () => ({ perSecond: 2, burst: 32 });
    const key = { accountId: "333333333333", region: "us-east-1", service: "s3" };
    const a = createRedisRateLimiter({ redis, prefix: `${prefix}:rl3`, budgetFor });
    for (let i = 0; i < 32; i++) await a.acquire(key);
    // 32 tokens in 8 at a time: 4 round trips.
    expect(a.stats().reservations).toBe(4);
    // Another process sharing the bucket finds it empty: it waits for the refill (~0.5 s).
    const b = createRedisRateLimiter({ redis, prefix: `${prefix}:rl3`, budgetFor });
    const started = Date.now();
    await b.acquire(key);
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
  });

  it("a slow bucket (the Organizations budget) goes one token per round trip", async () => {
    const limiter = createRedisRateLimiter({
      redis,
      prefix: `${prefix}:rl4`,
      budgetFor: () => ({ perSecond: 10 / 3, burst: 6 }),
    });
    const key = { accountId: "444444444444", region: "global", service: "organizations" };
    for (let i = 0; i < 6; i++) await limiter.acquire(key);
    expect(limiter.stats().reservations).toBe(6);
  });
});

describe("Redis token bucket, concurrent calls of one collection", () => {
  it("share one reservation at a time: calls starting together take no more tokens than they use", async () => {
    const budgetFor = () => ({ perSecond: 1, burst: 32 });
    const key = { accountId: "555555555555", region: "eu-west-1", service: "ec2" };
    const a = createRedisRateLimiter({ redis, prefix: `${prefix}:rl5`, budgetFor });
    await Promise.all(Array.from({ length: 6 }, () => a.acquire(key)));
    // One reservation of 8 served all six; two tokens are held for the next calls.
    expect(a.stats().reservations).toBe(1);
    const state = await redis.hget(
      `${prefix}:rl5:${key.accountId}:${key.region}:${key.service}`,
      "tokens",
    );
    expect(Number(state)).toBeCloseTo(24, 0);
  });
});
