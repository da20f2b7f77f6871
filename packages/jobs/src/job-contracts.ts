import type { JobsOptions } from "bullmq";
import { z } from "zod";

/**
 * Queue names and job contracts: a name, a zod schema, options and a deterministic job id.
 * Payloads carry ids only, never credentials or AWS data.
 */
export const QUEUE_NAMES = {
  /** Scan control: scan.start, scan.evaluate, connection.schedule (few, heavier jobs). */
  scans: "guardrail-scans",
  /** One small job per (account, region, service) collection. */
  collect: "guardrail-collect",
} as const;
export type TQueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];

const ZUuid = z.uuid();
const ZAccountId = z.string().regex(/^\d{12}$/, "accountId must be 12 digits");

export const ZScanStartJob = z.object({ tenantId: ZUuid, scanId: ZUuid }).strict();
export type TScanStartJob = z.infer<typeof ZScanStartJob>;

export const ZCollectTaskJob = z
  .object({
    tenantId: ZUuid,
    scanId: ZUuid,
    accountId: ZAccountId,
    region: z.string().min(1).max(32),
    service: z.string().min(1).max(32),
  })
  .strict();
export type TCollectTaskJob = z.infer<typeof ZCollectTaskJob>;

export const ZScanEvaluateJob = z.object({ tenantId: ZUuid, scanId: ZUuid }).strict();
export type TScanEvaluateJob = z.infer<typeof ZScanEvaluateJob>;

export const ZConnectionScheduleJob = z.object({ tenantId: ZUuid, connectionId: ZUuid }).strict();
export type TConnectionScheduleJob = z.infer<typeof ZConnectionScheduleJob>;

/** "Test connection": one run, identified by the id the web app recorded when it was requested. */
export const ZConnectionTestJob = z
  .object({ tenantId: ZUuid, connectionId: ZUuid, testId: ZUuid })
  .strict();
export type TConnectionTestJob = z.infer<typeof ZConnectionTestJob>;

export interface TJobContract<TName extends string, TSchema extends z.ZodType> {
  name: TName;
  queue: TQueueName;
  schema: TSchema;
  options: JobsOptions;
  /** Deterministic: the same logical job always gets the same id, so a re-enqueue is a no-op. */
  jobId(payload: z.infer<TSchema>): string;
}

// BullMQ refuses ':' in custom job ids, so the parts of an id are joined with '|'.
const joinId = (...parts: string[]) => parts.join("|");

export const JOBS = {
  scanStart: {
    name: "scan.start",
    queue: QUEUE_NAMES.scans,
    schema: ZScanStartJob,
    options: {
      attempts: 5,
      backoff: { type: "exponential", delay: 2_000 },
      removeOnComplete: { age: 24 * 3600, count: 1000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    },
    jobId: (p: TScanStartJob) => joinId("scan.start", p.scanId),
  },
  collectTask: {
    name: "collect.task",
    queue: QUEUE_NAMES.collect,
    schema: ZCollectTaskJob,
    options: {
      attempts: 4,
      backoff: { type: "exponential", delay: 1_000 },
      // Completed collect jobs are many and small: keep only a short tail.
      removeOnComplete: { age: 3600, count: 5000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    },
    jobId: (p: TCollectTaskJob) => joinId(p.scanId, p.accountId, p.region, p.service),
  },
  scanEvaluate: {
    name: "scan.evaluate",
    queue: QUEUE_NAMES.scans,
    schema: ZScanEvaluateJob,
    options: {
      attempts: 5,
      backoff: { type: "exponential", delay: 2_000 },
      removeOnComplete: { age: 24 * 3600, count: 1000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    },
    jobId: (p: TScanEvaluateJob) => joinId("scan.evaluate", p.scanId),
  },
  connectionSchedule: {
    name: "connection.schedule",
    queue: QUEUE_NAMES.scans,
    schema: ZConnectionScheduleJob,
    options: {
      attempts: 3,
      backoff: { type: "exponential", delay: 5_000 },
      removeOnComplete: { count: 100 },
      removeOnFail: { count: 100 },
    },
    jobId: (p: TConnectionScheduleJob) => joinId("connection.schedule", p.connectionId),
  },
  connectionTest: {
    name: "connection.test",
    queue: QUEUE_NAMES.scans,
    schema: ZConnectionTestJob,
    options: {
      // A test is cheap to run again; a worker lost mid-test re-runs it once more.
      attempts: 2,
      backoff: { type: "fixed", delay: 2_000 },
      removeOnComplete: { age: 24 * 3600, count: 1000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    },
    jobId: (p: TConnectionTestJob) => joinId("connection.test", p.testId),
  },
} as const satisfies {
  scanStart: TJobContract<"scan.start", typeof ZScanStartJob>;
  collectTask: TJobContract<"collect.task", typeof ZCollectTaskJob>;
  scanEvaluate: TJobContract<"scan.evaluate", typeof ZScanEvaluateJob>;
  connectionSchedule: TJobContract<"connection.schedule", typeof ZConnectionScheduleJob>;
  connectionTest: TJobContract<"connection.test", typeof ZConnectionTestJob>;
};

/** The id of a connection's repeatable scan schedule (BullMQ job scheduler). */
export function getConnectionSchedulerId(connectionId: string): string {
  return joinId("connection.schedule", connectionId);
}
