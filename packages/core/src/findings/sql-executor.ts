import type { Prisma, withPgConnection } from "@guardrail/db";

/** The node-postgres connection `withPgConnection` lends. */
export type TPgConnection = Parameters<Parameters<typeof withPgConnection>[1]>[0];

/**
 * What the set-based SQL helpers run on: the Prisma client, one of its interactive
 * transactions, or a node-postgres connection wrapped by `createPgSqlExecutor` (bulk paths
 * that also COPY on that connection). Queries are `Prisma.sql` fragments.
 */
export interface TSqlExecutor {
  $executeRaw(query: Prisma.Sql): Promise<number>;
  $executeRawUnsafe(query: string): Promise<number>;
  $queryRaw<T = unknown>(query: Prisma.Sql): Promise<T>;
}

/**
 * A `TSqlExecutor` over one node-postgres connection (e.g. from `withPgConnection`): the same
 * `Prisma.sql` fragments, sent with `$1…` placeholders. Dates are sent as UTC ISO strings, as
 * Prisma sends them (the schema's `timestamp` columns hold UTC), whatever the process time zone.
 */
export function createPgSqlExecutor(client: TPgConnection): TSqlExecutor {
  const run = (query: Prisma.Sql) => client.query(query.text, query.values.map(toPgValue));
  return {
    async $executeRaw(query) {
      return (await run(query)).rowCount ?? 0;
    },
    async $executeRawUnsafe(query) {
      return (await client.query(query)).rowCount ?? 0;
    },
    async $queryRaw<T>(query: Prisma.Sql) {
      return (await run(query)).rows as T;
    },
  };
}

function toPgValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toPgValue);
  return value;
}
