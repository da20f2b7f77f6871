import pg from "pg";
import { Redis } from "ioredis";
import type { TWebEnv } from "@/env";

function hostOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || (u.protocol.startsWith("redis") ? "6379" : "5432")}`;
  } catch {
    return "(unparseable URL)";
  }
}

/** Throws a readable error when Postgres or Redis cannot be reached or the schema is missing. */
export async function checkServices(env: Pick<TWebEnv, "DATABASE_URL" | "REDIS_URL">): Promise<void> {
  const client = new pg.Client({ connectionString: env.DATABASE_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    const migrated = await client.query(`SELECT to_regclass('public."Tenant"') AS t`);
    if (!migrated.rows[0]?.t) {
      throw new Error(`database at ${hostOf(env.DATABASE_URL)} has no Guardrail schema — run \`npm run db:migrate\``);
    }
  } catch (err) {
    const message = (err as Error).message;
    if (message.includes("Guardrail schema")) throw err;
    throw new Error(
      `cannot reach Postgres at ${hostOf(env.DATABASE_URL)} (${message}) — start it with \`docker compose up -d postgres\` or set DATABASE_URL`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }

  const redis = new Redis(env.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 5000, retryStrategy: () => null });
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    throw new Error(
      `cannot reach Redis at ${hostOf(env.REDIS_URL)} (${(err as Error).message}) — start it with \`docker compose up -d redis\` or set REDIS_URL`,
    );
  } finally {
    redis.disconnect();
  }
}
