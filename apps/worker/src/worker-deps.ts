import type { TLogger } from "@guardrail/collectors";
import type { TApplyEvaluationPort, TEvaluateScanOptions } from "@guardrail/core";
import type { TDb } from "@guardrail/db";
import type { TAccountSemaphore, TJobQueues } from "@guardrail/jobs";
import type { TAwsAccess, TConnectionRoles } from "./aws-access";

/** What every processor receives: no module-level singletons. */
export interface TWorkerDeps {
  db: TDb;
  queues: TJobQueues;
  aws: TAwsAccess;
  accountSemaphore: TAccountSemaphore;
  log: TLogger;
  rules: TEvaluateScanOptions["rules"];
  applyEvaluation: TApplyEvaluationPort;
  discoveryConcurrency: number;
  /** Per-process cache: a scan's connection roles (bounded; a scan's connection never changes). */
  scanConnections: Map<string, TConnectionRoles & { connectionId: string }>;
  now?: () => Date;
}

export function nowOf(deps: TWorkerDeps): Date {
  return deps.now ? deps.now() : new Date();
}

/** Runs `fn` over `items` with at most `limit` in flight, keeping order of results. */
export async function mapWithLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const run = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, run));
  return results;
}
