import { describe, expect, it } from "vitest";
import type { TClientFactory } from "../core/client-factory";
import { AssumeRoleError, type TCredentialBroker } from "../core/credential-broker";
import { interleave, planScan } from "./scan-plan";

const ACCOUNTS = ["333333333333", "111111111111", "222222222222", "444444444444"];

/** A broker where 222… has no role, and a factory whose DescribeRegions fails for 444…. */
function fakes() {
  const assumed: string[] = [];
  const denied = (roleArn: string) =>
    new AssumeRoleError(
      roleArn,
      "AccessDenied",
      `User: x is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
    );
  const broker: TCredentialBroker = {
    externalId: "ext",
    credentialsFor: async (roleArn) => {
      assumed.push(`cached ${roleArn}`);
      if (roleArn.includes("222222222222")) throw denied(roleArn);
      return { accessKeyId: "a", secretAccessKey: "b" };
    },
    providerFor: () => async () => ({ accessKeyId: "a", secretAccessKey: "b" }),
    assumeRole: async ({ roleArn, externalId }) => {
      assumed.push(`${externalId === null ? "no-id" : "fresh"} ${roleArn}`);
      throw denied(roleArn);
    },
    invalidate: () => undefined,
    stats: () => ({ assumeRoleCalls: 0, cacheHits: 0 }),
  };
  const clients = {
    get: (_name: string, target: { accountId: string }) => ({
      send: async () => {
        if (target.accountId === "444444444444")
          throw Object.assign(new Error("boom"), { name: "UnauthorizedOperation" });
        return {
          Regions: [
            { RegionName: "us-east-1" },
            { RegionName: "eu-west-1" },
            { RegionName: "ap-south-2", OptInStatus: "not-opted-in" },
          ],
        };
      },
    }),
  } as unknown as TClientFactory;
  return { broker, clients, assumed };
}

describe("planScan", () => {
  it("checks every member role with reusable credentials, plans enabled regions within scope, interleaves accounts", async () => {
    const { broker, clients, assumed } = fakes();
    const seen: number[] = [];
    const plan = await planScan({
      accounts: [
        ...ACCOUNTS.map((accountId) => ({ accountId, status: "ACTIVE" })),
        { accountId: "555555555555", status: "SUSPENDED" },
      ],
      broker,
      clients,
      memberRoleArn: (id) => `arn:aws:iam::${id}:role/Scanner`,
      regionScope: ["eu-west-1", "ap-south-2"],
      concurrency: 2,
      onAccount: (_r, done) => seen.push(done),
    });
    expect(plan.access.map((a) => [a.accountId, a.state])).toEqual([
      ["111111111111", "CONNECTED"],
      ["222222222222", "ROLE_MISSING_OR_TRUST_DENIED"],
      ["333333333333", "CONNECTED"],
      ["444444444444", "ERROR"],
      ["555555555555", "SUSPENDED"],
    ]);
    expect(plan.access[3]?.message).toMatch(/DescribeRegions failed: UnauthorizedOperation/);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    // The suspended account is never assumed; the first AssumeRole of the others is the cached one.
    expect(assumed.some((a) => a.includes("555555555555"))).toBe(false);
    expect(assumed.filter((a) => a.startsWith("fresh"))).toEqual([]);
    // Only eu-west-1 (ap-south-2 is not opted in), interleaved: 111's first task, 333's first…
    expect(plan.tasks.every((t) => t.region === "global" || t.region === "eu-west-1")).toBe(true);
    expect(plan.tasks.slice(0, 4).map((t) => t.accountId)).toEqual([
      "111111111111",
      "333333333333",
      "111111111111",
      "333333333333",
    ]);
    const per = plan.tasks.filter((t) => t.accountId === "111111111111");
    expect(per.length).toBe(plan.tasks.length / 2);
    expect(new Set(per.map((t) => `${t.region}|${t.service}`)).size).toBe(per.length);
  });

  it("interleave is round-robin over lists of different lengths", () => {
    expect(interleave([[1, 2, 3], [10], [20, 21]])).toEqual([1, 10, 20, 2, 21, 3]);
    expect(interleave([])).toEqual([]);
  });
});
