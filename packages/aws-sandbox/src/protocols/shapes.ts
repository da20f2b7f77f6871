/**
 * Read access to src/generated/aws-shapes.json (built from the SDK's own schemas by
 * scripts/generate-shapes.ts): output shapes, REST bindings and error codes per service.
 */
import { readFileSync } from "node:fs";

export type TShapeRef = string | TInlineShape;
export type TInlineShape =
  | { k: "list"; m: TShapeRef; mx?: string; f?: 1 }
  | { k: "map"; key: TShapeRef; v: TShapeRef; kx?: string; vx?: string; f?: 1 };
export interface TMember {
  /** member name (the SDK's) */
  n: string;
  s: TShapeRef;
  /** xmlName */
  x?: string;
  /** xmlFlattened */
  f?: 1;
  /** jsonName */
  j?: string;
  /** xmlAttribute */
  a?: 1;
  /** httpHeader */
  h?: string;
  /** httpPayload */
  p?: 1;
  /** httpLabel */
  l?: 1;
  /** httpQuery */
  q?: string;
}
export type TStructShape = { k: "struct"; m: TMember[]; x?: string };
export type TShape = TStructShape | TInlineShape;

export interface TServiceShapes {
  namespace: string;
  operations: Record<string, { input: string; output: string; http?: [string, string, number] }>;
  errors: Record<string, { code: string; status: number; fault: string }>;
}

export interface TShapeTable {
  services: Record<string, TServiceShapes>;
  shapes: Record<string, TShape>;
}

/** Loads the generated shape table (read once per process by the caller that needs it). */
export function readShapeTable(): TShapeTable {
  const url = new URL("../generated/aws-shapes.json", import.meta.url);
  return JSON.parse(readFileSync(url, "utf8")) as TShapeTable;
}

let cached: TShapeTable | undefined;
/** The shape table, parsed on first use (immutable data, safe to share). */
export function getShapeTable(): TShapeTable {
  cached ??= readShapeTable();
  return cached;
}

export function resolveShape(table: TShapeTable, ref: TShapeRef): TShape | string {
  if (typeof ref !== "string") return ref;
  return table.shapes[ref] ?? ref;
}

const TIMESTAMP_KINDS = new Set(["timestamp", "ts:date-time", "ts:http-date", "ts:epoch-seconds"]);
export function isTimestampKind(kind: string): boolean {
  return TIMESTAMP_KINDS.has(kind);
}

/** Member names that are timestamps in some served output shape (for world validation). */
export function listTimestampMemberNames(table: TShapeTable): Set<string> {
  const names = new Set<string>();
  for (const shape of Object.values(table.shapes)) {
    if (shape.k !== "struct") continue;
    for (const member of shape.m) {
      if (typeof member.s === "string" && isTimestampKind(member.s)) names.add(member.n);
    }
  }
  return names;
}
