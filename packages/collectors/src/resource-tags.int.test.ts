import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findCollector } from "./collectors";
import { runCollector } from "./core/collector";
import type { TServiceKey } from "./resource-model";
import { readDemoWorld, startHarness, type THarness } from "./test-support/sandbox-harness";

const ACCOUNT = "333333333333";
const TAGS = [
  { Key: "owner", Value: "payments-team" },
  { Key: "data-classification", Value: "confidential" },
];
const EXPECTED = { owner: "payments-team", "data-classification": "confidential" };

/** demo-small, with tags on a function, a queue, a topic, a key, a trail and a hosted zone of one account. */
function taggedWorld() {
  const world = readDemoWorld();
  const account = world.accounts.find((a) => a.Id === ACCOUNT) as unknown as {
    regions: Record<string, Record<string, Record<string, Record<string, unknown>[]>>>;
  };
  const region = account.regions["us-east-1"]!;
  region.lambda!.Functions![0]!.Tags = TAGS;
  region.sqs!.Queues![0]!.Tags = TAGS;
  region.sns = {
    Topics: [
      { TopicArn: `arn:aws:sns:us-east-1:${ACCOUNT}:payments-events`, Attributes: {}, Tags: TAGS },
    ],
  };
  region.kms = {
    Keys: [
      {
        KeyMetadata: {
          KeyId: "tagged-key",
          Arn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/tagged-key`,
          KeyManager: "CUSTOMER",
          KeyState: "Enabled",
          KeySpec: "SYMMETRIC_DEFAULT",
          Enabled: true,
        },
        KeyRotationEnabled: true,
        Policy: '{"Statement":[]}',
        Tags: TAGS,
      },
    ],
  };
  region.cloudtrail = {
    Trails: [
      {
        Name: "payments-trail",
        S3BucketName: "logs",
        IsMultiRegionTrail: false,
        Status: { IsLogging: true },
        EventSelectors: {},
        Tags: TAGS,
      },
    ],
  };
  region.route53 = {
    HostedZones: [
      {
        Id: "/hostedzone/ZPAY1",
        Name: "pay.example.",
        CallerReference: "r",
        Config: { PrivateZone: false },
        ResourceRecordSets: [],
        Tags: TAGS,
      },
    ],
  };
  return world;
}

let h: THarness;
beforeAll(async () => {
  h = await startHarness({ world: taggedWorld() });
});
afterAll(async () => {
  await h?.stop();
});

describe("tags of Lambda, SQS, SNS, KMS, Route 53 and CloudTrail resources", () => {
  it.each(["lambda", "sqs", "sns", "kms", "cloudtrail", "route53"] as TServiceKey[])(
    "%s: collected through the service's tagging API, the collection stays COMPLETE",
    async (service) => {
      const collector = findCollector(service)!;
      const result = await runCollector({
        collector,
        clients: h.clients,
        accountId: ACCOUNT,
        region: "us-east-1",
      });
      expect(result.errors).toEqual([]);
      expect(result.status).toBe("COMPLETE");
      expect(result.resources.length).toBeGreaterThan(0);
      expect(result.resources[0]!.tags).toEqual(EXPECTED);
    },
  );
});
