import { describe, expect, it } from "vitest";
import { createClientFactory } from "./client-factory";
import type { TCredentialBroker } from "./credential-broker";
import { createUnlimitedRateLimiter } from "./rate-limiter";

const broker: TCredentialBroker = {
  externalId: "x",
  credentialsFor: async () => ({ accessKeyId: "AKIA", secretAccessKey: "s" }),
  providerFor: () => async () => ({ accessKeyId: "AKIA", secretAccessKey: "s" }),
  assumeRole: async () => ({ accessKeyId: "AKIA", secretAccessKey: "s" }),
  invalidate: () => undefined,
  stats: () => ({ assumeRoleCalls: 0, cacheHits: 0 }),
};

describe("createClientFactory", () => {
  it("caches one client per (service, account, region) and maps global to us-east-1", async () => {
    const factory = createClientFactory({
      broker,
      roleArnFor: (a) => `arn:aws:iam::${a}:role/r`,
      rateLimiter: createUnlimitedRateLimiter(),
    });
    const a = factory.get("ec2", { accountId: "111111111111", region: "eu-west-3" });
    expect(factory.get("ec2", { accountId: "111111111111", region: "eu-west-3" })).toBe(a);
    expect(factory.get("ec2", { accountId: "111111111111", region: "eu-west-1" })).not.toBe(a);
    expect(factory.get("ec2", { accountId: "222222222222", region: "eu-west-3" })).not.toBe(a);
    expect(
      await factory.get("iam", { accountId: "111111111111", region: "global" }).config.region(),
    ).toBe("us-east-1");
    expect(factory.stats().clients).toBe(4);
    factory.destroy();
  });

  it("drops the least recently used client beyond maxClients", () => {
    const factory = createClientFactory({
      broker,
      roleArnFor: () => "arn:aws:iam::1:role/r",
      rateLimiter: createUnlimitedRateLimiter(),
      maxClients: 2,
    });
    const first = factory.get("sqs", { accountId: "111111111111", region: "us-east-1" });
    factory.get("sns", { accountId: "111111111111", region: "us-east-1" });
    expect(factory.get("sqs", { accountId: "111111111111", region: "us-east-1" })).toBe(first);
    factory.get("kms", { accountId: "111111111111", region: "us-east-1" });
    expect(factory.stats().clients).toBe(2);
    expect(factory.get("sqs", { accountId: "111111111111", region: "us-east-1" })).toBe(first);
    factory.destroy();
  });
});
