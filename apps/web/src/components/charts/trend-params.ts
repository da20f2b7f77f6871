import {
  AppError,
  ZTrendRange,
  ZTrendTarget,
  type TTrendRange,
  type TTrendTarget,
} from "@guardrail/core";
import { z } from "zod";

export type TSearchParams = Record<string, string | string[] | undefined>;

const ZTrendParams = z.object({
  range: ZTrendRange.default("30d"),
  scope: z.enum(["TENANT", "OU", "BUSINESS_UNIT", "ACCOUNT"]).optional(),
  id: z.string().max(128).optional(),
});

export interface TTrendQuery {
  range: TTrendRange;
  /** null: the role's default (the tenant, or a BU_OWNER's first business unit) */
  target: TTrendTarget | null;
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** `?range=30d|90d|365d&scope=TENANT|OU|BUSINESS_UNIT|ACCOUNT&id=…` → a validated query (VALIDATION otherwise). */
export function parseTrendParams(params: TSearchParams | URLSearchParams): TTrendQuery {
  const get = (k: string) =>
    params instanceof URLSearchParams ? (params.get(k) ?? undefined) : first(params[k]);
  // "90" is read as "90d" (older links and the API benchmark use bare day counts).
  const rawRange = get("range");
  const rangeParam = rawRange && /^\d+$/.test(rawRange) ? `${rawRange}d` : rawRange;
  const parsed = ZTrendParams.safeParse({
    range: rangeParam || undefined,
    scope: get("scope") || undefined,
    id: get("id") || undefined,
  });
  if (!parsed.success)
    throw new AppError(
      "VALIDATION",
      "Choose a range of 30d, 90d or 365d and a scope of TENANT, OU, BUSINESS_UNIT or ACCOUNT.",
    );
  const { range, scope, id } = parsed.data;
  if (!scope) return { range, target: null };
  const target = ZTrendTarget.safeParse(scope === "TENANT" ? { type: scope } : { type: scope, id });
  if (!target.success)
    throw new AppError(
      "VALIDATION",
      `"${id ?? ""}" is not a valid ${scope.toLowerCase().replace("_", " ")} id.`,
    );
  return { range, target: target.data };
}

export { trendHref } from "./trend-href";
