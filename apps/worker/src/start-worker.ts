import { setMaxListeners } from "node:events";
import { DelayedError, Worker, type Job } from "bullmq";
import type { Redis } from "ioredis";
import { GRAPH_REBUILD_JOB, JOBS, QUEUE_NAMES } from "@guardrail/jobs";
import {
  AccountBusyError,
  processCollectTask,
  recordCollectTaskLost,
} from "./processors/collect-task.processor";
import { processConnectionSchedule } from "./processors/connection-schedule.processor";
import { processConnectionTest } from "./processors/connection-test.processor";
import { processGraphRebuild } from "./processors/graph-rebuild.processor";
import { processScanEvaluate, recordScanEvaluateLost } from "./processors/scan-evaluate.processor";
import {
  processScanStart,
  recordScanStartLost,
  type TJobAttempt,
} from "./processors/scan-start.processor";
import type { TWorkerDeps } from "./worker-deps";

export interface TStartWorkerOptions {
  deps: TWorkerDeps;
  connection: Redis;
  collectConcurrency: number;
  scanConcurrency: number;
  /** Lock of a `collect.task` job (default 60 s), renewed every sixth of it. */
  lockDurationMs?: number;
  /**
   * Lock of the scans queue's jobs (default 4 × `lockDurationMs`): `scan.start` plans hundreds
   * of accounts and `scan.evaluate` runs the rules over the whole inventory, with stretches of
   * synchronous work that can hold the event loop past a 30 s lock's renewal on a busy host;
   * a lost lock would hand the job to a second worker while the first still runs it.
   */
  scanLockDurationMs?: number;
  stalledIntervalMs?: number;
}

export interface TRunningWorker {
  /** Stops taking jobs and waits for the running ones (graceful); `force` aborts them. */
  close(opts?: { force?: boolean }): Promise<void>;
  stats(): {
    collected: number;
    skipped: number;
    delayed: number;
    failed: number;
    /** Jobs this process's stalled-job check handed back (their lock had expired). */
    stalled: number;
    /** Locks this process could not renew, or found gone when finishing a job. */
    locksLost: number;
  };
  /** The jobs running in this process now: collections by service, scan-queue jobs by name. */
  activity(): { collecting: Record<string, number>; scanJobs: string[] };
}

const attemptOf = (job: Job, signal: AbortSignal): TJobAttempt => ({
  attempt: job.attemptsMade + 1,
  maxAttempts: job.opts.attempts ?? 1,
  signal,
});

/** Starts the BullMQ workers of both queues in this process. */
export function startWorker(opts: TStartWorkerOptions): TRunningWorker {
  const { deps } = opts;
  const abort = new AbortController();
  // Every running collection listens to the shutdown signal.
  setMaxListeners(0, abort.signal);
  const counters = { collected: 0, skipped: 0, delayed: 0, failed: 0, stalled: 0, locksLost: 0 };
  const running = new Map<string, string>();
  const lockDuration = opts.lockDurationMs ?? 60_000;
  const common = {
    connection: opts.connection,
    prefix: deps.queues.prefix,
    lockDuration,
    // BullMQ renews a lock from a timer of this process, first half a renew time after the job
    // started (its lock was set when it was fetched, earlier), by default every quarter to half
    // a lock. A starved event loop delays all of it: at load ~16 (event-loop delay p50 ~2 s,
    // stalls up to 4 s) 30 s locks were still lost. Renewing every twelfth to sixth of a longer
    // lock leaves most of it as margin.
    lockRenewTime: lockDuration / 6,
    stalledInterval: opts.stalledIntervalMs ?? 30_000,
    // A job whose worker died is retried; only a job that keeps killing workers gives up.
    maxStalledCount: 5,
  };

  const collect = new Worker(
    QUEUE_NAMES.collect,
    async (job, token) => {
      if (job.name !== JOBS.collectTask.name)
        throw new Error(`unknown job ${job.name} on ${QUEUE_NAMES.collect}`);
      const attempt = attemptOf(job, abort.signal);
      const runKey = `collect ${job.id}`;
      running.set(runKey, (job.data as { service?: string }).service ?? "?");
      try {
        const outcome = await processCollectTask(deps, job.data, attempt);
        if (outcome === "skipped" || outcome === "cancelled") counters.skipped++;
        else counters.collected++;
        return outcome;
      } catch (err) {
        if (err instanceof AccountBusyError) {
          counters.delayed++;
          await job
            .moveToDelayed(Date.now() + 50 + Math.floor(Math.random() * 250), token)
            .catch((e: unknown) =>
              // The lock was lost (a starved event loop missed its renewal): the stalled-job
              // check already handed the job back, and its next delivery runs it. Failing this
              // delivery instead spent an attempt, and the last one failed the job unrecorded.
              deps.log.warn("collect.task not delayed: its lock was lost", {
                jobId: job.id,
                error: (e as Error).message,
              }),
            );
          throw new DelayedError();
        }
        if (attempt.attempt >= attempt.maxAttempts) {
          // The last attempt: record the failure as a fact instead of leaving a hole.
          counters.failed++;
          await recordCollectTaskLost(
            deps,
            job.data,
            `${(err as Error).name}: ${(err as Error).message}`,
          );
          return "failed";
        }
        deps.log.warn("collect.task attempt failed; retrying", {
          jobId: job.id,
          attempt: attempt.attempt,
          error: (err as Error).message,
        });
        throw err;
      } finally {
        running.delete(runKey);
      }
    },
    { ...common, concurrency: opts.collectConcurrency },
  );
  collect.on("failed", (job, err) => {
    // Jobs that failed for good outside the processor's last-attempt branch (stalled too
    // often, an error of BullMQ's own) leave their task unfinished: record it FAILED, or the
    // scan would wait for it for ever. Idempotent: a task already terminal stays as it is.
    const stalled = /stalled/i.test(err.message);
    if (job && (stalled || job.attemptsMade >= (job.opts.attempts ?? 1))) {
      void recordCollectTaskLost(
        deps,
        job.data,
        `${stalled ? "WorkerLost" : err.name}: ${err.message}`,
      ).catch((e: unknown) =>
        deps.log.error("could not record a lost task", {
          jobId: job.id,
          error: (e as Error).message,
        }),
      );
    }
  });

  const scans = new Worker(
    QUEUE_NAMES.scans,
    async (job) => {
      const runKey = `scans ${job.id}`;
      running.set(runKey, job.name);
      try {
        return await processScanJob(job);
      } finally {
        running.delete(runKey);
      }
    },
    {
      ...common,
      lockDuration: opts.scanLockDurationMs ?? lockDuration * 4,
      lockRenewTime: (opts.scanLockDurationMs ?? lockDuration * 4) / 6,
      concurrency: opts.scanConcurrency,
    },
  );
  scans.on("failed", (job, err) => {
    // A scan whose start or evaluation failed for good must still end (never wait for ever).
    if (!job || !(/stalled/i.test(err.message) || job.attemptsMade >= (job.opts.attempts ?? 1)))
      return;
    const record =
      job.name === JOBS.scanStart.name
        ? recordScanStartLost
        : job.name === JOBS.scanEvaluate.name
          ? recordScanEvaluateLost
          : null;
    void record?.(deps, job.data, `${err.name}: ${err.message}`).catch((e: unknown) =>
      deps.log.error("could not record a failed scan job", {
        jobId: job.id,
        error: (e as Error).message,
      }),
    );
  });
  async function processScanJob(job: Job): Promise<string> {
    switch (job.name) {
      case JOBS.scanStart.name:
        return processScanStart(deps, job.data, attemptOf(job, abort.signal));
      case JOBS.scanEvaluate.name:
        return processScanEvaluate(deps, job.data);
      case JOBS.connectionSchedule.name:
        return processConnectionSchedule(deps, job.data);
      case JOBS.connectionTest.name:
        return processConnectionTest(deps, job.data, attemptOf(job, abort.signal));
      case GRAPH_REBUILD_JOB.name:
        return processGraphRebuild(deps, job.data);
      default:
        throw new Error(`unknown job ${job.name} on ${QUEUE_NAMES.scans}`);
    }
  }
  for (const w of [collect, scans]) {
    w.on("error", (err) => {
      if (/could not renew lock|Missing lock/.test(err.message)) counters.locksLost++;
      deps.log.error("worker error", { queue: w.name, error: err.message });
    });
    w.on("stalled", (jobId) => {
      counters.stalled++;
      deps.log.warn("job stalled: its lock expired, handed back", { queue: w.name, jobId });
    });
    w.on("failed", (job, err) => {
      if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) {
        deps.log.error("job failed for good", {
          queue: w.name,
          jobId: job.id,
          name: job.name,
          error: err.message,
        });
      }
    });
  }

  return {
    async close(closeOpts) {
      if (closeOpts?.force) abort.abort(new Error("worker shutting down"));
      await Promise.all([collect.close(closeOpts?.force), scans.close(closeOpts?.force)]);
    },
    stats: () => ({ ...counters }),
    activity() {
      const collecting: Record<string, number> = {};
      const scanJobs: string[] = [];
      for (const [key, what] of running) {
        if (key.startsWith("collect ")) collecting[what] = (collecting[what] ?? 0) + 1;
        else scanJobs.push(what);
      }
      return { collecting, scanJobs };
    },
  };
}
