/**
 * Builds src/generated/aws-shapes.json from the AWS SDK v3 clients' own schemas: for every
 * operation the sandbox serves, the output shape tree (wire names, list member names,
 * flattening, timestamp formats), the HTTP binding of REST operations and the error shapes.
 * The server reads only that JSON at run time (it never imports the SDK).
 *
 * Run after upgrading an `@aws-sdk/client-*` devDependency:
 *   npx tsx packages/aws-sandbox/scripts/generate-shapes.ts
 */
import { NormalizedSchema } from "@smithy/core/schema";
import { createRequire } from "node:module";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { SERVED_OPERATIONS } from "../src/served-operations";

type TShapeRef = string | TInlineShape;
type TInlineShape =
  | { k: "list"; m: TShapeRef; mx?: string; f?: 1 }
  | { k: "map"; key: TShapeRef; v: TShapeRef; kx?: string; vx?: string; f?: 1 };
interface TMember {
  n: string;
  s: TShapeRef;
  x?: string;
  f?: 1;
  j?: string;
  a?: 1;
  h?: string;
  p?: 1;
  l?: 1;
  q?: string;
}
type TShape = { k: "struct"; m: TMember[]; x?: string } | TInlineShape;

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

const CLIENT_PACKAGES: Record<string, string> = {
  sts: "client-sts",
  organizations: "client-organizations",
  iam: "client-iam",
  ec2: "client-ec2",
  s3: "client-s3",
  s3control: "client-s3-control",
  lambda: "client-lambda",
  eks: "client-eks",
  sqs: "client-sqs",
  sns: "client-sns",
  rds: "client-rds",
  cloudtrail: "client-cloudtrail",
  kms: "client-kms",
  guardduty: "client-guardduty",
  config: "client-config-service",
  accessanalyzer: "client-accessanalyzer",
  route53: "client-route-53",
  ecs: "client-ecs",
  secretsmanager: "client-secrets-manager",
};

const SIMPLE: Record<number, string> = {
  0: "string",
  1: "number",
  2: "boolean",
  4: "timestamp",
  5: "ts:date-time",
  6: "ts:http-date",
  7: "ts:epoch-seconds",
  15: "document",
  17: "number",
  19: "number",
  21: "blob",
  42: "blob",
};

const shapes: Record<string, TShape> = {};

function describeRef(ns: NormalizedSchema): TShapeRef {
  if (ns.isStructSchema()) {
    const id = ns.getName(true) as string;
    if (!shapes[id]) {
      const shape: TShape = { k: "struct", m: [] };
      const own = ns.getOwnTraits() as Record<string, unknown>;
      if (typeof own.xmlName === "string") shape.x = own.xmlName;
      shapes[id] = shape;
      for (const [name, member] of ns.structIterator()) {
        shape.m.push(describeMember(name, member));
      }
    }
    return id;
  }
  if (ns.isListSchema()) {
    const member = ns.getValueSchema();
    const traits = member.getMergedTraits() as Record<string, unknown>;
    const list: TInlineShape = { k: "list", m: describeRef(member) };
    if (typeof traits.xmlName === "string") list.mx = traits.xmlName;
    return list;
  }
  if (ns.isMapSchema()) {
    const key = ns.getKeySchema();
    const value = ns.getValueSchema();
    const map: TInlineShape = { k: "map", key: describeRef(key), v: describeRef(value) };
    const kx = (key.getMergedTraits() as Record<string, unknown>).xmlName;
    const vx = (value.getMergedTraits() as Record<string, unknown>).xmlName;
    if (typeof kx === "string") map.kx = kx;
    if (typeof vx === "string") map.vx = vx;
    return map;
  }
  const sc = ns.getSchema();
  if (typeof sc === "number" && SIMPLE[sc]) return SIMPLE[sc];
  return "string";
}

function describeMember(name: string, member: NormalizedSchema): TMember {
  const traits = member.getMergedTraits() as Record<string, unknown>;
  const out: TMember = { n: name, s: describeRef(member) };
  if (typeof traits.xmlName === "string") out.x = traits.xmlName;
  if (traits.xmlFlattened) out.f = 1;
  if (typeof traits.jsonName === "string") out.j = traits.jsonName;
  if (traits.xmlAttribute) out.a = 1;
  if (typeof traits.httpHeader === "string") out.h = traits.httpHeader;
  if (traits.httpPayload) out.p = 1;
  if (traits.httpLabel) out.l = 1;
  if (typeof traits.httpQuery === "string") out.q = traits.httpQuery;
  return out;
}

interface TServiceOut {
  namespace: string;
  operations: Record<string, { input: string; output: string; http?: [string, string, number] }>;
  errors: Record<string, { code: string; status: number; fault: string }>;
}

async function describeService(key: string, pkg: string): Promise<TServiceOut> {
  const entry = require.resolve(`@aws-sdk/${pkg}`);
  const root = entry.slice(0, entry.lastIndexOf(`${pkg}`) + pkg.length);
  const mod = (await import(pathToFileURL(path.join(root, "dist-es/schemas/schemas_0.js")).href)) as Record<
    string,
    unknown
  >;
  const out: TServiceOut = { namespace: "", operations: {}, errors: {} };
  for (const op of SERVED_OPERATIONS[key] ?? []) {
    const opSchema = mod[`${op}$`] as unknown[] | undefined;
    if (!opSchema) throw new Error(`${pkg}: no schema for ${op}`);
    out.namespace = String(opSchema[1]);
    const traits = (opSchema[3] ?? {}) as Record<string, unknown>;
    const input = NormalizedSchema.of((opSchema[4] as () => unknown)() as never);
    const output = NormalizedSchema.of((opSchema[5] as () => unknown)() as never);
    const entryOut: TServiceOut["operations"][string] = {
      input: describeRef(input) as string,
      output: describeRef(output) as string,
    };
    if (Array.isArray(traits.http)) entryOut.http = traits.http as [string, string, number];
    out.operations[op] = entryOut;
  }
  for (const [name, value] of Object.entries(mod)) {
    if (!name.endsWith("$") || !Array.isArray(value) || value[0] !== -3) continue;
    const traits = (value[3] ?? {}) as Record<string, unknown>;
    const fault = traits.error === "server" ? "server" : "client";
    const queryError = traits.awsQueryError as [string, number] | undefined;
    const status = queryError?.[1] ?? (traits.httpError as number | undefined) ?? (fault === "server" ? 500 : 400);
    out.errors[String(value[2])] = { code: queryError?.[0] ?? String(value[2]), status, fault };
  }
  return out;
}

const services: Record<string, TServiceOut> = {};
for (const [key, pkg] of Object.entries(CLIENT_PACKAGES)) {
  services[key] = await describeService(key, pkg);
}
const target = path.join(here, "../src/generated/aws-shapes.json");
writeFileSync(target, JSON.stringify({ services, shapes }) + "\n");
console.log(`wrote ${target}: ${Object.keys(shapes).length} shapes`);
