import { createDb, withPgConnection, type TDb } from "@guardrail/db";
import { createTestDatabase, type TTestDatabase } from "@guardrail/db/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  persistCollection,
  type TInventoryCollection,
  type TInventoryResource,
  type TPersistCollectionSummary,
} from "../src";
import { createPgSqlExecutor } from "../src/findings/sql-executor";

let t: TTestDatabase;
let db: TDb;
let tenantId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  // Enough connections for the concurrent transactions below.
  db = createDb({ databaseUrl: t.url, poolSize: 12 });
  tenantId = (await db.tenant.create({ data: { name: "Persist", slug: "persist" } })).id;
});
afterAll(async () => {
  await db?.$disconnect();
  await t?.drop();
});

const policy = (accountId: string, n: number, version = 1): TInventoryResource => ({
  accountId,
  region: "global",
  service: "iam",
  resourceType: "AWS::IAM::ManagedPolicy",
  // AWS-managed policies have one ARN in every account: collections of two accounts share rows.
  resourceId: `arn:aws:iam::aws:policy/Policy${String(n).padStart(4, "0")}`,
  name: `Policy${n}`,
  tags: { team: "core", "with'quote": 'a"b' },
  configuration: { DefaultVersionId: `v${version}`, Document: { Statement: [{ n }] } },
});
const iam = (accountId: string, resources: TInventoryResource[]): TInventoryCollection => ({
  accountId,
  region: "global",
  service: "iam",
  status: "COMPLETE",
  resources,
  errors: [],
  apiCalls: 1,
});
type TPersist = (c: TInventoryCollection, now?: Date) => Promise<TPersistCollectionSummary>;
/** The two transactions the product uses: Prisma's (organization task) and node-postgres'. */
const persistWith: [string, TPersist][] = [
  [
    "a Prisma transaction",
    (c, now = new Date()) =>
      db.$transaction(
        (tx) => persistCollection(tx, { tenantId, scanId: null, collection: c, now }),
        {
          timeout: 60_000,
        },
      ),
  ],
  [
    "a node-postgres transaction",
    (c, now = new Date()) =>
      withPgConnection(db, async (client) => {
        await client.query("BEGIN");
        const summary = await persistCollection(createPgSqlExecutor(client), {
          tenantId,
          scanId: null,
          collection: c,
          now,
        });
        await client.query("COMMIT");
        return summary;
      }),
  ],
];

describe.each(persistWith)("set-based inventory persistence in %s", (_, persist) => {
  beforeEach(async () => {
    await db.resourceChange.deleteMany({ where: { tenantId } });
    await db.resource.deleteMany({ where: { tenantId } });
  });

  it("persists hundreds of resources in one statement, keeping JSON, tags and counts exact", async () => {
    const many = Array.from({ length: 400 }, (_, i) => policy("111111111111", i));
    const firstSeen = new Date("2026-03-01T10:20:30.456Z");
    expect(await persist(iam("111111111111", many), firstSeen)).toMatchObject({ created: 400 });
    const row = await db.resource.findFirstOrThrow({
      where: { tenantId, resourceId: many[7]!.resourceId },
    });
    // Timestamps are stored as UTC whatever the process's time zone.
    expect(row.firstSeenAt.toISOString()).toBe(firstSeen.toISOString());
    expect(row.tags).toEqual({ team: "core", "with'quote": 'a"b' });
    expect(row.configuration).toEqual({
      DefaultVersionId: "v1",
      Document: { Statement: [{ n: 7 }] },
    });
    // A second pass with 10 changed: 10 UPDATED with their diff, 390 unchanged.
    const next = many.map((r, i) => (i < 10 ? policy("111111111111", i, 2) : r));
    expect(await persist(iam("111111111111", next))).toMatchObject({
      created: 0,
      updated: 10,
      unchanged: 390,
      deleted: 0,
    });
    const diff = await db.resourceChange.findFirstOrThrow({
      where: { tenantId, type: "UPDATED" },
    });
    expect(diff.diff).toEqual({ DefaultVersionId: { before: "v1", after: "v2" } });
  });

  it("concurrent collections sharing rows in opposite orders never deadlock", async () => {
    const shared = Array.from({ length: 200 }, (_, i) => policy("222222222222", 1000 + i));
    const runs: Promise<unknown>[] = [];
    for (let k = 0; k < 8; k++) {
      const order = k % 2 === 0 ? shared : [...shared].reverse();
      const version = k % 3;
      runs.push(
        persist(
          iam(
            "222222222222",
            order.map((r, i) => policy("222222222222", 1000 + (k % 2 ? 199 - i : i), version)),
          ),
        ),
      );
    }
    const results = await Promise.allSettled(runs);
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    expect(
      await db.resource.count({ where: { tenantId, accountId: "222222222222", deletedAt: null } }),
    ).toBe(200);
  });
});
