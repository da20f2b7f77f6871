import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const MIGRATIONS_DIR = join(import.meta.dirname, "../../../prisma/migrations");

/**
 * `prisma migrate deploy` on the driver adapter (the only way it works offline) sends a migration
 * one statement at a time, split on semicolons: a dollar-quoted body (DO $$ … $$, a function) or
 * a semicolon in a comment breaks it, while the test template (applied whole by node-postgres)
 * would not notice. Caught here, before CI's migrate step.
 */
describe("migrations", () => {
  const migrations = readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => ({ name: d.name, sql: readFileSync(join(MIGRATIONS_DIR, d.name, "migration.sql"), "utf8") }));

  it("are found", () => {
    expect(migrations.length).toBeGreaterThan(5);
  });

  it.each(migrations.map((m) => [m.name, m.sql] as const))("%s splits cleanly on semicolons", (_name, sql) => {
    expect(sql).not.toMatch(/\$[A-Za-z_]*\$/);
    const commentsWithSemicolons = sql.split("\n").filter((line) => /--.*;/.test(line));
    expect(commentsWithSemicolons).toEqual([]);
  });
});
