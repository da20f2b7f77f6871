import type { Prisma, TDb } from "@guardrail/db";

/**
 * What a hot write path needs of a connection: node-postgres' `query(text, values)`. A pooled
 * connection from `withPgConnection` satisfies it, and so does a Prisma client or transaction
 * through `runSql` (for callers that already hold a Prisma transaction).
 */
export interface TPgQueryable {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** A Prisma client or transaction, or a node-postgres connection. */
export type TSqlClient = Prisma.TransactionClient | TDb | TPgQueryable;

/**
 * Runs one parameterised statement (`$1`, `$2`… placeholders) and returns its rows. On a
 * node-postgres connection the statement skips Prisma's query engine entirely (about a third
 * of a collection task's worker CPU went there).
 */
export async function runSql<R>(db: TSqlClient, text: string, values: unknown[]): Promise<R[]> {
  if ("$queryRawUnsafe" in db) return db.$queryRawUnsafe<R[]>(text, ...values);
  return (await db.query(text, values)).rows as R[];
}

/**
 * A timestamp parameter for a `timestamp(3)` column (Prisma's `DateTime`, stored as UTC): pass
 * `$n::timestamp`. An ISO string keeps it independent of the process's time zone (node-postgres
 * would write a `Date` in local time).
 */
export const sqlTimestamp = (d: Date): string => d.toISOString();
