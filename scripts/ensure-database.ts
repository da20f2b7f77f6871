// Creates the database named in DATABASE_URL when it does not exist yet.
import pg from "pg";

const url = new URL(process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/guardrail");
const name = decodeURIComponent(url.pathname.slice(1));
const admin = new URL(url);
admin.pathname = "/postgres";
const client = new pg.Client({ connectionString: admin.toString() });
await client.connect();
try {
  const exists = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
  if (!exists.rowCount) {
    await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    console.log(`[guardrail] created database ${name}`);
  }
} finally {
  await client.end();
}
