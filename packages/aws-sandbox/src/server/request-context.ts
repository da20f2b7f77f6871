/** What a service handler gets for one request, and the helpers handlers share. */
import type { TLoadedWorld } from "../world/load-world";
import type { TWorldAccount, TWorldRegion } from "../world/world.types";
import type { SessionStore } from "../auth/session-store";
import { SandboxError } from "./sandbox-error";

export interface TPrincipal {
  /** arn:aws:iam::ACCT:user/NAME or arn:aws:sts::ACCT:assumed-role/ROLE/SESSION */
  arn: string;
  accountId: string;
  userId: string;
  /** the role ARN, for an assumed-role session */
  roleArn?: string;
}

export interface TSandboxState {
  loaded: TLoadedWorld;
  sessions: SessionStore;
  /** accounts whose credential report has been generated */
  credentialReports: Map<string, number>;
  clock: () => number;
}

export interface TRequestContext {
  state: TSandboxState;
  service: string;
  operation: string;
  region: string;
  principal: TPrincipal;
  /** the account whose part of the world the call reads */
  accountId: string;
  account: TWorldAccount | undefined;
  /** query protocols: the decoded form; other protocols: the input by SDK member name */
  input: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  /** behaviour.pageSize */
  pageSize: number | undefined;
}

export type THandler = (ctx: TRequestContext) => Record<string, unknown>;

/** The region block of the caller's account in the request's region. */
export function getRegionBlock(ctx: TRequestContext): TWorldRegion {
  return ctx.account?.regions?.[ctx.region] ?? {};
}

export function readString(ctx: TRequestContext, name: string): string | undefined {
  const value = ctx.input[name];
  if (value === undefined || value === null || value === "") return undefined;
  return String(value);
}

export function requireString(ctx: TRequestContext, name: string, code = "ValidationError"): string {
  const value = readString(ctx, name);
  if (value === undefined) throw new SandboxError(code, `1 validation error detected: Value null at '${lowerFirst(name)}' failed to satisfy constraint: Member must not be null`);
  return value;
}

export function readNumber(ctx: TRequestContext, name: string): number | undefined {
  const value = readString(ctx, name);
  if (value === undefined) return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** Query-protocol list members: `Name.1`, `Name.2`… (EC2) or `Name.member.1`… (awsQuery). */
export function readFormList(ctx: TRequestContext, name: string): string[] {
  const out: string[] = [];
  for (let i = 1; ; i++) {
    const value = ctx.input[`${name}.${i}`] ?? ctx.input[`${name}.member.${i}`];
    if (value === undefined) break;
    out.push(String(value));
  }
  return out;
}

function lowerFirst(value: string): string {
  return value.charAt(0).toLowerCase() + value.slice(1);
}

export interface TPage<T> {
  items: T[];
  /** the token of the next page, absent on the last page */
  next: string | undefined;
}

/**
 * One page of `items`: starts at the offset the token encodes, holds at most
 * min(requested or default, behaviour.pageSize) items.
 */
export function paginate<T>(
  ctx: TRequestContext,
  items: readonly T[],
  options: { token: string | undefined; max: number | undefined; defaultMax: number; invalidTokenCode: string },
): TPage<T> {
  let offset = 0;
  if (options.token) {
    const decoded = /^o(\d+)$/.exec(Buffer.from(options.token, "base64url").toString("utf8"));
    if (!decoded) throw new SandboxError(options.invalidTokenCode, "The specified pagination token is not valid.");
    offset = Number(decoded[1]);
  }
  let size = options.max && options.max > 0 ? options.max : options.defaultMax;
  if (ctx.pageSize !== undefined) size = Math.min(size, ctx.pageSize);
  const page = items.slice(offset, offset + size);
  const end = offset + page.length;
  return { items: page, next: end < items.length ? Buffer.from(`o${end}`).toString("base64url") : undefined };
}

/** `*` and `?` wildcards, as IAM StringLike and EC2 filters use them. */
export function matchWildcard(pattern: string, value: string): boolean {
  if (!pattern.includes("*") && !pattern.includes("?")) return pattern === value;
  const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "s");
  return regex.test(value);
}

/** per world list (arrays never change once loaded) → index name → key → item */
const listIndexes = new WeakMap<readonly object[], Map<string, Map<string, unknown>>>();

/**
 * The item of `items` one of whose keys is `key`: a map built once per list and index name on
 * first use, so by-name lookups (a bucket, a key, a queue) cost O(1) however large the account.
 * The first item wins when several share a key, as `Array.find` would have it.
 */
export function findByKey<T extends object>(items: readonly T[], indexName: string, keysOf: (item: T) => readonly unknown[], key: string): T | undefined {
  let byName = listIndexes.get(items);
  if (!byName) {
    byName = new Map();
    listIndexes.set(items, byName);
  }
  let index = byName.get(indexName) as Map<string, T> | undefined;
  if (!index) {
    index = new Map();
    for (const item of items) {
      for (const k of keysOf(item)) if (typeof k === "string" && !index.has(k)) index.set(k, item);
    }
    byName.set(indexName, index);
  }
  return index.get(key);
}
