/**
 * Shape-driven serializers for the AWS wire protocols: XML bodies (awsQuery, ec2Query,
 * restXml) and JSON bodies (awsJson1_0/1_1, restJson1). Values come from the world in
 * SDK member names; the shape table says each member's wire name, list/map layout and
 * timestamp format.
 */
import type { TMember, TShapeRef, TShapeTable, TStructShape } from "./shapes";

const XML_SPECIAL = /[&<>"'\r]/;
export function escapeXml(value: string): string {
  if (!XML_SPECIAL.test(value)) return value;
  return value.replace(/[&<>"'\r]/g, (c) => XML_ESCAPES[c] ?? c);
}

const membersByName = new WeakMap<TStructShape, Map<string, TMember>>();
/** The struct's members by SDK name (built once per shape): serializers walk the value's own keys. */
function getMembersByName(shape: TStructShape): Map<string, TMember> {
  let map = membersByName.get(shape);
  if (!map) {
    map = new Map(shape.m.map((member) => [member.n, member] as const));
    membersByName.set(shape, map);
  }
  return map;
}
const XML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
  "\r": "&#13;",
};

/** A timestamp already in toISOString() form (the loader resolves world timestamps to it). */
const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

function toDate(value: unknown): Date | undefined {
  if (value instanceof Date) return value;
  if (typeof value === "number") return new Date(value * 1000);
  if (typeof value === "string") {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : new Date(ms);
  }
  return undefined;
}

function formatXmlScalar(kind: string, value: unknown): string {
  switch (kind) {
    case "timestamp":
    case "ts:date-time": {
      if (typeof value === "string" && ISO_UTC.test(value)) return value;
      const date = toDate(value);
      return date ? date.toISOString() : String(value);
    }
    case "ts:http-date": {
      const date = toDate(value);
      return date ? date.toUTCString() : String(value);
    }
    case "ts:epoch-seconds": {
      const date = toDate(value);
      return date ? String(date.getTime() / 1000) : String(value);
    }
    case "blob":
      return Buffer.isBuffer(value) ? value.toString("base64") : Buffer.from(String(value)).toString("base64");
    case "document":
      return escapeXml(typeof value === "string" ? value : JSON.stringify(value));
    default:
      return escapeXml(typeof value === "object" ? JSON.stringify(value) : String(value));
  }
}

/** XML for the members of a structure (the children of its element). */
export function writeXmlMembers(table: TShapeTable, shapeId: string, value: Record<string, unknown>): string {
  const shape = table.shapes[shapeId];
  if (!shape || shape.k !== "struct") return "";
  const members = getMembersByName(shape);
  let out = "";
  for (const key in value) {
    const member = members.get(key);
    if (!member || member.a || member.h || member.p) continue;
    const v = value[key];
    if (v === undefined || v === null) continue;
    out += writeXmlMember(table, member, v);
  }
  return out;
}

function writeXmlMember(table: TShapeTable, member: TMember, value: unknown): string {
  const name = member.x ?? member.n;
  return writeXmlValue(table, member.s, name, value, member.f === 1);
}

function xmlAttributes(table: TShapeTable, shape: TStructShape, value: Record<string, unknown>): string {
  let attributes = "";
  for (const member of shape.m) {
    if (!member.a) continue;
    const v = value[member.n];
    if (v === undefined || v === null) continue;
    const name = member.x ?? member.n;
    if (name.startsWith("xsi:")) attributes += ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';
    attributes += ` ${name}="${escapeXml(String(v))}"`;
  }
  return attributes;
}

/** One element `<name>…</name>` (or several, for a flattened list or map). */
export function writeXmlValue(table: TShapeTable, ref: TShapeRef, name: string, value: unknown, flattened = false): string {
  if (typeof ref === "string") {
    const shape = table.shapes[ref];
    if (!shape) return `<${name}>${formatXmlScalar(ref, value)}</${name}>`;
    if (shape.k === "struct") {
      const object = (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;
      return `<${name}${xmlAttributes(table, shape, object)}>${writeXmlMembers(table, ref, object)}</${name}>`;
    }
    return writeXmlValue(table, shape, name, value, flattened);
  }
  if (ref.k === "list") {
    const items: unknown[] = Array.isArray(value) ? value : [];
    const flat = flattened || ref.f;
    const itemName = flat ? name : (ref.mx ?? "member");
    let out = "";
    for (const item of items) out += writeXmlValue(table, ref.m, itemName, item);
    return flat ? out : `<${name}>${out}</${name}>`;
  }
  const entries = Object.entries((value ?? {}) as Record<string, unknown>);
  const keyName = ref.kx ?? "key";
  const valueName = ref.vx ?? "value";
  const body = entries
    .map(([k, v]) => `${writeXmlValue(table, ref.key, keyName, k)}${writeXmlValue(table, ref.v, valueName, v)}`)
    .map((pair) => (flattened || ref.f ? `<${name}>${pair}</${name}>` : `<entry>${pair}</entry>`))
    .join("");
  return flattened || ref.f ? body : `<${name}>${body}</${name}>`;
}

function formatJsonScalar(kind: string, value: unknown): unknown {
  switch (kind) {
    case "timestamp":
    case "ts:epoch-seconds": {
      const date = toDate(value);
      return date ? date.getTime() / 1000 : value;
    }
    case "ts:date-time": {
      const date = toDate(value);
      return date ? date.toISOString() : value;
    }
    case "ts:http-date": {
      const date = toDate(value);
      return date ? date.toUTCString() : value;
    }
    case "blob":
      return Buffer.isBuffer(value) ? value.toString("base64") : Buffer.from(String(value)).toString("base64");
    case "number":
      return typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value)) ? Number(value) : value;
    case "boolean":
      return value === "true" ? true : value === "false" ? false : value;
    default:
      return value;
  }
}

/** The JSON value of `value` under shape `ref` (`useJsonName`: restJson1's jsonName trait). */
export function toJsonValue(table: TShapeTable, ref: TShapeRef, value: unknown, useJsonName: boolean): unknown {
  if (value === undefined || value === null) return undefined;
  if (typeof ref === "string") {
    const shape = table.shapes[ref];
    if (!shape) return formatJsonScalar(ref, value);
    if (shape.k === "struct") {
      if (typeof value !== "object") return value;
      const object = value as Record<string, unknown>;
      const members = getMembersByName(shape);
      const out: Record<string, unknown> = {};
      for (const key in object) {
        const member = members.get(key);
        if (!member || member.h || member.l || member.q) continue;
        const converted = toJsonValue(table, member.s, object[key], useJsonName);
        if (converted !== undefined) out[useJsonName ? (member.j ?? member.n) : member.n] = converted;
      }
      return out;
    }
    return toJsonValue(table, shape, value, useJsonName);
  }
  if (ref.k === "list") {
    return Array.isArray(value) ? value.map((item) => toJsonValue(table, ref.m, item, useJsonName) ?? null) : [];
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = toJsonValue(table, ref.v, v, useJsonName);
  return out;
}
