import { describe, expect, it } from "vitest";
import { loadWorkerEnv } from "../src/env";
import { isRetryableCollection } from "../src/aws-access";

describe("worker environment", () => {
  it("applies defaults and parses budgets", () => {
    const env = loadWorkerEnv({
      DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/guardrail",
      RATE_BUDGETS: '{"ec2":{"perSecond":2,"burst":10}}',
      SCHEDULER_ENABLED: "0",
    });
    expect(env).toMatchObject({
      REDIS_URL: "redis://127.0.0.1:6379",
      QUEUE_PREFIX: "guardrail",
      COLLECT_CONCURRENCY: 48,
      ACCOUNT_CONCURRENCY: 6,
      SCHEDULER_ENABLED: false,
      RATE_BUDGETS: { ec2: { perSecond: 2, burst: 10 } },
    });
    expect(env.AWS_ENDPOINT_URL).toBeUndefined();
  });

  it("lists every problem in one clear message", () => {
    expect(() => loadWorkerEnv({ COLLECT_CONCURRENCY: "0", RATE_BUDGETS: "{nope" })).toThrow(
      /Invalid worker environment:\n {2}DATABASE_URL: .*\n {2}COLLECT_CONCURRENCY: .*\n {2}RATE_BUDGETS: RATE_BUDGETS is not valid JSON/s,
    );
  });
});

describe("retry policy", () => {
  const result = (codes: string[]) => ({
    accountId: "111111111111",
    region: "us-east-1",
    service: "ec2" as const,
    status: "FAILED" as const,
    resources: [],
    errors: codes.map((code) => ({ operation: "DescribeInstances", code, message: code })),
    apiCalls: 1,
  });
  it("retries throttling and transient failures, records access denials at once", () => {
    expect(isRetryableCollection(result(["ThrottlingException"]))).toBe(true);
    expect(isRetryableCollection(result(["InternalError"]))).toBe(true);
    expect(isRetryableCollection(result(["UnauthorizedOperation"]))).toBe(false);
    expect(isRetryableCollection({ ...result([]), status: "PARTIAL" })).toBe(false);
  });
});
