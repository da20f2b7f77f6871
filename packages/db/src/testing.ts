/**
 * Isolated databases for integration tests: every test file gets its own database, cloned
 * from a template that has every migration applied. Real Postgres, no mocks: a test that
 * cannot reach Postgres fails.
 */
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { createDb, type TDb } from "./client";

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), "../../../prisma/migrations");
const ADMIN_URL = process.env.GUARDRAIL_TEST_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** The template's name changes whenever a migration changes, so a stale template is never used. */
function templateName(): string {
  const migrations = readdirSync(MIGRATIONS_DIR).filter((d) => !d.endsWith(".toml")).sort();
  let hash = 0;
  for (const m of migrations) {
    const sql = readFileSync(join(MIGRATIONS_DIR, m, "migration.sql"), "utf8");
    for (let i = 0; i < sql.length; i++) hash = (Math.imul(hash, 31) + sql.charCodeAt(i)) | 0;
  }
  return `guardrail_template_${(hash >>> 0).toString(16)}`;
}

async function ensureTemplate(admin: pg.Client, name: string): Promise<void> {
  // Serialise template creation across parallel test workers.
  await admin.query("SELECT pg_advisory_lock(727274)");
  try {
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (exists.rowCount) return;
    const building = `${name}_building`;
    await admin.query(`DROP DATABASE IF EXISTS "${building}"`);
    await admin.query(`CREATE DATABASE "${building}"`);
    const client = new pg.Client({ connectionString: withDatabase(ADMIN_URL, building) });
    await client.connect();
    try {
      const migrations = readdirSync(MIGRATIONS_DIR).filter((d) => !d.endsWith(".toml")).sort();
      for (const m of migrations) {
        await client.query(readFileSync(join(MIGRATIONS_DIR, m, "migration.sql"), "utf8"));
      }
    } finally {
      await client.end();
    }
    await admin.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
  } finally {
    await admin.query("SELECT pg_advisory_unlock(727274)");
  }
}

export interface TTestDatabase {
  url: string;
  name: string;
  db: TDb;
  drop(): Promise<void>;
}

/** `name`: a database name of your own (benchmarks); a random one per call by default. */
export async function createTestDatabase(opts: { name?: string } = {}): Promise<TTestDatabase> {
  if (opts.name !== undefined && !/^[a-z_][a-z0-9_]*$/.test(opts.name)) throw new Error(`not a plain database name: ${opts.name}`);
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  try {
    await admin.connect();
  } catch (err) {
    throw new Error(
      `cannot reach Postgres at ${new URL(ADMIN_URL).host} for integration tests (${(err as Error).message}). ` +
        "Start it (see CONTRIBUTING.md) or set GUARDRAIL_TEST_ADMIN_URL.",
    );
  }
  const template = templateName();
  const name = opts.name ?? `guardrail_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  try {
    await ensureTemplate(admin, template);
    if (opts.name !== undefined) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(ADMIN_URL, name);
  const db = createDb({ databaseUrl: url, poolSize: 5 });
  return {
    url,
    name,
    db,
    async drop() {
      await db.$disconnect();
      const a = new pg.Client({ connectionString: ADMIN_URL });
      await a.connect();
      try {
        await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await a.end();
      }
    },
  };
}
