/** The cache of rendered answers: same answer but for the request id, never for stateful operations. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { DescribeInstancesCommand, EC2Client } from "@aws-sdk/client-ec2";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import type { TSandbox } from "../src/index";
import { AnswerCache, PLACEHOLDER_REQUEST_ID } from "../src/server/answer-cache";
import { assumeScannerRole, clientConfig, startTestSandbox, VENDOR_CREDENTIALS } from "./sandbox-fixture";
import { buildTestWorld, MEMBER } from "./test-world";

describe("AnswerCache", () => {
  const rendered = () => ({
    status: 200,
    headers: { "content-type": "text/xml", "x-amzn-requestid": PLACEHOLDER_REQUEST_ID },
    body: `<R><requestId>${PLACEHOLDER_REQUEST_ID}</requestId><Name>é</Name></R>`,
  });

  it("splices each request id into the header and the body, with the right byte length", () => {
    const cache = new AnswerCache();
    const key = cache.keyOf("ec2", "DescribeVpcs", MEMBER, "us-east-1", { Action: "DescribeVpcs" })!;
    const first = cache.store(key, rendered(), "id-1-------------------------------x");
    const id = randomUUID();
    const second = cache.take(key, id)!;
    expect(first.body).toContain("id-1-");
    expect(second.headers["x-amzn-requestid"]).toBe(id);
    expect(second.body).toBe(`<R><requestId>${id}</requestId><Name>é</Name></R>`);
    expect(second.headers["content-length"]).toBe(String(Buffer.byteLength(second.body)));
    expect(cache.hits).toBe(1);
  });

  it("keys by account, region and input, and never caches stateful operations", () => {
    const cache = new AnswerCache();
    const key = (account: string, region: string, input: Record<string, unknown>) => cache.keyOf("ec2", "DescribeVpcs", account, region, input);
    expect(new Set([key("1", "us-east-1", {}), key("2", "us-east-1", {}), key("1", "eu-west-1", {}), key("1", "us-east-1", { NextToken: "x" })]).size).toBe(4);
    expect(cache.keyOf("sts", "GetCallerIdentity", "1", "us-east-1", {})).toBeUndefined();
    expect(cache.keyOf("iam", "GetCredentialReport", "1", "us-east-1", {})).toBeUndefined();
    expect(cache.keyOf("iam", "ListMFADevices", "1", "us-east-1", {})).toBeUndefined();
  });

  it("drops the oldest answers beyond its size", () => {
    const cache = new AnswerCache({ maxBytes: 1_000 });
    for (let i = 0; i < 50; i++) cache.store(`k${i}`, rendered(), PLACEHOLDER_REQUEST_ID);
    expect(cache.size).toBeLessThan(50);
    expect(cache.take("k49", "x")).toBeDefined();
    expect(cache.take("k0", "x")).toBeUndefined();
  });
});

describe("cached answers through the SDK", () => {
  let sandbox: TSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox({ world: buildTestWorld() });
  });
  afterAll(async () => {
    await sandbox.stop();
  });

  it("answers a repeated list call identically but for a new request id", async () => {
    const ec2 = new EC2Client(clientConfig(sandbox, await assumeScannerRole(sandbox, MEMBER)));
    const first = await ec2.send(new DescribeInstancesCommand({}));
    const second = await ec2.send(new DescribeInstancesCommand({}));
    expect(second.Reservations).toEqual(first.Reservations);
    expect(second.$metadata.requestId).not.toBe(first.$metadata.requestId);
  });

  it("answers GetCallerIdentity for each caller (never from the cache)", async () => {
    const vendor = await new STSClient(clientConfig(sandbox, VENDOR_CREDENTIALS)).send(new GetCallerIdentityCommand({}));
    const member = await new STSClient(clientConfig(sandbox, await assumeScannerRole(sandbox, MEMBER))).send(new GetCallerIdentityCommand({}));
    expect(member.Account).toBe(MEMBER);
    expect(vendor.Account).not.toBe(MEMBER);
  });
});
