import { describe, expect, it } from "vitest";
import {
  listAncestors,
  mapOrganizationAccount,
  mapOrganizationPolicy,
} from "./organizations.mapper";

describe("Organizations mapping", () => {
  it("maps an account with its parent, tags and management flag", () => {
    const resource = mapOrganizationAccount("111111111111", {
      Id: "333333333333",
      Arn: "arn:aws:organizations::111111111111:account/o-x/333333333333",
      Name: "prod",
      Email: "a@example.com",
      Status: "ACTIVE",
      State: null,
      JoinedMethod: "CREATED",
      JoinedTimestamp: "2020-01-01T00:00:00.000Z",
      ParentId: "ou-x-prod",
      Tags: [{ Key: "BusinessUnit", Value: "Payments" }],
      IsManagementAccount: false,
    });
    expect(resource).toMatchObject({
      accountId: "111111111111",
      region: "global",
      service: "organizations",
      resourceType: "AWS::Organizations::Account",
      resourceId: "arn:aws:organizations::111111111111:account/o-x/333333333333",
      name: "prod",
      tags: { BusinessUnit: "Payments" },
      configuration: {
        ParentId: "ou-x-prod",
        IsManagementAccount: false,
        Tags: [{ Key: "BusinessUnit", Value: "Payments" }],
      },
    });
  });

  it("maps a policy with content and targets, recording failed detail calls", () => {
    const resource = mapOrganizationPolicy(
      "111111111111",
      {
        PolicySummary: {
          Id: "p-1",
          Arn: "arn:p-1",
          Name: "Deny",
          Type: "SERVICE_CONTROL_POLICY",
          AwsManaged: false,
        },
        Content: null,
        Targets: ["ou-1"],
      },
      { DescribePolicy: "AccessDeniedException" },
    );
    expect(resource.configuration).toMatchObject({
      Content: null,
      Targets: ["ou-1"],
      CollectionErrors: { DescribePolicy: "AccessDeniedException" },
    });
  });

  it("lists ancestors root first", () => {
    const parents = new Map([
      ["333333333333", "ou-prod"],
      ["ou-prod", "ou-workload"],
      ["ou-workload", "r-1"],
    ]);
    expect(listAncestors("333333333333", parents)).toEqual(["r-1", "ou-workload", "ou-prod"]);
  });
});
