import { describe, expect, it } from "vitest";
import { createInMemoryRateLimiter } from "./rate-limiter";

function fakeClock() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
    },
    advance: (ms: number) => {
      now += ms;
    },
    sleeps,
  };
}

const key = { accountId: "111111111111", region: "us-east-1", service: "ec2" as const };

describe("createInMemoryRateLimiter", () => {
  it("lets a burst through, then spaces callers at the sustained rate in arrival order", async () => {
    const clock = fakeClock();
    const limiter = createInMemoryRateLimiter({
      perSecond: { ec2: 10, default: 5 },
      burst: { ec2: 2 },
      ...clock,
    });
    await limiter.acquire(key);
    await limiter.acquire(key);
    expect(clock.sleeps).toEqual([]);
    await limiter.acquire(key);
    await limiter.acquire(key);
    expect(clock.sleeps.map((ms) => Math.round(ms))).toEqual([100, 200]);
  });

  it("refills over time, up to the burst", async () => {
    const clock = fakeClock();
    const limiter = createInMemoryRateLimiter({
      perSecond: { default: 1 },
      burst: { default: 1 },
      ...clock,
    });
    await limiter.acquire(key);
    clock.advance(10_000);
    await limiter.acquire(key);
    expect(clock.sleeps).toEqual([]);
    await limiter.acquire(key);
    expect(clock.sleeps).toEqual([1000]);
  });

  it("keeps one bucket per account, region and service", async () => {
    const clock = fakeClock();
    const limiter = createInMemoryRateLimiter({ perSecond: { default: 1 }, ...clock });
    await limiter.acquire(key);
    await limiter.acquire({ ...key, region: "eu-west-1" });
    await limiter.acquire({ ...key, accountId: "222222222222" });
    await limiter.acquire({ ...key, service: "iam" });
    expect(clock.sleeps).toEqual([]);
  });

  it("really waits with the default clock", async () => {
    const limiter = createInMemoryRateLimiter({
      perSecond: { default: 20 },
      burst: { default: 1 },
    });
    const started = Date.now();
    for (let i = 0; i < 4; i++) await limiter.acquire(key);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("rejects a non-positive rate", async () => {
    const limiter = createInMemoryRateLimiter({ perSecond: { default: 0 } });
    await expect(limiter.acquire(key)).rejects.toThrow(/positive/);
  });
});
