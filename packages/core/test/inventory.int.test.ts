import { createTestDatabase, type TTestDatabase } from "@guardrail/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  persistCollection,
  persistOrganization,
  type TInventoryCollection,
  type TInventoryResource,
} from "../src";

let t: TTestDatabase;
let tenantId: string;
let connectionId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  const tenant = await t.db.tenant.create({ data: { name: "Inv", slug: "inv" } });
  tenantId = tenant.id;
  const c = await t.db.awsConnection.create({
    data: {
      tenantId,
      name: "org",
      managementRoleArn: "arn:aws:iam::111111111111:role/R",
      memberRoleName: "S",
      externalId: "e".repeat(40),
    },
  });
  connectionId = c.id;
});
afterAll(async () => {
  await t?.drop();
});

const vol = (id: string, encrypted: boolean): TInventoryResource => ({
  accountId: "222222222222",
  region: "eu-west-1",
  service: "ec2",
  resourceType: "AWS::EC2::Volume",
  resourceId: `arn:aws:ec2:eu-west-1:222222222222:volume/${id}`,
  name: id,
  tags: {},
  configuration: { VolumeId: id, Encrypted: encrypted },
});
const collection = (
  status: TInventoryCollection["status"],
  resources: TInventoryResource[],
): TInventoryCollection => ({
  accountId: "222222222222",
  region: "eu-west-1",
  service: "ec2",
  status,
  resources,
  errors:
    status === "COMPLETE"
      ? []
      : [{ operation: "DescribeVolumes", code: "UnauthorizedOperation", message: "no" }],
  apiCalls: 3,
});
const persist = (c: TInventoryCollection, now = new Date()) =>
  t.db.$transaction((tx) => persistCollection(tx, { tenantId, scanId: null, collection: c, now }));

describe("inventory persistence", () => {
  it("upserts, records changes, and marks deleted only after a COMPLETE collection", async () => {
    expect(await persist(collection("COMPLETE", [vol("a", true), vol("b", false)]))).toMatchObject({
      created: 2,
    });
    expect(await persist(collection("COMPLETE", [vol("a", true), vol("b", false)]))).toMatchObject({
      created: 0,
      unchanged: 2,
      updated: 0,
    });
    // b missing from a PARTIAL collection: not deleted.
    expect(await persist(collection("PARTIAL", [vol("a", false)]))).toMatchObject({
      updated: 1,
      deleted: 0,
    });
    expect(await t.db.resource.count({ where: { tenantId, deletedAt: null } })).toBe(2);
    // A FAILED collection proves nothing either.
    expect(await persist(collection("FAILED", []))).toMatchObject({ deleted: 0 });
    expect(await t.db.resource.count({ where: { tenantId, deletedAt: null } })).toBe(2);
    const state = await t.db.collectionState.findFirstOrThrow({
      where: { tenantId, service: "ec2" },
    });
    expect(state).toMatchObject({ status: "FAILED", errorCode: "UnauthorizedOperation" });
    expect(state.lastCompleteAt).not.toBeNull();
    // COMPLETE without b: b deleted; then b comes back: restored.
    expect(await persist(collection("COMPLETE", [vol("a", false)]))).toMatchObject({ deleted: 1 });
    expect(await persist(collection("COMPLETE", [vol("a", false), vol("b", false)]))).toMatchObject(
      { restored: 1 },
    );
    const changes = await t.db.resourceChange.findMany({
      where: { tenantId },
      orderBy: { at: "asc" },
    });
    expect(changes.map((c) => c.type).sort()).toEqual([
      "CREATED",
      "CREATED",
      "DELETED",
      "RESTORED",
      "UPDATED",
    ]);
    const update = changes.find((c) => c.type === "UPDATED");
    expect(update?.diff).toEqual({ Encrypted: { before: true, after: false } });
    const a = await t.db.resource.findFirstOrThrow({ where: { tenantId, name: "a" } });
    expect(a.firstSeenAt.getTime()).toBeLessThan(a.lastSeenAt.getTime());
  });

  it("scopes a global collection to its account and service across regions (S3 buckets)", async () => {
    const bucket = (name: string, region: string): TInventoryResource => ({
      accountId: "222222222222",
      region,
      service: "s3",
      resourceType: "AWS::S3::Bucket",
      resourceId: `arn:aws:s3:::${name}`,
      name,
      tags: {},
      configuration: { Name: name },
    });
    const s3 = (resources: TInventoryResource[]): TInventoryCollection => ({
      accountId: "222222222222",
      region: "global",
      service: "s3",
      status: "COMPLETE",
      resources,
      errors: [],
      apiCalls: 1,
    });
    await persist(s3([bucket("x", "eu-west-1"), bucket("y", "us-east-1")]));
    expect(await persist(s3([bucket("y", "us-east-1")]))).toMatchObject({ deleted: 1 });
    // The ec2 volumes of the same account were not touched.
    expect(
      await t.db.resource.count({ where: { tenantId, service: "ec2", deletedAt: null } }),
    ).toBe(2);
  });

  it("persists the organization and marks accounts that left or are suspended", async () => {
    const account = (Id: string, Status = "ACTIVE") => ({
      Id,
      Arn: `arn:aws:organizations::111111111111:account/o-1/${Id}`,
      Name: `acct ${Id}`,
      Email: `${Id}@x.test`,
      Status,
      JoinedMethod: "CREATED",
      JoinedTimestamp: "2024-01-01T00:00:00.000Z",
      ParentId: "ou-1",
      Tags: [{ Key: "team", Value: "core" }],
      IsManagementAccount: Id === "111111111111",
    });
    const org = (accounts: ReturnType<typeof account>[]) => ({
      organization: { Id: "o-1", MasterAccountId: "111111111111" },
      managementAccountId: "111111111111",
      roots: [{ Id: "r-1", Arn: "arn:aws:organizations::111111111111:root/o-1/r-1", Name: "Root" }],
      organizationalUnits: [{ Id: "ou-1", Arn: "arn:ou-1", Name: "Prod", ParentId: "r-1" }],
      accounts,
      policies: [
        {
          PolicySummary: {
            Id: "p-1",
            Arn: "arn:p-1",
            Name: "deny-leave",
            Type: "SERVICE_CONTROL_POLICY",
            AwsManaged: false,
          },
          Content: '{"Version":"2012-10-17","Statement":[]}',
          Targets: ["r-1"],
        },
      ],
    });
    const now = new Date();
    const first = await t.db.$transaction((tx) =>
      persistOrganization(tx, {
        tenantId,
        connectionId,
        organization: org([
          account("111111111111"),
          account("222222222222"),
          account("333333333333"),
        ]),
        now,
      }),
    );
    expect(first.activeAccountIds).toHaveLength(3);
    const second = await t.db.$transaction((tx) =>
      persistOrganization(tx, {
        tenantId,
        connectionId,
        organization: org([account("111111111111"), account("222222222222", "SUSPENDED")]),
        now: new Date(now.getTime() + 1000),
      }),
    );
    expect(second).toMatchObject({
      removedAccounts: ["333333333333"],
      inactiveAccountIds: ["222222222222"],
    });
    const accounts = await t.db.awsAccount.findMany({
      where: { tenantId },
      orderBy: { accountId: "asc" },
    });
    expect(accounts.map((a) => [a.accountId, a.status, a.access])).toEqual([
      ["111111111111", "ACTIVE", "UNKNOWN"],
      ["222222222222", "SUSPENDED", "SUSPENDED"],
      ["333333333333", "REMOVED", "REMOVED"],
    ]);
    expect(accounts[0]?.tags).toEqual({ team: "core" });
    expect(await t.db.organizationalUnit.count({ where: { tenantId } })).toBe(2);
    expect(await t.db.organizationPolicy.findFirstOrThrow({ where: { tenantId } })).toMatchObject({
      targets: ["r-1"],
    });
  });
});
