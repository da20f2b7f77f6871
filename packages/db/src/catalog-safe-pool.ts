import pg from "pg";

/** Postgres type oid of `name` (catalog identifiers) and `text`. */
const NAME_OID = 19;
const TEXT_OID = 25;

/**
 * A `pg.Pool` whose results report `name` columns as `text`.
 *
 * Prisma's WebAssembly schema engine reads the Postgres catalog through the driver adapter,
 * and the adapter cannot map the `name` type (prisma/prisma#27403): every migrate command
 * would fail with "Column type 'name' could not be deserialized". `name` values are plain
 * strings on the wire, so presenting them as `text` is exact.
 */
export class CatalogSafePool extends pg.Pool {
  override connect(): Promise<pg.PoolClient>;
  override connect(
    callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void,
  ): void;
  override connect(
    callback?: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void,
  ): Promise<pg.PoolClient> | void {
    if (callback) {
      super.connect((err, client, done) => callback(err, client ? patchClient(client) : client, done));
      return;
    }
    return super.connect().then(patchClient);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const result = (super.query as any)(...args);
    return result && typeof result.then === "function" ? result.then(rewriteNameColumns) : result;
  }
}

const patched = new WeakSet<pg.PoolClient>();

function patchClient(client: pg.PoolClient): pg.PoolClient {
  if (patched.has(client)) return client;
  patched.add(client);
  const original = client.query.bind(client);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  (client as any).query = (...args: any[]) => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const result = (original as any)(...args);
    return result && typeof result.then === "function" ? result.then(rewriteNameColumns) : result;
  };
  return client;
}

function rewriteNameColumns<T>(result: T): T {
  const results = Array.isArray(result) ? result : [result];
  for (const r of results) {
    const fields = (r as { fields?: { dataTypeID: number }[] } | undefined)?.fields;
    if (!fields) continue;
    for (const field of fields) if (field.dataTypeID === NAME_OID) field.dataTypeID = TEXT_OID;
  }
  return result;
}

export function createCatalogSafePool(connectionString: string): CatalogSafePool {
  return new CatalogSafePool({ connectionString, max: 4 });
}
