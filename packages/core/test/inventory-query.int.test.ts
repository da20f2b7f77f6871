import { createTestDatabase, type TTestDatabase } from "@guardrail/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { refreshResourceBusinessUnits } from "../src/business-units/resource-unit.repository";
import type { TTenantScope } from "../src/common/tenant-scope";
import { getResource } from "../src/inventory/inventory-query-detail.service";
import {
  listResourceFacets,
  listResources,
  type TInventoryFilters,
} from "../src/inventory/inventory-query.service";
import { createTenant, createUser } from "./findings-fixtures";

let t: TTestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

const PROD = "111111111111";
const DEV = "222222222222";

interface TSeed {
  arn: string;
  name?: string | null;
  accountId?: string;
  region?: string;
  service?: string;
  resourceType?: string;
  tags?: Record<string, string>;
  configuration?: Record<string, unknown>;
  deletedAt?: Date | null;
  lastSeenAt?: Date;
}

async function seed(tenantId: string, r: TSeed): Promise<string> {
  const row = await t.db.resource.create({
    data: {
      tenantId,
      accountId: r.accountId ?? PROD,
      region: r.region ?? "eu-west-1",
      service: r.service ?? "ec2",
      resourceType: r.resourceType ?? "AWS::EC2::Instance",
      resourceId: r.arn,
      name: r.name ?? null,
      tags: r.tags ?? {},
      configuration: (r.configuration ?? {}) as object,
      configurationHash: "h",
      deletedAt: r.deletedAt ?? null,
      ...(r.lastSeenAt ? { lastSeenAt: r.lastSeenAt } : {}),
    },
  });
  return row.id;
}

const ec2 = (region: string, acct: string, kind: string, id: string) =>
  `arn:aws:ec2:${region}:${acct}:${kind}/${id}`;

/** A small organization: two accounts under two OUs, two business units, a web tier and a bucket. */
async function createWorld() {
  const tenantId = await createTenant(t.db, "inv");
  const conn = tenantId;
  await t.db.organizationalUnit.createMany({
    data: [
      { tenantId, connectionId: conn, ouId: "r-root", arn: "r", name: "Root", isRoot: true },
      {
        tenantId,
        connectionId: conn,
        ouId: "ou-prod",
        arn: "p",
        name: "Production",
        parentId: "r-root",
      },
      {
        tenantId,
        connectionId: conn,
        ouId: "ou-dev",
        arn: "d",
        name: "Development",
        parentId: "r-root",
      },
    ],
  });
  const account = (accountId: string, name: string, parentId: string) => ({
    tenantId,
    connectionId: conn,
    accountId,
    arn: `arn:aws:organizations::999999999999:account/o-x/${accountId}`,
    name,
    email: `${name}@example.com`,
    status: "ACTIVE" as const,
    parentId,
  });
  await t.db.awsAccount.createMany({
    data: [account(PROD, "payments-prod", "ou-prod"), account(DEV, "sandbox-dev", "ou-dev")],
  });
  const payments = (await t.db.businessUnit.create({ data: { tenantId, name: "Payments" } })).id;
  const data = (await t.db.businessUnit.create({ data: { tenantId, name: "Data" } })).id;
  await t.db.businessUnitMapping.create({
    data: { tenantId, businessUnitId: payments, kind: "ACCOUNT", accountId: PROD },
  });
  await t.db.businessUnitMapping.create({
    data: {
      tenantId,
      businessUnitId: data,
      kind: "RESOURCE_TAG",
      tagKey: "team",
      tagValue: "data",
    },
  });

  const role = "arn:aws:iam::111111111111:role/web-app";
  const profile = "arn:aws:iam::111111111111:instance-profile/web-app";
  const ids = {
    web: await seed(tenantId, {
      arn: ec2("eu-west-1", PROD, "instance", "i-0web"),
      name: "web-1",
      tags: { env: "prod", app: "checkout" },
      configuration: {
        InstanceId: "i-0web",
        SecurityGroups: [{ GroupId: "sg-0web", GroupName: "web" }],
        SubnetId: "subnet-0a",
        VpcId: "vpc-0main",
        IamInstanceProfile: { Arn: profile, Id: "AIPA" },
        BlockDeviceMappings: [{ DeviceName: "/dev/xvda", Ebs: { VolumeId: "vol-0root" } }],
      },
    }),
    sg: await seed(tenantId, {
      arn: ec2("eu-west-1", PROD, "security-group", "sg-0web"),
      name: "web",
      resourceType: "AWS::EC2::SecurityGroup",
      configuration: { GroupId: "sg-0web", VpcId: "vpc-0main" },
    }),
    subnet: await seed(tenantId, {
      arn: ec2("eu-west-1", PROD, "subnet", "subnet-0a"),
      resourceType: "AWS::EC2::Subnet",
      configuration: { SubnetId: "subnet-0a", VpcId: "vpc-0main" },
    }),
    vpc: await seed(tenantId, {
      arn: ec2("eu-west-1", PROD, "vpc", "vpc-0main"),
      resourceType: "AWS::EC2::VPC",
    }),
    volume: await seed(tenantId, {
      arn: ec2("eu-west-1", PROD, "volume", "vol-0root"),
      resourceType: "AWS::EC2::Volume",
      configuration: { VolumeId: "vol-0root", Attachments: [{ InstanceId: "i-0web" }] },
    }),
    role: await seed(tenantId, {
      arn: role,
      name: "web-app",
      region: "global",
      service: "iam",
      resourceType: "AWS::IAM::Role",
      configuration: { RoleName: "web-app", InstanceProfileList: [{ Arn: profile }] },
    }),
    fn: await seed(tenantId, {
      arn: "arn:aws:lambda:eu-west-1:111111111111:function:settle",
      name: "settle",
      service: "lambda",
      resourceType: "AWS::Lambda::Function",
      configuration: { FunctionName: "settle", Role: role },
    }),
    bucket: await seed(tenantId, {
      arn: "arn:aws:s3:::acme-payments-invoices",
      name: "acme-payments-invoices",
      region: "eu-west-1",
      service: "s3",
      resourceType: "AWS::S3::Bucket",
      tags: { classification: "confidential" },
    }),
    pab: await seed(tenantId, {
      arn: "arn:aws:s3:::account/111111111111",
      region: "global",
      service: "s3",
      resourceType: "AWS::S3::AccountPublicAccessBlock",
    }),
    lake: await seed(tenantId, {
      arn: "arn:aws:s3:::acme-data-lake",
      name: "acme-data-lake",
      accountId: DEV,
      region: "us-east-1",
      service: "s3",
      resourceType: "AWS::S3::Bucket",
      tags: { team: "data" },
    }),
    devbox: await seed(tenantId, {
      arn: ec2("us-east-1", DEV, "instance", "i-0dev"),
      name: "devbox",
      accountId: DEV,
      region: "us-east-1",
    }),
    gone: await seed(tenantId, {
      arn: ec2("eu-west-1", PROD, "instance", "i-0gone"),
      name: "old-web",
      deletedAt: new Date("2026-06-01T00:00:00Z"),
    }),
  };
  // The rows were written directly: resolve their business units as a scan's persistence and
  // a mapping change do.
  await refreshResourceBusinessUnits(t.db, { tenantId });
  await t.db.finding.create({
    data: {
      tenantId,
      ruleId: "aws.ec2.instance.imdsv2",
      resourceId: ids.web,
      accountId: PROD,
      region: "eu-west-1",
      resourceType: "AWS::EC2::Instance",
      status: "OPEN",
      severity: "HIGH",
      title: "IMDSv2 not required",
      evidence: {},
      businessUnitId: payments,
    },
  });
  await t.db.finding.create({
    data: {
      tenantId,
      ruleId: "aws.s3.bucket.versioning",
      resourceId: ids.bucket,
      accountId: PROD,
      region: "eu-west-1",
      resourceType: "AWS::S3::Bucket",
      status: "RESOLVED",
      severity: "LOW",
      title: "Versioning off",
      evidence: {},
      businessUnitId: payments,
    },
  });
  await t.db.resourceChange.create({
    data: {
      tenantId,
      resourceId: ids.web,
      type: "UPDATED",
      diff: { SecurityGroups: { before: [], after: [{ GroupId: "sg-0web" }] } },
    },
  });
  const user = async (role: TTenantScope["role"]) => {
    const userId = await createUser(t.db, role.toLowerCase());
    await t.db.membership.create({ data: { tenantId, userId, role } });
    return { tenantId, userId, role } satisfies TTenantScope;
  };
  const analyst = await user("ANALYST");
  const paymentsOwner = await user("BU_OWNER");
  await t.db.businessUnitOwner.create({
    data: { tenantId, businessUnitId: payments, userId: paymentsOwner.userId },
  });
  return { tenantId, ids, units: { payments, data }, analyst, paymentsOwner };
}

let world: Awaited<ReturnType<typeof createWorld>>;
beforeAll(async () => {
  world = await createWorld();
});

const arns = async (scope: TTenantScope, filters: TInventoryFilters = {}) =>
  (await listResources({ db: t.db, scope, filters, page: { size: 200 } })).rows.map(
    (r) => r.resourceId,
  );

describe("inventory search and filters", { timeout: 60_000 }, () => {
  it("searches names, ARNs / ids and tag values, case-insensitively, using LIKE-safe input", async () => {
    const s = world.analyst;
    expect(await arns(s, { q: "INVOICES" })).toEqual(["arn:aws:s3:::acme-payments-invoices"]);
    expect(await arns(s, { q: "i-0dev" })).toEqual([ec2("us-east-1", DEV, "instance", "i-0dev")]);
    expect(await arns(s, { q: "confidential" })).toEqual(["arn:aws:s3:::acme-payments-invoices"]);
    expect(await arns(s, { q: "checkout" })).toEqual([
      ec2("eu-west-1", PROD, "instance", "i-0web"),
    ]);
    expect(await arns(s, { q: "100%" })).toEqual([]);
    expect(await arns(s, { q: "_" })).toEqual([]);
  });

  it("filters by account, OU, business unit, region, service, type, tag and has-findings", async () => {
    const s = world.analyst;
    const devAll = await arns(s, { accountId: DEV });
    expect(devAll.sort()).toEqual(
      ["arn:aws:s3:::acme-data-lake", ec2("us-east-1", DEV, "instance", "i-0dev")].sort(),
    );
    expect((await arns(s, { ouId: "ou-dev" })).sort()).toEqual(devAll.sort());
    expect(await arns(s, { businessUnitId: world.units.data })).toEqual([
      "arn:aws:s3:::acme-data-lake",
    ]);
    expect(await arns(s, { region: "us-east-1" })).toHaveLength(2);
    expect((await arns(s, { service: "s3" })).length).toBe(3);
    expect(await arns(s, { resourceType: "AWS::S3::Bucket", accountId: PROD })).toEqual([
      "arn:aws:s3:::acme-payments-invoices",
    ]);
    expect(await arns(s, { tag: "env=prod" })).toEqual([
      ec2("eu-west-1", PROD, "instance", "i-0web"),
    ]);
    expect(await arns(s, { tag: "team" })).toEqual(["arn:aws:s3:::acme-data-lake"]);
    expect(await arns(s, { tag: ["env=prod", "app=other"] })).toEqual([]);
    expect(await arns(s, { hasFindings: "yes" })).toEqual([
      ec2("eu-west-1", PROD, "instance", "i-0web"),
    ]);
    expect(await arns(s, { hasFindings: "no" })).toHaveLength(10);
  });

  it("hides deleted resources unless asked", async () => {
    const s = world.analyst;
    expect(await arns(s, { q: "old-web" })).toEqual([]);
    expect(await arns(s, { q: "old-web", deleted: "include" })).toHaveLength(1);
    expect(await arns(s, { deleted: "only" })).toEqual([
      ec2("eu-west-1", PROD, "instance", "i-0gone"),
    ]);
  });

  it("rejects bad filters and cursors with a validation error", async () => {
    const s = world.analyst;
    await expect(
      listResources({ db: t.db, scope: s, filters: { accountId: "12" } }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(
      listResources({ db: t.db, scope: s, page: { after: "garbage" } }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
  });
});

describe("facets", { timeout: 60_000 }, () => {
  it("counts every facet under the other filters, with labels", async () => {
    const f = await listResourceFacets({
      db: t.db,
      scope: world.analyst,
      filters: { service: "s3" },
    });
    const counts = (k: keyof typeof f) =>
      Object.fromEntries(f[k].values.map((v) => [v.value, v.count]));
    expect(counts("accountId")).toEqual({ [PROD]: 2, [DEV]: 1 });
    expect(f.accountId.values.find((v) => v.value === PROD)?.label).toBe(
      "payments-prod (111111111111)",
    );
    expect(counts("ouId")).toEqual({ "r-root": 3, "ou-prod": 2, "ou-dev": 1 });
    expect(f.ouId.values.find((v) => v.value === "ou-prod")?.label).toBe("Production");
    expect(counts("businessUnitId")).toEqual({ [world.units.payments]: 2, [world.units.data]: 1 });
    expect(counts("region")).toEqual({ global: 1, "eu-west-1": 1, "us-east-1": 1 });
    // the service facet ignores its own filter
    expect(counts("service")).toEqual({ ec2: 6, s3: 3, iam: 1, lambda: 1 });
    expect(counts("resourceType")).toEqual({
      "AWS::S3::Bucket": 2,
      "AWS::S3::AccountPublicAccessBlock": 1,
    });
    expect(counts("tag")).toEqual({ "classification=confidential": 1, "team=data": 1 });
    expect(counts("hasFindings")).toEqual({ no: 3 });
    expect(Object.values(f).every((x) => !x.approximate)).toBe(true);
  });
});

describe("sampled facets", { timeout: 60_000 }, () => {
  it("estimates every facet from one shared sample that, when it is the whole table, gives the exact counts", async () => {
    const sorted = (f: Awaited<ReturnType<typeof listResourceFacets>>) =>
      Object.fromEntries(
        Object.entries(f).map(([k, v]) => [k, [...v.values].sort((a, b) => a.value.localeCompare(b.value))]),
      );
    for (const [scope, filters] of [
      [world.analyst, {}],
      [world.analyst, { service: "s3" }],
      [world.analyst, { q: "web", tag: ["env=prod"], hasFindings: "yes" }],
      [world.paymentsOwner, { region: ["eu-west-1"], deleted: "include" }],
    ] as [TTenantScope, TInventoryFilters][]) {
      const exact = await listResourceFacets({ db: t.db, scope, filters });
      expect(Object.values(exact).every((x) => !x.approximate)).toBe(true);
      // The test table is far smaller than a sample: the sample reads all of it.
      for (const exactCountCap of [0, 1]) {
        const sampled = await listResourceFacets({ db: t.db, scope, filters, exactCountCap });
        // any resource past a cap of 0 sends the facet to the sample (service is never null)
        if (exactCountCap === 0) expect(sampled.service.approximate).toBe(exact.service.values.length > 0);
        expect(sorted(sampled)).toEqual(sorted(exact));
      }
    }
  });
});

describe("keyset pagination", { timeout: 60_000 }, () => {
  it("walks every page forwards and backwards without gaps or duplicates, for each sort, even while rows are added", async () => {
    const tenantId = await createTenant(t.db, "pages");
    const scope: TTenantScope = { tenantId, userId: await createUser(t.db), role: "VIEWER" };
    for (let i = 0; i < 45; i++) {
      await seed(tenantId, {
        arn: ec2("eu-west-1", PROD, "instance", `i-${String(i).padStart(3, "0")}`),
        resourceType: i % 3 === 0 ? "AWS::EC2::Volume" : "AWS::EC2::Instance",
        lastSeenAt: new Date(Date.UTC(2026, 0, 1 + (i % 5))),
      });
    }
    for (const by of ["arn", "type", "lastSeen"] as const) {
      for (const dir of ["asc", "desc"] as const) {
        const seen: string[] = [];
        const pages: string[][] = [];
        let after: string | undefined;
        let guard = 0;
        for (;;) {
          const p = await listResources({
            db: t.db,
            scope,
            sort: { by, dir },
            page: { size: 10, ...(after ? { after } : {}) },
          });
          pages.push(p.rows.map((r) => r.resourceId));
          seen.push(...p.rows.map((r) => r.resourceId));
          expect(p.total).toEqual({
            value: 45 + (by === "arn" && dir === "asc" && guard >= 1 ? 1 : 0),
            exact: true,
          });
          if (by === "arn" && dir === "asc" && guard === 0) {
            // a resource appearing before the cursor does not shift the next pages
            await seed(tenantId, { arn: ec2("eu-west-1", PROD, "instance", "i-000a-early") });
          }
          if (!p.pageInfo.next) break;
          after = p.pageInfo.next;
          if (++guard > 10) throw new Error("pagination does not end");
        }
        expect(new Set(seen).size).toBe(seen.length);
        expect(seen.filter((a) => !a.includes("early"))).toHaveLength(45);
        // back from the last page reaches the first one, page by page, in the same order
        const lastPage = await listResources({
          db: t.db,
          scope,
          sort: { by, dir },
          page: { size: 10, ...(after ? { after } : {}) },
        });
        let before = lastPage.pageInfo.prev;
        const walked = lastPage.rows.map((r) => r.resourceId);
        let back = 0;
        while (before) {
          const p = await listResources({
            db: t.db,
            scope,
            sort: { by, dir },
            page: { size: 10, before },
          });
          expect(p.rows.length, `${by} ${dir} back ${back}`).toBeGreaterThan(0);
          walked.unshift(...p.rows.map((r) => r.resourceId));
          before = p.pageInfo.prev;
          if (++back > 10) throw new Error("backwards pagination does not end");
        }
        const everything = await listResources({
          db: t.db,
          scope,
          sort: { by, dir },
          page: { size: 200 },
        });
        expect(walked).toEqual(everything.rows.map((r) => r.resourceId));
        expect(back).toBeGreaterThanOrEqual(pages.length - 1);
        if (by === "arn" && dir === "asc")
          await t.db.resource.deleteMany({
            where: { tenantId, resourceId: { contains: "early" } },
          });
      }
    }
  });
});

describe("scoping", { timeout: 60_000 }, () => {
  it("a BU_OWNER sees only the resources of their business units, in lists, facets and detail", async () => {
    const s = world.paymentsOwner;
    const all = await arns(s);
    expect(all.length).toBe(9);
    expect(all).not.toContain("arn:aws:s3:::acme-data-lake");
    expect(all.every((a) => a.includes(PROD) || a.startsWith("arn:aws:s3:::acme-payments"))).toBe(
      true,
    );
    const f = await listResourceFacets({ db: t.db, scope: s });
    expect(f.accountId.values.map((v) => v.value)).toEqual([PROD]);
    expect(f.businessUnitId.values.map((v) => v.value)).toEqual([world.units.payments]);
    await expect(
      getResource({ db: t.db, scope: s, resourceId: world.ids.lake }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const web = await getResource({ db: t.db, scope: s, resourceId: world.ids.web });
    expect(web.businessUnit?.name).toBe("Payments");
  });

  it("a BU_OWNER of a unit mapped by resource tag sees the tagged resources of any account", async () => {
    const userId = await createUser(t.db, "data-owner");
    await t.db.membership.create({ data: { tenantId: world.tenantId, userId, role: "BU_OWNER" } });
    await t.db.businessUnitOwner.create({
      data: { tenantId: world.tenantId, businessUnitId: world.units.data, userId },
    });
    expect(await arns({ tenantId: world.tenantId, userId, role: "BU_OWNER" })).toEqual([
      "arn:aws:s3:::acme-data-lake",
    ]);
  });

  it("a BU_OWNER without business units sees nothing", async () => {
    const userId = await createUser(t.db, "lonely");
    await t.db.membership.create({ data: { tenantId: world.tenantId, userId, role: "BU_OWNER" } });
    expect(await arns({ tenantId: world.tenantId, userId, role: "BU_OWNER" })).toEqual([]);
  });

  it("never shows another tenant's resources", async () => {
    const otherTenant = await createTenant(t.db, "other");
    const other: TTenantScope = {
      tenantId: otherTenant,
      userId: await createUser(t.db),
      role: "OWNER",
    };
    await seed(otherTenant, {
      arn: "arn:aws:s3:::other-tenant-bucket",
      name: "other-tenant-bucket",
      service: "s3",
      resourceType: "AWS::S3::Bucket",
    });
    expect(await arns(other)).toEqual(["arn:aws:s3:::other-tenant-bucket"]);
    expect(await arns(world.analyst, { q: "other-tenant" })).toEqual([]);
    const f = await listResourceFacets({ db: t.db, scope: other });
    expect(f.service.values).toEqual([{ value: "s3", label: "s3", count: 1 }]);
    await expect(
      getResource({ db: t.db, scope: other, resourceId: world.ids.web }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("resource detail", { timeout: 60_000 }, () => {
  const related = async (id: string) =>
    (await getResource({ db: t.db, scope: world.analyst, resourceId: id })).related
      .map((r) => `${r.relation} → ${r.resourceId}${r.id ? "" : " (missing)"}`)
      .sort();

  it("returns configuration, account, business unit, findings and the change history", async () => {
    const d = await getResource({ db: t.db, scope: world.analyst, resourceId: world.ids.web });
    expect(d.resource).toMatchObject({
      name: "web-1",
      resourceType: "AWS::EC2::Instance",
      tags: { env: "prod", app: "checkout" },
    });
    expect(d.account).toEqual({ accountId: PROD, name: "payments-prod", alias: null });
    expect(d.businessUnit?.id).toBe(world.units.payments);
    expect(d.findings.map((f) => [f.ruleId, f.status])).toEqual([
      ["aws.ec2.instance.imdsv2", "OPEN"],
    ]);
    expect(d.changes).toHaveLength(1);
    expect(d.changes[0]?.diff).toEqual({
      SecurityGroups: { before: [], after: [{ GroupId: "sg-0web" }] },
    });
    expect(d.hasBlastRadius).toBe(true);
    await expect(
      getResource({ db: t.db, scope: world.analyst, resourceId: "not-a-uuid" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("finds a resource whose id is a valid Postgres uuid but not an RFC 9562 one", async () => {
    // Imported or generated ids (md5(…)::uuid) carry no version nibble: Postgres stores them all.
    const id = "cc15cffe-04b1-b3f7-2e0f-50e4ba28a09c";
    const tenantId = await createTenant(t.db, "inv-md5");
    const userId = await createUser(t.db, "md5-analyst");
    await t.db.membership.create({ data: { tenantId, userId, role: "ANALYST" } });
    await t.db.resource.create({
      data: {
        id,
        tenantId,
        accountId: PROD,
        region: "eu-west-1",
        service: "ec2",
        resourceType: "AWS::EC2::Volume",
        resourceId: ec2("eu-west-1", PROD, "volume", "vol-0md5"),
        configuration: {},
        configurationHash: "h",
      },
    });
    const scope: TTenantScope = { tenantId, userId, role: "ANALYST" };
    const d = await getResource({ db: t.db, scope, resourceId: id });
    expect(d.resource.id).toBe(id);
  });

  it("resolves related resources in both directions", async () => {
    expect(await related(world.ids.web)).toEqual([
      `VPC → ${ec2("eu-west-1", PROD, "vpc", "vpc-0main")}`,
      "instance profile role → arn:aws:iam::111111111111:role/web-app",
      `security group → ${ec2("eu-west-1", PROD, "security-group", "sg-0web")}`,
      `subnet → ${ec2("eu-west-1", PROD, "subnet", "subnet-0a")}`,
      `volume → ${ec2("eu-west-1", PROD, "volume", "vol-0root")}`,
    ]);
    expect(await related(world.ids.sg)).toEqual([
      `VPC → ${ec2("eu-west-1", PROD, "vpc", "vpc-0main")}`,
      `used by instance → ${ec2("eu-west-1", PROD, "instance", "i-0web")}`,
    ]);
    expect(await related(world.ids.role)).toEqual([
      "runs function → arn:aws:lambda:eu-west-1:111111111111:function:settle",
      `runs instance → ${ec2("eu-west-1", PROD, "instance", "i-0web")}`,
    ]);
    expect(await related(world.ids.fn)).toEqual([
      "execution role → arn:aws:iam::111111111111:role/web-app",
    ]);
    expect(await related(world.ids.bucket)).toEqual([
      "account public access block → arn:aws:s3:::account/111111111111",
    ]);
    expect(await related(world.ids.volume)).toEqual([
      `attached to instance → ${ec2("eu-west-1", PROD, "instance", "i-0web")}`,
    ]);
    // the dev account has no account-level public access block in the inventory
    expect(await related(world.ids.lake)).toEqual([
      "account public access block → arn:aws:s3:::account/222222222222 (missing)",
    ]);
  });
});
