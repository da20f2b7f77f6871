import { describe, expect, it } from "vitest";
import type { TCollectedResource } from "../resource-model";
import type { TClientFactory } from "./client-factory";
import {
  callListing,
  createSubCallRecorder,
  defineCollector,
  describeCoverageGap,
  runCollector,
  type TCollectArgs,
} from "./collector";

function awsError(name: string, status = 403) {
  return Object.assign(new Error(`${name}: not allowed`), {
    name,
    $fault: "client",
    $metadata: { httpStatusCode: status },
  });
}

function fakeClients(): TClientFactory {
  return {
    get: () => {
      throw new Error("no clients in unit tests");
    },
    withCallCounter: async (counter, fn) => {
      counter.count += 3;
      return fn();
    },
    stats: () => ({ apiCalls: 0, clients: 0 }),
    destroy: () => undefined,
  };
}

const resource = (accountId: string, region: string, id: string): TCollectedResource => ({
  accountId,
  region,
  service: "sqs",
  resourceType: "AWS::SQS::Queue",
  resourceId: id,
  name: null,
  tags: {},
  configuration: {},
});

const base = { clients: fakeClients(), accountId: "111111111111", region: "eu-west-3" };

describe("runCollector", () => {
  it("is COMPLETE when every call succeeded, with the call count", async () => {
    const collector = defineCollector({
      key: "sqs",
      global: false,
      resourceTypes: ["AWS::SQS::Queue"],
      collect: async ({ accountId, region }: TCollectArgs) => ({
        resources: [resource(accountId, region, "arn:aws:sqs:eu-west-3:111111111111:q")],
        errors: [],
      }),
    });
    const result = await runCollector({ ...base, collector });
    expect(result).toMatchObject({
      status: "COMPLETE",
      service: "sqs",
      region: "eu-west-3",
      apiCalls: 3,
      errors: [],
    });
    expect(result.resources).toHaveLength(1);
    expect(describeCoverageGap(result)).toBeNull();
  });

  it("is FAILED with the code when the listing call is denied, never an empty COMPLETE", async () => {
    const collector = defineCollector({
      key: "ec2",
      global: false,
      resourceTypes: [],
      collect: async () =>
        callListing("DescribeInstances", () => Promise.reject(awsError("UnauthorizedOperation"))),
    });
    const result = await runCollector({ ...base, collector });
    expect(result.status).toBe("FAILED");
    expect(result.resources).toEqual([]);
    expect(result.errors).toEqual([
      {
        operation: "DescribeInstances",
        code: "UnauthorizedOperation",
        message: "UnauthorizedOperation: not allowed",
      },
    ]);
    expect(describeCoverageGap(result)).toBe(
      "ec2 in eu-west-3 not collected: UnauthorizedOperation",
    );
  });

  it("is PARTIAL when a sub-call failed; NoSuch… answers are null, not errors", async () => {
    const collector = defineCollector({
      key: "sqs",
      global: false,
      resourceTypes: ["AWS::SQS::Queue"],
      collect: async ({ accountId, region }) => {
        const errors: never[] = [];
        const calls = createSubCallRecorder("arn:q", errors);
        const missing = await calls.call("GetBucketPolicy", () =>
          Promise.reject(awsError("NoSuchBucketPolicy", 404)),
        );
        const denied = await calls.call("GetQueueAttributes", () =>
          Promise.reject(awsError("AccessDenied")),
        );
        const ok = await calls.call("GetOther", async () => "value");
        const r = resource(accountId, region, "arn:q");
        r.configuration = calls.applyTo({ Missing: missing, Denied: denied, Ok: ok });
        return { resources: [r], errors };
      },
    });
    const result = await runCollector({ ...base, collector });
    expect(result.status).toBe("PARTIAL");
    expect(result.errors).toEqual([
      {
        operation: "GetQueueAttributes",
        code: "AccessDenied",
        message: "arn:q: AccessDenied: not allowed",
      },
    ]);
    expect(result.resources[0]?.configuration).toEqual({
      Missing: null,
      Denied: null,
      Ok: "value",
      CollectionErrors: { GetQueueAttributes: "AccessDenied" },
    });
  });

  it("runs global collectors as region global and rejects resources that break the envelope", async () => {
    const collector = defineCollector({
      key: "sqs",
      global: true,
      resourceTypes: [],
      collect: async ({ region }) => ({
        resources: [resource("not-an-account", region, "x")],
        errors: [],
      }),
    });
    const result = await runCollector({ ...base, collector });
    expect(result.region).toBe("global");
    expect(result.status).toBe("PARTIAL");
    expect(result.resources).toEqual([]);
    expect(result.errors[0]).toMatchObject({
      code: "InvalidResource",
      operation: "ValidateResource",
    });
  });

  it("maps an unexpected throw to FAILED but rethrows when the caller aborted", async () => {
    const boom = defineCollector({
      key: "sqs",
      global: false,
      resourceTypes: [],
      collect: async () => Promise.reject(new TypeError("bug")),
    });
    const failed = await runCollector({ ...base, collector: boom });
    expect(failed.errors).toEqual([{ operation: "Collect", code: "TypeError", message: "bug" }]);

    const controller = new AbortController();
    const slow = defineCollector({
      key: "sqs",
      global: false,
      resourceTypes: [],
      collect: ({ signal }) =>
        new Promise((_, reject) =>
          signal.addEventListener("abort", () =>
            reject(Object.assign(new Error("aborted"), { name: "AbortError" })),
          ),
        ),
    });
    const pending = runCollector({ ...base, collector: slow, signal: controller.signal });
    controller.abort(new Error("scan cancelled"));
    await expect(pending).rejects.toThrow("scan cancelled");
  });
});
