import type { TCollectedResource, TServiceKey } from "@guardrail/collectors";
import type { TRuleContext } from "../context";
import { unable, type TRuleVerdict } from "../rule";
import { asRecord } from "./values";

const NO_ERRORS: Readonly<Record<string, string>> = Object.freeze({});

export function collectionErrorsOf(resource: TCollectedResource): Readonly<Record<string, string>> {
  const raw = resource.configuration.CollectionErrors;
  if (raw === undefined || raw === null) return NO_ERRORS;
  const errors = asRecord(raw);
  if (!errors) return NO_ERRORS;
  const out: Record<string, string> = {};
  for (const [op, code] of Object.entries(errors)) out[op] = String(code);
  return out;
}

/** Services collected once per account (region "global"), as in @guardrail/collectors' GLOBAL_SERVICES. */
const GLOBAL_SERVICES: ReadonlySet<string> = new Set(["organizations", "iam", "s3", "route53"]);

export interface TDataNeeds {
  /** Operations whose result the rule reads from this resource (`CollectionErrors` keys). */
  operations?: readonly string[];
  /**
   * Collections the rule needs to be COMPLETE because it reasons about what is absent from them
   * (no flow log, no trail). Account and region default to the resource's.
   */
  complete?: readonly { service: TServiceKey; accountId?: string; region?: string }[];
}

/**
 * UNABLE_TO_EVALUATE when data the rule needs is missing; null when the rule may decide.
 * A FAILED collection of the resource's own service means its data is stale or absent.
 */
export function checkDataAvailable(
  resource: TCollectedResource,
  ctx: TRuleContext,
  needs: TDataNeeds = {},
): TRuleVerdict | null {
  const ownRegion =
    GLOBAL_SERVICES.has(resource.service) && ctx.collectionStatus(resource.accountId, "global", resource.service) === "FAILED"
      ? "global"
      : resource.region;
  const own = ctx.collectionStatus(resource.accountId, ownRegion, resource.service);
  if (own === "FAILED") {
    return unable(`The ${resource.service} collection failed for ${resource.accountId}/${ownRegion}`, {
      collection: { service: resource.service, region: ownRegion, status: own },
    });
  }
  const errors = needs.operations?.length ? collectionErrorsOf(resource) : NO_ERRORS;
  let failedOps: Record<string, string> | null = null;
  if (errors !== NO_ERRORS) {
    for (const op of needs.operations ?? []) {
      const code = errors[op];
      if (code !== undefined) (failedOps ??= {})[op] = code;
    }
  }
  if (failedOps) {
    return unable(
      `Could not read ${Object.entries(failedOps)
        .map(([op, code]) => `${op} (${code})`)
        .join(", ")}`,
      { CollectionErrors: failedOps },
    );
  }
  if (!needs.complete) return null;
  for (const need of needs.complete) {
    const accountId = need.accountId ?? resource.accountId;
    const region = need.region ?? resource.region;
    const status = ctx.collectionStatus(accountId, region, need.service);
    if (status !== "COMPLETE") {
      return unable(`The ${need.service} collection of ${accountId}/${region} is ${status}`, {
        collection: { service: need.service, accountId, region, status },
      });
    }
  }
  return null;
}

/** Every collection of a service in an account must be COMPLETE (and at least one must exist). */
export function checkAccountServiceComplete(
  ctx: TRuleContext,
  accountId: string,
  service: TServiceKey,
): TRuleVerdict | null {
  const records = ctx.collectionsOf(accountId, service);
  if (records.length === 0) {
    return unable(`No ${service} collection was recorded for account ${accountId}`, {
      collection: { service, accountId, status: "NOT_COLLECTED" },
    });
  }
  const incomplete = records.filter((r) => r.status !== "COMPLETE");
  if (incomplete.length > 0) {
    return unable(`The ${service} collection is incomplete in ${incomplete.length} region(s)`, {
      incompleteCollections: incomplete.map((r) => ({ service, region: r.region, status: r.status })),
    });
  }
  return null;
}
