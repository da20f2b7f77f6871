import { describe, expect, it } from "vitest";
import {
  createInMemoryRateLimiter,
  DEFAULT_POLITENESS_BUDGETS,
  resolveRateBudget,
} from "./rate-limiter";

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
      budgets: { ec2: { perSecond: 10, burst: 2 } },
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
      defaults: { default: { perSecond: 1, burst: 1 } },
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
    const limiter = createInMemoryRateLimiter({
      defaults: { default: { perSecond: 1, burst: 1 } },
      ...clock,
    });
    await limiter.acquire(key);
    await limiter.acquire({ ...key, region: "eu-west-1" });
    await limiter.acquire({ ...key, accountId: "222222222222" });
    await limiter.acquire({ ...key, service: "iam" });
    expect(clock.sleeps).toEqual([]);
  });

  it("really waits with the default clock", async () => {
    const limiter = createInMemoryRateLimiter({
      defaults: { default: { perSecond: 20, burst: 1 } },
    });
    const started = Date.now();
    for (let i = 0; i < 4; i++) await limiter.acquire(key);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("rejects a non-positive rate", async () => {
    const limiter = createInMemoryRateLimiter({ budgets: { ec2: { perSecond: 0 } } });
    await expect(limiter.acquire(key)).rejects.toThrow(/positive/);
  });
});

describe("the politeness table", () => {
  it("defaults EC2 to a third of AWS's Describe bucket (100 tokens, 20/s)", () => {
    const ec2 = resolveRateBudget("ec2");
    expect(ec2.perSecond).toBeCloseTo(20 / 3);
    expect(ec2.burst).toBeLessThanOrEqual(34);
    for (const [service, budget] of Object.entries(DEFAULT_POLITENESS_BUDGETS)) {
      expect(budget.perSecond, service).toBeGreaterThan(0);
      expect(budget.burst, service).toBeGreaterThanOrEqual(1);
    }
  });
  it("applies overrides, and `default` only to services without their own budget", () => {
    expect(resolveRateBudget("ec2", { ec2: { perSecond: 2 } })).toEqual({ perSecond: 2, burst: 33 });
    expect(resolveRateBudget("unknown", { default: { perSecond: 1, burst: 2 } })).toEqual({
      perSecond: 1,
      burst: 2,
    });
    expect(resolveRateBudget("iam", { default: { perSecond: 1, burst: 2 } })).toEqual({
      perSecond: 5,
      burst: 10,
    });
    expect(() => resolveRateBudget("ec2", { ec2: { perSecond: 0 } })).toThrow(/perSecond/);
    expect(() => resolveRateBudget("ec2", { ec2: { burst: 0 } })).toThrow(/burst/);
  });
});
