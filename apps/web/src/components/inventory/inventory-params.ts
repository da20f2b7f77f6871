import {
  AppError,
  INVENTORY_SORTS,
  ZInventoryFilters,
  type TInventoryFilters,
  type TInventorySort,
} from "@guardrail/core";
import { z } from "zod";

/** The URL keys of the inventory filters (core's filter schema), in the order they are written back. */
export const FILTER_KEYS = ZInventoryFilters.keyof().options;
export type TFilterKey = (typeof FILTER_KEYS)[number];

const ZParams = z.object({
  sort: z.enum(INVENTORY_SORTS).default("arn"),
  dir: z.enum(["asc", "desc"]).default("asc"),
  after: z.string().max(2000).optional(),
  before: z.string().max(2000).optional(),
  size: z.coerce.number().int().min(1).max(200).default(50),
});

export type TSearchParams = Record<string, string | string[] | undefined>;

export interface TInventoryQuery {
  filters: TInventoryFilters;
  sort: TInventorySort;
  page: { size: number; after?: string; before?: string };
}

/** Reads `?q=…&accountId=…&sort=…&after=…` (a page's searchParams or a request URL). */
export function parseInventoryParams(input: TSearchParams | URLSearchParams): TInventoryQuery {
  const get = (k: string): string | string[] | undefined => {
    if (input instanceof URLSearchParams) {
      const all = input.getAll(k).filter((v) => v !== "");
      return all.length === 0 ? undefined : all.length === 1 ? all[0] : all;
    }
    const v = input[k];
    if (Array.isArray(v)) return v.filter((x) => x !== "");
    return v === "" ? undefined : v;
  };
  const raw = Object.fromEntries(
    FILTER_KEYS.map((k) => [k, get(k)]).filter(([, v]) => v !== undefined),
  );
  const filters = ZInventoryFilters.safeParse(raw);
  if (!filters.success) throw new AppError("VALIDATION", z.prettifyError(filters.error));
  const rest = ZParams.safeParse({
    sort: get("sort"),
    dir: get("dir"),
    after: get("after"),
    before: get("before"),
    size: get("size"),
  });
  if (!rest.success) throw new AppError("VALIDATION", z.prettifyError(rest.error));
  // Keep the validated input shape (one value or many) as given, for links back.
  const { deleted, ...f } = filters.data;
  return {
    filters: { ...f, ...(deleted !== "exclude" ? { deleted } : {}) },
    sort: { by: rest.data.sort, dir: rest.data.dir },
    page: {
      size: rest.data.size,
      ...(rest.data.after ? { after: rest.data.after } : {}),
      ...(rest.data.before ? { before: rest.data.before } : {}),
    },
  };
}

const values = (v: unknown): string[] =>
  v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)];

/** The filter values of one key as a list. */
export function filterValues(filters: TInventoryFilters, key: TFilterKey): string[] {
  return values(filters[key]);
}

/** `/inventory?…` for the filters and sort (the cursor is dropped: a new filter starts at page 1). */
export function inventoryHref(
  q: TInventoryQuery,
  change: {
    set?: Partial<Record<TFilterKey, string[]>>;
    sort?: TInventorySort;
    after?: string;
    before?: string;
  } = {},
): string {
  const p = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    const v = change.set && k in change.set ? (change.set[k] ?? []) : filterValues(q.filters, k);
    for (const x of v) p.append(k, x);
  }
  const sort = change.sort ?? q.sort;
  if (sort.by && sort.by !== "arn") p.set("sort", sort.by);
  if (sort.dir && sort.dir !== "asc") p.set("dir", sort.dir);
  if (q.page.size !== 50) p.set("size", String(q.page.size));
  if (change.after) p.set("after", change.after);
  if (change.before) p.set("before", change.before);
  const s = p.toString();
  return s ? `/inventory?${s}` : "/inventory";
}

/** The href that adds `value` to (or removes it from) filter `key`. */
export function toggleHref(
  q: TInventoryQuery,
  key: TFilterKey,
  value: string,
  single = false,
): string {
  const current = filterValues(q.filters, key);
  const on = current.includes(value);
  const next = on ? current.filter((v) => v !== value) : single ? [value] : [...current, value];
  return inventoryHref(q, { set: { [key]: next } });
}

export function hasAnyFilter(filters: TInventoryFilters): boolean {
  return FILTER_KEYS.some((k) => filterValues(filters, k).length > 0);
}
