import { createTestDatabase, type TTestDatabase } from "@guardrail/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBusinessUnit, updateBusinessUnit } from "../src/business-units/business-unit.service";
import { refreshResourceBusinessUnits } from "../src/business-units/resource-unit.repository";
import type { TTenantScope } from "../src/common/tenant-scope";
import { listResources } from "../src/inventory/inventory-query.service";
import { persistOrganization } from "../src/inventory/organization.repository";
import { persistCollection } from "../src/inventory/persist-collection.repository";
import type { TInventoryResource, TOrganizationSnapshot } from "../src/inventory/inventory.types";
import { createTenant, createUser } from "./findings-fixtures";

let t: TTestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

const PROD = "611111111111";
const DEV = "622222222222";
const NOW = new Date("2026-09-01T12:00:00.000Z");
const ROOT = "r-ab12";
const OU_PROD = "ou-ab12-prod0001";
const OU_DEV = "ou-ab12-devv0001";

/** An organization snapshot: PROD under OU_PROD, DEV under `devParent`, both OUs under the root. */
function snapshot(devParent: string, devTags: Record<string, string> = {}): TOrganizationSnapshot {
  const account = (Id: string, ParentId: string, tags: Record<string, string>) => ({
    Id,
    Arn: `arn:aws:organizations::${PROD}:account/o-1/${Id}`,
    Name: Id === PROD ? "payments-prod" : "data-dev",
    Email: `${Id}@x.test`,
    Status: "ACTIVE",
    JoinedMethod: "CREATED",
    JoinedTimestamp: "2024-01-01T00:00:00.000Z",
    ParentId,
    Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
    IsManagementAccount: false,
  });
  return {
    organization: { Id: "o-1", MasterAccountId: PROD },
    managementAccountId: PROD,
    roots: [{ Id: ROOT, Arn: "arn:r-1", Name: "Root" }],
    organizationalUnits: [
      { Id: OU_PROD, Arn: "arn:ou-prod", Name: "Prod", ParentId: ROOT },
      { Id: OU_DEV, Arn: "arn:ou-dev", Name: "Dev", ParentId: ROOT },
    ],
    accounts: [account(PROD, OU_PROD, {}), account(DEV, devParent, devTags)],
    policies: [],
  } as unknown as TOrganizationSnapshot;
}

const instance = (accountId: string, id: string, tags: Record<string, string> = {}): TInventoryResource => ({
  accountId,
  region: "eu-west-1",
  service: "ec2",
  resourceType: "AWS::EC2::Instance",
  resourceId: `arn:aws:ec2:eu-west-1:${accountId}:instance/${id}`,
  name: id,
  tags,
  configuration: { InstanceId: id },
});

async function setUp() {
  const tenantId = await createTenant(t.db, "rbu");
  const ownerId = await createUser(t.db, "owner");
  await t.db.membership.create({ data: { tenantId, userId: ownerId, role: "OWNER" } });
  const scope: TTenantScope = { tenantId, userId: ownerId, role: "OWNER" };
  const conn = await t.db.awsConnection.create({
    data: { tenantId, name: "org", managementRoleArn: "arn:r", memberRoleName: "S", externalId: `x${tenantId}`.padEnd(40, "e") },
  });
  await t.db.$transaction((tx) =>
    persistOrganization(tx, { tenantId, connectionId: conn.id, organization: snapshot(OU_DEV), now: NOW }),
  );
  return { tenantId, scope, connectionId: conn.id };
}

async function persist(tenantId: string, accountId: string, resources: TInventoryResource[]) {
  await t.db.$transaction((tx) =>
    persistCollection(tx, {
      tenantId,
      scanId: null,
      now: NOW,
      collection: { accountId, region: "eu-west-1", service: "ec2", status: "COMPLETE", resources, errors: [], apiCalls: 1 },
    }),
  );
}

/** Stored unit per resource name ("" when none). */
async function storedUnits(tenantId: string): Promise<Record<string, string>> {
  const rows = await t.db.resource.findMany({ where: { tenantId }, select: { name: true, businessUnitId: true } });
  return Object.fromEntries(rows.map((r) => [r.name ?? "", r.businessUnitId ?? ""]));
}

describe("the business unit stored on each resource", { timeout: 60_000 }, () => {
  it("is resolved as a collection is written, in the order resource tag → account → OU → default", async () => {
    const { tenantId, scope } = await setUp();
    const prodUnit = await createBusinessUnit({
      db: t.db,
      scope,
      now: NOW,
      input: { name: "Payments", mappings: [{ kind: "OU", ouId: OU_PROD }] },
    });
    const dataUnit = await createBusinessUnit({
      db: t.db,
      scope,
      now: NOW,
      input: { name: "Data", mappings: [{ kind: "RESOURCE_TAG", tagKey: "team", tagValue: "data" }] },
    });
    const fallback = await createBusinessUnit({ db: t.db, scope, now: NOW, input: { name: "Everything else", isDefault: true } });
    await persist(tenantId, PROD, [instance(PROD, "web"), instance(PROD, "etl", { team: "data" })]);
    await persist(tenantId, DEV, [instance(DEV, "box")]);
    expect(await storedUnits(tenantId)).toEqual({ web: prodUnit.id, etl: dataUnit.id, box: fallback.id });

    // A tag change re-resolves the row on the next collection.
    await persist(tenantId, PROD, [instance(PROD, "web", { team: "data" }), instance(PROD, "etl")]);
    expect(await storedUnits(tenantId)).toEqual({ web: dataUnit.id, etl: prodUnit.id, box: fallback.id });
  });

  it("follows a mapping change, and the inventory's unit filter reads it", async () => {
    const { tenantId, scope } = await setUp();
    await persist(tenantId, PROD, [instance(PROD, "web")]);
    await persist(tenantId, DEV, [instance(DEV, "box")]);
    expect(await storedUnits(tenantId)).toEqual({ web: "", box: "" });
    const unit = await createBusinessUnit({
      db: t.db,
      scope,
      now: NOW,
      input: { name: "Dev", mappings: [{ kind: "ACCOUNT", accountId: DEV }] },
    });
    expect(await storedUnits(tenantId)).toEqual({ web: "", box: unit.id });
    const names = async () =>
      (await listResources({ db: t.db, scope, filters: { businessUnitId: [unit.id] } })).rows.map((r) => r.name);
    expect(await names()).toEqual(["box"]);
    await updateBusinessUnit({
      db: t.db,
      scope,
      now: NOW,
      businessUnitId: unit.id,
      input: { name: "Dev", mappings: [{ kind: "OU", ouId: ROOT }] },
    });
    expect(await storedUnits(tenantId)).toEqual({ web: unit.id, box: unit.id });
    expect((await names()).sort()).toEqual(["box", "web"]);
  });

  it("follows the organization: an account moved to another OU or retagged takes its resources along", async () => {
    const { tenantId, scope, connectionId } = await setUp();
    const prodUnit = await createBusinessUnit({
      db: t.db,
      scope,
      now: NOW,
      input: { name: "Prod", mappings: [{ kind: "OU", ouId: OU_PROD }] },
    });
    const tagged = await createBusinessUnit({
      db: t.db,
      scope,
      now: NOW,
      input: { name: "Tagged", mappings: [{ kind: "ACCOUNT_TAG", tagKey: "owner", tagValue: "ml" }] },
    });
    await persist(tenantId, DEV, [instance(DEV, "box")]);
    expect(await storedUnits(tenantId)).toEqual({ box: "" });
    const reorganize = (devParent: string, tags: Record<string, string> = {}) =>
      t.db.$transaction((tx) =>
        persistOrganization(tx, { tenantId, connectionId, organization: snapshot(devParent, tags), now: NOW }),
      );
    await reorganize(OU_PROD);
    expect(await storedUnits(tenantId)).toEqual({ box: prodUnit.id });
    await reorganize(OU_PROD, { owner: "ml" });
    expect(await storedUnits(tenantId)).toEqual({ box: tagged.id });
    await reorganize(OU_DEV);
    expect(await storedUnits(tenantId)).toEqual({ box: "" });
  });

  it("a refresh writes only the rows whose unit changed, and only the tenant's", async () => {
    const a = await setUp();
    const b = await setUp();
    await persist(a.tenantId, PROD, [instance(PROD, "web")]);
    await persist(b.tenantId, PROD, [instance(PROD, "web")]);
    const unit = await t.db.businessUnit.create({ data: { tenantId: a.tenantId, name: "Written directly" } });
    await t.db.businessUnitMapping.create({ data: { tenantId: a.tenantId, businessUnitId: unit.id, kind: "ACCOUNT", accountId: PROD } });
    expect(await refreshResourceBusinessUnits(t.db, { tenantId: a.tenantId })).toBe(1);
    expect(await refreshResourceBusinessUnits(t.db, { tenantId: a.tenantId })).toBe(0);
    expect(await storedUnits(a.tenantId)).toEqual({ web: unit.id });
    expect(await storedUnits(b.tenantId)).toEqual({ web: "" });
  });
});
