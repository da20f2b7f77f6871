import * as CT from "@aws-sdk/client-cloudtrail";
import * as KMS from "@aws-sdk/client-kms";
import * as LAMBDA from "@aws-sdk/client-lambda";
import * as R53 from "@aws-sdk/client-route-53";
import * as SNS from "@aws-sdk/client-sns";
import * as SQS from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TSandbox } from "../src/index";
import { assumeScannerRole, clientConfig, startTestSandbox, type TCredentials } from "./sandbox-fixture";
import { buildTestWorld, MEMBER } from "./test-world";

let sandbox: TSandbox;
let member: TCredentials;
const TAGS = [
  { Key: "team", Value: "payments" },
  { Key: "data-classification", Value: "confidential" },
];

/** The test world with `Tags` on the first function, queue, topic, key, trail and hosted zone. */
function taggedWorld() {
  const world = buildTestWorld();
  const region = world.accounts.find((a) => a.Id === MEMBER)!.regions!["us-east-1"] as Record<string, Record<string, Record<string, unknown>[]>>;
  region.lambda!.Functions![0]!.Tags = TAGS;
  region.sqs!.Queues![0]!.Tags = { team: "payments" }; // a map is accepted too
  region.sns!.Topics![0]!.Tags = TAGS;
  region.kms!.Keys![0]!.Tags = TAGS;
  region.cloudtrail!.Trails![0]!.Tags = TAGS;
  region.route53!.HostedZones![0]!.Tags = TAGS;
  return world;
}

beforeAll(async () => {
  sandbox = await startTestSandbox({ world: taggedWorld() });
  member = await assumeScannerRole(sandbox, MEMBER);
});
afterAll(async () => {
  await sandbox.stop();
});

describe("tagging reads, each in its service's protocol", () => {
  it("Lambda ListTags (REST-JSON): a map; an untagged function has none", async () => {
    const lambda = new LAMBDA.LambdaClient(clientConfig(sandbox, member));
    const arn = `arn:aws:lambda:us-east-1:${MEMBER}:function:public-fn`;
    expect((await lambda.send(new LAMBDA.ListTagsCommand({ Resource: arn }))).Tags).toEqual({ team: "payments", "data-classification": "confidential" });
    expect((await lambda.send(new LAMBDA.ListTagsCommand({ Resource: `arn:aws:lambda:us-east-1:${MEMBER}:function:private-fn` }))).Tags).toEqual({});
    await expect(lambda.send(new LAMBDA.ListTagsCommand({ Resource: `arn:aws:lambda:us-east-1:${MEMBER}:function:nope` }))).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });

  it("SQS ListQueueTags (JSON 1.0)", async () => {
    const sqs = new SQS.SQSClient(clientConfig(sandbox, member));
    const out = await sqs.send(new SQS.ListQueueTagsCommand({ QueueUrl: `https://sqs.us-east-1.amazonaws.com/${MEMBER}/orders` }));
    expect(out.Tags).toEqual({ team: "payments" });
    expect((await sqs.send(new SQS.ListQueueTagsCommand({ QueueUrl: `https://sqs.us-east-1.amazonaws.com/${MEMBER}/audit` }))).Tags).toBeUndefined();
  });

  it("SNS ListTagsForResource (query/XML)", async () => {
    const sns = new SNS.SNSClient(clientConfig(sandbox, member));
    const out = await sns.send(new SNS.ListTagsForResourceCommand({ ResourceArn: `arn:aws:sns:us-east-1:${MEMBER}:alerts` }));
    expect(out.Tags).toEqual(TAGS);
    await expect(sns.send(new SNS.ListTagsForResourceCommand({ ResourceArn: `arn:aws:sns:us-east-1:${MEMBER}:nope` }))).rejects.toMatchObject({ name: "ResourceNotFoundException" });
  });

  it("KMS ListResourceTags (JSON 1.1): TagKey/TagValue", async () => {
    const kms = new KMS.KMSClient(clientConfig(sandbox, member));
    const out = await kms.send(new KMS.ListResourceTagsCommand({ KeyId: "k1" }));
    expect(out.Tags).toEqual([
      { TagKey: "team", TagValue: "payments" },
      { TagKey: "data-classification", TagValue: "confidential" },
    ]);
    expect(out.Truncated).toBe(false);
  });

  it("CloudTrail ListTags (JSON 1.1) by trail ARN", async () => {
    const ct = new CT.CloudTrailClient(clientConfig(sandbox, member));
    const arn = `arn:aws:cloudtrail:us-east-1:${MEMBER}:trail/local-trail`;
    const out = await ct.send(new CT.ListTagsCommand({ ResourceIdList: [arn] }));
    expect(out.ResourceTagList).toEqual([{ ResourceId: arn, TagsList: TAGS }]);
  });

  it("Route 53 ListTagsForResource (REST-XML) of a hosted zone", async () => {
    const r53 = new R53.Route53Client(clientConfig(sandbox, member));
    const out = await r53.send(new R53.ListTagsForResourceCommand({ ResourceType: "hostedzone", ResourceId: "Z111" }));
    expect(out.ResourceTagSet).toEqual({ ResourceType: "hostedzone", ResourceId: "Z111", Tags: TAGS });
    const none = await r53.send(new R53.ListTagsForResourceCommand({ ResourceType: "hostedzone", ResourceId: "Z222" }));
    expect(none.ResourceTagSet?.Tags ?? []).toEqual([]);
  });
});
