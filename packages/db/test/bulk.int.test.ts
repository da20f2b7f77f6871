import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyRows, encodeCopyRow, withPgConnection } from "../src";
import { createTestDatabase, type TTestDatabase } from "../src/testing";

let t: TTestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

describe("encodeCopyRow", () => {
  it("escapes COPY's separators and writes NULL, booleans, dates, arrays and JSON", () => {
    const row = encodeCopyRow(["a\tb\nc\\d\re", null, undefined, true, 42, new Date("2026-01-02T03:04:05.000Z"), ["x", 'y"z', null], { k: "v\t" }]);
    expect(row).toBe('a\\tb\\nc\\\\d\\re\t\\N\t\\N\tt\t42\t2026-01-02T03:04:05.000Z\t{"x","y\\\\"z",NULL}\t{"k":"v\\\\t"}\n');
  });

  it("refuses a number COPY would store as text", () => {
    expect(() => encodeCopyRow([Number.NaN])).toThrow(/cannot be written/);
  });
});

describe("copyRows", () => {
  it("writes every row exactly as given, in one transaction with a set-based upsert after it", async () => {
    await t.db.$executeRawUnsafe(`CREATE TABLE bulk_target (id text PRIMARY KEY, note text, tags text[], doc jsonb, seen timestamptz, n int)`);
    await t.db.$executeRawUnsafe(`INSERT INTO bulk_target (id, note, n) VALUES ('r-0', 'old', 0)`);
    const rows = Array.from({ length: 20_000 }, (_, i) => [
      `r-${i}`,
      i % 7 === 0 ? null : `line ${i}\twith\ttabs\nand a newline \\ backslash ü`,
      [`team:${i % 3}`, "a,b", 'q"uote'],
      { index: i, nested: { text: "tab\there" } },
      new Date(Date.UTC(2026, 0, 1, 0, 0, i % 60)),
      i,
    ]);
    const written = await withPgConnection(t.db, async (client) => {
      await client.query("BEGIN");
      await client.query("CREATE TEMP TABLE bulk_stage (LIKE bulk_target) ON COMMIT DROP");
      const n = await copyRows(client, { table: "bulk_stage", columns: ["id", "note", "tags", "doc", "seen", "n"], rows });
      await client.query(
        `INSERT INTO bulk_target SELECT * FROM bulk_stage ON CONFLICT (id) DO UPDATE SET note = EXCLUDED.note, n = EXCLUDED.n`,
      );
      await client.query("COMMIT");
      return n;
    });
    expect(written).toBe(20_000);
    const back = await t.db.$queryRawUnsafe<{ id: string; note: string | null; tags: string[]; doc: unknown; seen: Date; n: number }[]>(
      `SELECT id, note, tags, doc, seen, n FROM bulk_target WHERE id IN ('r-0', 'r-1', 'r-19999') ORDER BY n`,
    );
    expect(back).toHaveLength(3);
    expect(back[0]).toMatchObject({ id: "r-0", note: null, n: 0 });
    expect(back[1]).toMatchObject({
      id: "r-1",
      note: "line 1\twith\ttabs\nand a newline \\ backslash ü",
      tags: ["team:1", "a,b", 'q"uote'],
      doc: { index: 1, nested: { text: "tab\there" } },
    });
    expect(back[1]!.seen.toISOString()).toBe("2026-01-01T00:00:01.000Z");
    expect(back[2]).toMatchObject({ id: "r-19999", n: 19_999 });
  });

  it("writes nothing when a row is malformed, and the pool stays usable", async () => {
    await t.db.$executeRawUnsafe(`CREATE TABLE bulk_strict (id text PRIMARY KEY, n int NOT NULL)`);
    await expect(
      withPgConnection(t.db, async (client) => {
        await client.query("BEGIN");
        await copyRows(client, { table: "bulk_strict", columns: ["id", "n"], rows: [["a", 1], ["b"]] });
        await client.query("COMMIT");
      }),
    ).rejects.toThrow(/1 values for 2 columns/);
    await expect(
      withPgConnection(t.db, (client) => copyRows(client, { table: "bulk_strict", columns: ["id", "n"], rows: [["a", "not a number"]] })),
    ).rejects.toThrow(/invalid input syntax for type integer/);
    const count = await t.db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM bulk_strict`);
    expect(count[0]!.n).toBe(0);
  });

  it("refuses names that are not plain identifiers", async () => {
    await expect(
      withPgConnection(t.db, (client) => copyRows(client, { table: "x; DROP TABLE y", columns: ["id"], rows: [] })),
    ).rejects.toThrow(/not a table name/);
  });
});
