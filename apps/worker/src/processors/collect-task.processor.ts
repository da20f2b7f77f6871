import {
  completeScanTask,
  finishScanTask,
  isScanCollectionDone,
  loadConnectionForScan,
  startScanTask,
  upsertCollectionState,
} from "@guardrail/core";
import {
  OrganizationDiscoveryError,
  classifyAwsError,
  type TCollectionResult,
  type TOrganizationDiscovery,
} from "@guardrail/collectors";
import { ZCollectTaskJob, enqueueScanEvaluate, type TCollectTaskJob } from "@guardrail/jobs";
import { isRetryableCollection, type TConnectionAws } from "../aws-access";
import { nowOf, type TWorkerDeps } from "../worker-deps";
import { ORGANIZATION_SERVICE, type TJobAttempt } from "./scan-start.processor";

/** The per-account semaphore is full: the caller delays the job (it does not hold a worker slot). */
export class AccountBusyError extends Error {
  constructor(accountId: string) {
    super(`account ${accountId} is at its concurrency limit`);
    this.name = "AccountBusyError";
  }
}

/** The connection of a scan, cached per scan id (a scan's connection never changes). */
async function loadScanConnection(deps: TWorkerDeps, job: TCollectTaskJob) {
  const cached = deps.scanConnections.get(job.scanId);
  if (cached) return cached;
  const scan = await deps.db.scan.findFirstOrThrow({
    where: { id: job.scanId, tenantId: job.tenantId },
    select: { connectionId: true },
  });
  const connection = await loadConnectionForScan({
    db: deps.db,
    tenantId: job.tenantId,
    connectionId: scan.connectionId,
  });
  const roles = {
    connectionId: connection.id,
    externalId: connection.externalId,
    managementRoleArn: connection.managementRoleArn,
    memberRoleName: connection.memberRoleName,
  };
  if (deps.scanConnections.size >= 256)
    deps.scanConnections.delete(deps.scanConnections.keys().next().value as string);
  deps.scanConnections.set(job.scanId, roles);
  return roles;
}

/**
 * The organization task: the whole organization with every account's tags. A failed read is
 * a FAILED collection (retried when throttled), never a thrown job.
 */
async function collectOrganization(
  aws: TConnectionAws,
  job: TCollectTaskJob,
  signal: AbortSignal | undefined,
): Promise<{ result: TCollectionResult; discovery: TOrganizationDiscovery | null }> {
  try {
    const discovery = await aws.discover(signal ? { signal } : {});
    return { result: discovery.collection, discovery };
  } catch (err) {
    if (signal?.aborted) throw err;
    const info =
      err instanceof OrganizationDiscoveryError
        ? { operation: err.operation, code: err.code, message: err.message }
        : { operation: "Collect", ...classifyAwsError(err) };
    return {
      discovery: null,
      result: {
        accountId: job.accountId,
        region: job.region,
        service: ORGANIZATION_SERVICE,
        status: "FAILED",
        resources: [],
        errors: [{ operation: info.operation, code: info.code, message: info.message }],
        apiCalls: 0,
      },
    };
  }
}

/** A collection that failed with throttling/transient errors: the job is retried with backoff. */
export class RetryableCollectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RetryableCollectionError";
  }
}

export type TCollectOutcome = "collected" | "skipped" | "cancelled" | "failed";

async function enqueueEvaluationIfDone(
  deps: TWorkerDeps,
  job: TCollectTaskJob,
  done: boolean,
): Promise<void> {
  if (done) await enqueueScanEvaluate(deps.queues, { tenantId: job.tenantId, scanId: job.scanId });
}

/**
 * `collect.task`: one (account, region, service) collection. Skips a task already terminal
 * (redelivery is a no-op), stops on cancel, persists the result and finishes the task in one
 * transaction, and enqueues `scan.evaluate` when it was the last task.
 */
export async function processCollectTask(
  deps: TWorkerDeps,
  data: unknown,
  attempt: TJobAttempt,
): Promise<TCollectOutcome> {
  const job = ZCollectTaskJob.parse(data);
  const { db } = deps;
  const t0 = Date.now();
  const lease = await deps.accountSemaphore.tryAcquire(job.accountId);
  if (!lease) throw new AccountBusyError(job.accountId);
  try {
    const start = await startScanTask(db, { ...job, now: nowOf(deps) });
    if (start.action !== "run") {
      // A redelivered last job re-checks completion: the evaluation is never lost.
      const done = start.collectionDone || (await isScanCollectionDone(db, job));
      await enqueueEvaluationIfDone(deps, job, done);
      return start.action === "cancelled" ? "cancelled" : "skipped";
    }
    const connection = await loadScanConnection(deps, job);
    const aws = deps.aws.forConnection(connection);
    const t1 = Date.now();
    const organization =
      job.service === ORGANIZATION_SERVICE
        ? await collectOrganization(aws, job, attempt.signal)
        : null;
    const result =
      organization?.result ??
      (await aws.collect(job, {
        ...(attempt.signal ? { signal: attempt.signal } : {}),
        log: deps.log,
      }));
    const collectedAt = Date.now();
    if (isRetryableCollection(result) && attempt.attempt < attempt.maxAttempts) {
      const codes = [...new Set(result.errors.map((e) => e.code))].join(", ");
      throw new RetryableCollectionError(
        `${job.service} in ${job.region} of ${job.accountId}: ${codes}`,
      );
    }
    const finished = await completeScanTask(db, {
      tenantId: job.tenantId,
      scanId: job.scanId,
      collection: result,
      ...(organization?.discovery
        ? {
            organization: {
              connectionId: connection.connectionId,
              snapshot: organization.discovery,
            },
          }
        : {}),
      now: nowOf(deps),
    });
    await enqueueEvaluationIfDone(deps, job, finished.collectionDone);
    const t2 = Date.now();
    deps.log.debug("collect.task done", {
      ...job,
      status: result.status,
      apiCalls: result.apiCalls,
      prepareMs: t1 - t0,
      collectMs: collectedAt - t1,
      persistMs: t2 - collectedAt,
      totalMs: t2 - t0,
    });
    return result.status === "FAILED" ? "failed" : "collected";
  } finally {
    await deps.accountSemaphore.release(job.accountId, lease);
  }
}

/**
 * A job that will not be tried again (attempts exhausted, or stalled too often): its task is
 * recorded FAILED with the error, so the scan completes and the gap is visible.
 */
export async function recordCollectTaskLost(
  deps: TWorkerDeps,
  data: unknown,
  error: string,
): Promise<void> {
  const parsed = ZCollectTaskJob.safeParse(data);
  if (!parsed.success) return;
  const job = parsed.data;
  const now = nowOf(deps);
  const code = error.startsWith("RetryableCollectionError") ? "RetriesExhausted" : "WorkerError";
  const message = error.slice(0, 2000);
  const done = await recordTaskFailure(deps, job, code, message, now);
  await enqueueEvaluationIfDone(deps, job, done);
}

async function recordTaskFailure(
  deps: TWorkerDeps,
  job: TCollectTaskJob,
  code: string,
  message: string,
  now: Date,
) {
  const r = await finishScanTask(deps.db, {
    ...job,
    status: "FAILED",
    errorCode: code,
    errorMessage: message,
    now,
  });
  if (r.finished) {
    await upsertCollectionState(deps.db, {
      tenantId: job.tenantId,
      scanId: job.scanId,
      collection: { ...job, status: "FAILED", errors: [{ operation: "Collect", code, message }] },
      now,
    });
  }
  return r.collectionDone || (await isScanCollectionDone(deps.db, job));
}
