import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import {
  JOBS,
  QUEUE_NAMES,
  ZCollectTaskJob,
  ZConnectionScheduleJob,
  ZConnectionTestJob,
  ZScanEvaluateJob,
  ZScanStartJob,
  getConnectionSchedulerId,
  type TCollectTaskJob,
  type TConnectionScheduleJob,
  type TConnectionTestJob,
  type TScanEvaluateJob,
  type TScanStartJob,
} from "./job-contracts";

export const DEFAULT_QUEUE_PREFIX = "guardrail";

export interface TJobQueues {
  scans: Queue;
  collect: Queue;
  prefix: string;
  close(): Promise<void>;
}

export interface TCreateJobQueuesOptions {
  connection: Redis;
  /** BullMQ key prefix (tests use a unique one per file). */
  prefix?: string;
}

/** The queues the web app and the worker enqueue into. The Redis connection stays the caller's. */
export function createJobQueues(opts: TCreateJobQueuesOptions): TJobQueues {
  const prefix = opts.prefix ?? DEFAULT_QUEUE_PREFIX;
  const scans = new Queue(QUEUE_NAMES.scans, { connection: opts.connection, prefix });
  const collect = new Queue(QUEUE_NAMES.collect, { connection: opts.connection, prefix });
  return {
    scans,
    collect,
    prefix,
    async close() {
      await Promise.all([scans.close(), collect.close()]);
    },
  };
}

/** Enqueues `scan.start` for a scan that `requestScan` created (a joined scan re-enqueues nothing). */
export async function enqueueScanStart(
  queues: TJobQueues,
  payload: TScanStartJob,
): Promise<string> {
  const data = ZScanStartJob.parse(payload);
  const job = await queues.scans.add(JOBS.scanStart.name, data, {
    ...JOBS.scanStart.options,
    jobId: JOBS.scanStart.jobId(data),
  });
  return job.id ?? JOBS.scanStart.jobId(data);
}

/** Enqueues one `collect.task` per task, in bulk. Deterministic ids make a re-enqueue a no-op. */
export async function enqueueCollectTasks(
  queues: TJobQueues,
  payloads: readonly TCollectTaskJob[],
  opts: { chunkSize?: number } = {},
): Promise<number> {
  const chunkSize = opts.chunkSize ?? 500;
  for (let i = 0; i < payloads.length; i += chunkSize) {
    const chunk = payloads.slice(i, i + chunkSize).map((p) => {
      const data = ZCollectTaskJob.parse(p);
      return {
        name: JOBS.collectTask.name,
        data,
        opts: { ...JOBS.collectTask.options, jobId: JOBS.collectTask.jobId(data) },
      };
    });
    await queues.collect.addBulk(chunk);
  }
  return payloads.length;
}

/**
 * Enqueues `scan.evaluate` (called when the last collection of a scan finished, or after a
 * cancel). Its id is deterministic, so adding it again returns the job already there: one that
 * failed for good earlier (asked while tasks still ran, its attempts spent) would turn every
 * later request into a no-op and leave the scan collected but never evaluated. Such a job is
 * removed and added afresh, with its attempts back.
 */
export async function enqueueScanEvaluate(
  queues: TJobQueues,
  payload: TScanEvaluateJob,
): Promise<string> {
  const data = ZScanEvaluateJob.parse(payload);
  const jobId = JOBS.scanEvaluate.jobId(data);
  const add = () =>
    queues.scans.add(JOBS.scanEvaluate.name, data, { ...JOBS.scanEvaluate.options, jobId });
  const job = await add();
  if ((await job.getState()) === "failed") {
    // A concurrent request may have removed or revived it first: its add then wins.
    await job.remove().catch(() => undefined);
    await add();
  }
  return jobId;
}

export interface TConnectionSchedule extends TConnectionScheduleJob {
  cron: string;
  enabled: boolean;
  /** IANA time zone of the cron expression (default UTC). */
  timeZone?: string;
}

/**
 * Creates, updates or removes the repeatable `connection.schedule` job of a connection
 * (a BullMQ job scheduler keyed by the connection id: upserting twice keeps one schedule).
 */
export async function upsertConnectionSchedule(
  queues: TJobQueues,
  schedule: TConnectionSchedule,
): Promise<void> {
  const data = ZConnectionScheduleJob.parse({
    tenantId: schedule.tenantId,
    connectionId: schedule.connectionId,
  });
  const schedulerId = getConnectionSchedulerId(data.connectionId);
  if (!schedule.enabled) {
    await queues.scans.removeJobScheduler(schedulerId);
    return;
  }
  const { removeOnComplete, removeOnFail, attempts, backoff } = JOBS.connectionSchedule.options;
  await queues.scans.upsertJobScheduler(
    schedulerId,
    { pattern: schedule.cron, tz: schedule.timeZone ?? "UTC" },
    {
      name: JOBS.connectionSchedule.name,
      data,
      opts: { removeOnComplete, removeOnFail, attempts, backoff },
    },
  );
}

/** Removes a connection's schedule (connection deleted or disabled). */
export async function removeConnectionSchedule(
  queues: TJobQueues,
  connectionId: string,
): Promise<void> {
  await queues.scans.removeJobScheduler(getConnectionSchedulerId(connectionId));
}

/** The connection ids that currently have a schedule. */
export async function listScheduledConnectionIds(queues: TJobQueues): Promise<string[]> {
  const schedulers = await queues.scans.getJobSchedulers(0, -1);
  const prefix = getConnectionSchedulerId("");
  return schedulers
    .map((s) => s.key)
    .filter((key) => key.startsWith(prefix))
    .map((key) => key.slice(prefix.length));
}

/** Enqueues a "Test connection" run that `requestConnectionTest` recorded. */
export async function enqueueConnectionTest(
  queues: TJobQueues,
  payload: TConnectionTestJob,
): Promise<string> {
  const data = ZConnectionTestJob.parse(payload);
  const job = await queues.scans.add(JOBS.connectionTest.name, data, {
    ...JOBS.connectionTest.options,
    jobId: JOBS.connectionTest.jobId(data),
  });
  return job.id ?? JOBS.connectionTest.jobId(data);
}
