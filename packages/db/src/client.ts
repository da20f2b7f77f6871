import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";

export const DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/guardrail";

/** Columns that must never leave the database unless a query asks for them by name. */
const SECRET_COLUMNS = { user: { passwordHash: true } } as const;

export interface TCreateDbOptions {
  databaseUrl: string;
  /** Connections in the pool (default 10). */
  poolSize?: number;
}

/**
 * A Prisma client on the node-postgres driver adapter. Secret columns (password hashes) are
 * omitted from every query by default; read them only with `omit: { passwordHash: false }`.
 */
export function createDb({ databaseUrl, poolSize = 10 }: TCreateDbOptions) {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: poolSize });
  return new PrismaClient({ adapter, omit: SECRET_COLUMNS });
}

export type TDb = ReturnType<typeof createDb>;
