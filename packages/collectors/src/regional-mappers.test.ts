import { describe, expect, it } from "vitest";
import { mapAccessAnalyzerSettings } from "./accessanalyzer/accessanalyzer.mapper";
import { mapTrail } from "./cloudtrail/cloudtrail.mapper";
import { mapConfigSettings } from "./config/config.mapper";
import { mapEksCluster } from "./eks/eks.mapper";
import { mapGuardDutySettings } from "./guardduty/guardduty.mapper";
import { mapKmsKey } from "./kms/kms.mapper";
import { mapLambdaFunction } from "./lambda/lambda.mapper";
import { mapRdsSnapshot } from "./rds/rds.mapper";
import { hostedZoneShortId, mapHostedZone } from "./route53/route53.mapper";
import { mapSnsTopic } from "./sns/sns.mapper";
import { mapSqsQueue, queueNameFromUrl } from "./sqs/sqs.mapper";

const A = "333333333333";

describe("regional service mappers", () => {
  it("SQS: id from the QueueArn attribute, name from the URL", () => {
    const url = "https://sqs.us-east-1.amazonaws.com/333333333333/payment-events";
    expect(queueNameFromUrl(url)).toBe("payment-events");
    const q = mapSqsQueue(
      A,
      "us-east-1",
      url,
      { QueueArn: "arn:aws:sqs:us-east-1:333333333333:payment-events" },
      {},
    );
    expect(q).toMatchObject({
      resourceId: "arn:aws:sqs:us-east-1:333333333333:payment-events",
      name: "payment-events",
      configuration: { QueueUrl: url },
    });
  });

  it("SNS, Lambda, EKS, RDS, KMS keep AWS's ids and fields", () => {
    expect(
      mapSnsTopic(A, "us-east-1", "arn:aws:sns:us-east-1:333333333333:alerts", {}, {}).name,
    ).toBe("alerts");
    const fn = mapLambdaFunction(
      A,
      "us-east-1",
      { FunctionName: "f", FunctionArn: "arn:f", Runtime: "python3.8" },
      null,
      {},
    );
    expect(fn.configuration).toEqual({
      FunctionName: "f",
      FunctionArn: "arn:f",
      Runtime: "python3.8",
      Policy: null,
    });
    expect(
      mapEksCluster(A, "us-east-1", { name: "c", arn: "arn:c", tags: { env: "prod" } }),
    ).toMatchObject({ resourceId: "arn:c", tags: { env: "prod" } });
    const snap = mapRdsSnapshot(
      A,
      "us-east-1",
      { DBSnapshotIdentifier: "s", DBSnapshotArn: "arn:s" },
      [{ AttributeName: "restore", AttributeValues: ["all"] }],
      {},
    );
    expect(snap.configuration.Attributes).toEqual([
      { AttributeName: "restore", AttributeValues: ["all"] },
    ]);
    const key = mapKmsKey(A, "us-east-1", {
      KeyMetadata: { KeyId: "k", Arn: "arn:k", KeyManager: "CUSTOMER" },
      KeyRotationEnabled: false,
      Policy: "{}",
      collectionErrors: {},
    });
    expect(key).toMatchObject({
      resourceId: "arn:k",
      configuration: { KeyRotationEnabled: false, Policy: "{}" },
    });
  });

  it("CloudTrail: a trail lives in its home region", () => {
    const trail = mapTrail(
      A,
      "eu-west-1",
      { Name: "t", TrailARN: "arn:t", HomeRegion: "us-east-1" },
      {
        status: null,
        eventSelectors: [],
        advancedEventSelectors: null,
        collectionErrors: { GetTrailStatus: "AccessDenied" },
      },
    );
    expect(trail).toMatchObject({
      region: "us-east-1",
      configuration: {
        Status: null,
        EventSelectors: [],
        CollectionErrors: { GetTrailStatus: "AccessDenied" },
      },
    });
  });

  it("regional settings subjects use the synthetic ids", () => {
    expect(
      mapGuardDutySettings(
        A,
        "us-east-1",
        [{ DetectorId: "d", detector: { Status: "ENABLED", ServiceRole: "r" } }],
        {},
      ),
    ).toMatchObject({
      resourceId: "arn:aws:guardduty:us-east-1:333333333333:regional-settings",
      configuration: { Detectors: [{ DetectorId: "d", Status: "ENABLED", Features: null }] },
    });
    expect(mapConfigSettings(A, "us-east-1", [], [], {}).resourceId).toBe(
      "arn:aws:config:us-east-1:333333333333:regional-settings",
    );
    expect(mapAccessAnalyzerSettings(A, "us-east-1", []).configuration).toEqual({ Analyzers: [] });
  });

  it("Route 53: hosted zone ARN from the short id", () => {
    expect(hostedZoneShortId("/hostedzone/Z123")).toBe("Z123");
    const zone = mapHostedZone(
      A,
      { Id: "/hostedzone/Z123", Name: "example.com.", CallerReference: "x" },
      [],
      {},
    );
    expect(zone).toMatchObject({
      resourceId: "arn:aws:route53:::hostedzone/Z123",
      region: "global",
      configuration: { ResourceRecordSets: [] },
    });
  });
});
