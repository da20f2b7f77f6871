/**
 * Bulk writes with Postgres `COPY … FROM STDIN` on the same connection pool as the Prisma client.
 *
 * Prisma sends every row through its query engine; at a million rows that costs minutes. COPY
 * streams rows in Postgres' text format at hundreds of thousands of rows per second. The usual
 * shape is: open a connection, create a temporary table, COPY the rows into it, then one
 * set-based `INSERT … SELECT … ON CONFLICT` or swap, all in one transaction.
 */
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

/** A value COPY can write in text format. Objects (not Dates or arrays) are written as JSON. */
export type TCopyValue = string | number | bigint | boolean | Date | null | undefined | readonly TCopyValue[] | object;

export interface TCopyRowsOptions {
  /** A table name, optionally schema-qualified; quoted identifiers are passed through as given. */
  table: string;
  columns: readonly string[];
  rows: Iterable<readonly TCopyValue[]> | AsyncIterable<readonly TCopyValue[]>;
}

const IDENTIFIER = /^(?:"[^"]+"|[A-Za-z_][A-Za-z0-9_]*)(?:\.(?:"[^"]+"|[A-Za-z_][A-Za-z0-9_]*))?$/;
const BATCH_BYTES = 256 * 1024;

/** Streams `rows` into `table` with COPY on `client`. Returns the number of rows written. */
export async function copyRows(client: pg.PoolClient | pg.Client, { table, columns, rows }: TCopyRowsOptions): Promise<number> {
  if (!IDENTIFIER.test(table)) throw new Error(`copyRows: "${table}" is not a table name`);
  for (const c of columns) if (!IDENTIFIER.test(c)) throw new Error(`copyRows: "${c}" is not a column name`);
  const width = columns.length;
  let count = 0;
  async function* encode() {
    let chunk = "";
    for await (const row of rows) {
      if (row.length !== width) throw new Error(`copyRows: a row has ${row.length} values for ${width} columns of ${table}`);
      chunk += encodeCopyRow(row);
      count++;
      if (chunk.length >= BATCH_BYTES) {
        yield chunk;
        chunk = "";
      }
    }
    if (chunk) yield chunk;
  }
  const sink = client.query(copyFrom(`COPY ${table} (${columns.join(", ")}) FROM STDIN`));
  await pipeline(Readable.from(encode()), sink);
  return count;
}

/** One row in COPY text format, newline-terminated. */
export function encodeCopyRow(row: readonly TCopyValue[]): string {
  let line = "";
  for (let i = 0; i < row.length; i++) {
    if (i > 0) line += "\t";
    line += encodeCopyValue(row[i]);
  }
  return line + "\n";
}

function encodeCopyValue(value: TCopyValue): string {
  if (value === null || value === undefined) return "\\N";
  if (typeof value === "string") return escapeText(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`copyRows: ${value} cannot be written`);
    return String(value);
  }
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "boolean") return value ? "t" : "f";
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return escapeText(encodeArrayLiteral(value));
  return escapeText(JSON.stringify(value));
}

/** A Postgres array literal (`{"a","b"}`) for text-like element types. */
function encodeArrayLiteral(values: readonly TCopyValue[]): string {
  const parts = values.map((v) => {
    if (v === null || v === undefined) return "NULL";
    if (Array.isArray(v)) return encodeArrayLiteral(v);
    const s = v instanceof Date ? v.toISOString() : typeof v === "object" ? JSON.stringify(v) : String(v);
    return `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
  });
  return `{${parts.join(",")}}`;
}

function escapeText(s: string): string {
  if (!/[\\\t\n\r]/.test(s)) return s;
  return s.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
}
