import { describe, expect, it } from "vitest";
import {
  mapAccountPublicAccessBlock,
  mapBucket,
  normaliseBucketRegion,
  type TBucketDetails,
} from "./s3.mapper";

const details: TBucketDetails = {
  region: "eu-west-1",
  Policy: '{"Statement":[]}',
  PolicyStatus: { IsPublic: true },
  Acl: { Owner: { ID: "o" }, Grants: [] },
  PublicAccessBlockConfiguration: null,
  ServerSideEncryptionConfiguration: {
    Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }],
  },
  Versioning: { Status: "Enabled" },
  LoggingEnabled: null,
  LifecycleRules: null,
  TagSet: [{ Key: "team", Value: "data" }],
  collectionErrors: {},
};

describe("S3 mapping", () => {
  it("maps a bucket into its own region with the sub-call fields", () => {
    const resource = mapBucket(
      "111111111111",
      { Name: "b1", CreationDate: new Date("2021-01-01T00:00:00Z") },
      details,
    );
    expect(resource).toMatchObject({
      region: "eu-west-1",
      service: "s3",
      resourceType: "AWS::S3::Bucket",
      resourceId: "arn:aws:s3:::b1",
      name: "b1",
      tags: { team: "data" },
      configuration: {
        Name: "b1",
        CreationDate: "2021-01-01T00:00:00.000Z",
        BucketRegion: "eu-west-1",
        Policy: '{"Statement":[]}',
        PolicyStatus: { IsPublic: true },
        PublicAccessBlockConfiguration: null,
        Versioning: { Status: "Enabled" },
        LoggingEnabled: null,
      },
    });
    expect(resource.configuration).not.toHaveProperty("CollectionErrors");
  });

  it("carries CollectionErrors when a sub-call was denied", () => {
    const resource = mapBucket(
      "111111111111",
      { Name: "b2" },
      { ...details, Policy: null, collectionErrors: { GetBucketPolicy: "AccessDenied" } },
    );
    expect(resource.configuration).toMatchObject({
      Policy: null,
      CollectionErrors: { GetBucketPolicy: "AccessDenied" },
    });
  });

  it("maps the account public access block and legacy locations", () => {
    expect(mapAccountPublicAccessBlock("111111111111", null, {})).toMatchObject({
      resourceId: "arn:aws:s3:::account/111111111111",
      region: "global",
      configuration: { PublicAccessBlockConfiguration: null },
    });
    expect(normaliseBucketRegion("")).toBe("us-east-1");
    expect(normaliseBucketRegion("EU")).toBe("eu-west-1");
    expect(normaliseBucketRegion("ap-south-1")).toBe("ap-south-1");
  });
});
