import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client";

export const DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/guardrail";

/** Columns that must never leave the database unless a query asks for them by name. */
const SECRET_COLUMNS = { user: { passwordHash: true } } as const;

export interface TCreateDbOptions {
  databaseUrl: string;
  /** Connections in the pool (default 10). */
  poolSize?: number;
}

/** The node-postgres pool behind each client, for bulk work Prisma is not made for (COPY). */
const pools = new WeakMap<object, pg.Pool>();

/**
 * A Prisma client on the node-postgres driver adapter. Secret columns (password hashes) are
 * omitted from every query by default; read them only with `omit: { passwordHash: false }`.
 * `$disconnect()` also closes the pool.
 */
export function createDb({ databaseUrl, poolSize = 10 }: TCreateDbOptions) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  const db = new PrismaClient({ adapter, omit: SECRET_COLUMNS });
  pools.set(db, pool);
  return db;
}

export type TDb = ReturnType<typeof createDb>;

/**
 * Runs `fn` on one pooled node-postgres connection of `db` (the pool Prisma uses), for COPY and
 * temporary tables. `fn` manages its own transaction (`BEGIN` / `COMMIT`); a connection that
 * threw is discarded rather than returned to the pool mid-transaction.
 */
export async function withPgConnection<T>(db: TDb, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const pool = pools.get(db);
  if (!pool) throw new Error("withPgConnection: this client was not made by createDb");
  const client = await pool.connect();
  try {
    const result = await fn(client);
    client.release();
    return result;
  } catch (error) {
    client.release(error instanceof Error ? error : new Error(String(error)));
    throw error;
  }
}
