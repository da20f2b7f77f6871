import { setMaxListeners } from "node:events";
import {
  GLOBAL_REGION,
  ZCollectedResource,
  type TCollectedResource,
  type TCollectionError,
  type TCollectionResult,
  type TResourceType,
  type TServiceKey,
} from "../resource-model";
import { classifyAwsError, isAbortError } from "./aws-errors";
import type { TClientFactory } from "./client-factory";
import { createSilentLogger, type TLogger } from "./logger";

export interface TCollectArgs {
  clients: TClientFactory;
  accountId: string;
  /** The collection's region ("global" for global collectors). */
  region: string;
  signal: AbortSignal;
  log: TLogger;
}

export interface TCollectorOutput {
  resources: TCollectedResource[];
  /** Failed sub-calls (the collection becomes PARTIAL); the resources carry `CollectionErrors`. */
  errors: TCollectionError[];
}

export interface TCollectorDefinition {
  key: TServiceKey;
  /** Global collectors run once per account with region "global". */
  global: boolean;
  /** The resource types this collector produces (documentation and coverage). */
  resourceTypes: readonly TResourceType[];
  /** Throws when a listing call fails (FAILED); records sub-call failures in `errors` (PARTIAL). */
  collect(args: TCollectArgs): Promise<TCollectorOutput>;
}

export type TCollectorInput = Omit<TCollectorDefinition, "resourceTypes"> & {
  resourceTypes?: readonly TResourceType[];
};

export function defineCollector(def: TCollectorInput): TCollectorDefinition {
  return Object.freeze({ ...def, resourceTypes: def.resourceTypes ?? [] });
}

/** A failed listing call: the whole (account, region, service) collection fails. */
export class CollectorCallError extends Error {
  readonly operation: string;
  constructor(operation: string, cause: unknown) {
    const info = classifyAwsError(cause);
    super(`${operation} failed: ${info.code}: ${info.message}`, { cause });
    this.name = "CollectorCallError";
    this.operation = operation;
  }
}

/** Runs a listing call; its failure fails the collection with the operation's name. */
export async function callListing<T>(operation: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isAbortError(err)) throw err;
    throw new CollectorCallError(operation, err);
  }
}

/** Drains an SDK paginator; a failing page fails the collection with the operation's name. */
export async function collectPages<TPage, TItem>(
  operation: string,
  pages: AsyncIterable<TPage>,
  pick: (page: TPage) => readonly TItem[] | undefined,
): Promise<TItem[]> {
  return callListing(operation, async () => {
    const items: TItem[] = [];
    for await (const page of pages) items.push(...(pick(page) ?? []));
    return items;
  });
}

export interface TSubCallRecorder {
  /**
   * Runs a sub-call about one resource. "NoSuch…"/not-found answers (and `nullOn` codes)
   * become `null`; any other failure becomes `null` plus a recorded error.
   */
  call<T>(
    operation: string,
    fn: () => Promise<T>,
    options?: { nullOn?: readonly string[] },
  ): Promise<T | null>;
  /** `{ Operation: code }` of the failed sub-calls so far. */
  readonly errors: Record<string, string>;
  /** Adds `CollectionErrors` to a configuration when a sub-call failed. */
  applyTo(configuration: Record<string, unknown>): Record<string, unknown>;
}

export function createSubCallRecorder(
  resourceId: string,
  sink: TCollectionError[],
): TSubCallRecorder {
  const errors: Record<string, string> = {};
  return {
    errors,
    async call(operation, fn, options) {
      try {
        return await fn();
      } catch (err) {
        if (isAbortError(err)) throw err;
        const info = classifyAwsError(err);
        if (info.kind === "NOT_FOUND" || options?.nullOn?.includes(info.code)) return null;
        errors[operation] = info.code;
        sink.push({ operation, code: info.code, message: `${resourceId}: ${info.message}` });
        return null;
      }
    },
    applyTo(configuration) {
      if (Object.keys(errors).length > 0) configuration.CollectionErrors = { ...errors };
      return configuration;
    },
  };
}

export interface TRunCollectorOptions {
  collector: TCollectorDefinition;
  clients: TClientFactory;
  accountId: string;
  /** Ignored for global collectors (they always run as "global"). */
  region: string;
  signal?: AbortSignal;
  log?: TLogger;
}

/**
 * Runs one (account, region, service) collection. Never throws for AWS errors: a failed
 * listing call gives FAILED, failed sub-calls PARTIAL. Rethrows only when `signal` aborted.
 */
export async function runCollector(opts: TRunCollectorOptions): Promise<TCollectionResult> {
  const { collector, clients, accountId } = opts;
  const region = collector.global ? GLOBAL_REGION : opts.region;
  const log = opts.log ?? createSilentLogger();
  const counter = { count: 0 };
  const controller = new AbortController();
  // Every in-flight SDK call listens on the signal; a collection may run dozens at once.
  setMaxListeners(0, controller.signal);
  const onAbort = () => controller.abort(opts.signal?.reason);
  if (opts.signal?.aborted) throw opts.signal.reason ?? new Error("Collection aborted");
  opts.signal?.addEventListener("abort", onAbort, { once: true });
  const base = { accountId, region, service: collector.key };
  const startedAt = Date.now();
  try {
    const output = await clients.withCallCounter(counter, () =>
      collector.collect({ clients, accountId, region, signal: controller.signal, log }),
    );
    const errors = [...output.errors];
    const resources: TCollectedResource[] = [];
    for (const resource of output.resources) {
      const parsed = ZCollectedResource.safeParse(resource);
      if (parsed.success) resources.push(resource);
      else {
        errors.push({
          operation: "ValidateResource",
          code: "InvalidResource",
          message: `${resource.resourceType} ${resource.resourceId}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
        });
      }
    }
    const status = errors.length > 0 ? "PARTIAL" : "COMPLETE";
    log.debug("collection finished", {
      ...base,
      status,
      resources: resources.length,
      apiCalls: counter.count,
      ms: Date.now() - startedAt,
    });
    return { ...base, status, resources, errors, apiCalls: counter.count };
  } catch (err) {
    if (opts.signal?.aborted) throw opts.signal.reason ?? err;
    const info = classifyAwsError(err instanceof CollectorCallError ? err.cause : err);
    const operation = err instanceof CollectorCallError ? err.operation : "Collect";
    log.warn("collection failed", { ...base, operation, code: info.code, message: info.message });
    return {
      ...base,
      status: "FAILED",
      resources: [],
      errors: [{ operation, code: info.code, message: info.message }],
      apiCalls: counter.count,
    };
  } finally {
    opts.signal?.removeEventListener("abort", onAbort);
    controller.abort();
  }
}

/** The human sentence of a coverage gap: "ec2 in eu-west-3 not collected: UnauthorizedOperation". */
export function describeCoverageGap(result: TCollectionResult): string | null {
  if (result.status === "COMPLETE") return null;
  const codes = [...new Set(result.errors.map((e) => e.code))].join(", ");
  const where =
    result.region === GLOBAL_REGION ? `account ${result.accountId} (global)` : result.region;
  return result.status === "FAILED"
    ? `${result.service} in ${where} not collected: ${codes}`
    : `${result.service} in ${where} partially collected: ${codes}`;
}
