import { randomUUID, randomBytes } from "node:crypto";
import { UnrecoverableError, Worker } from "bullmq";
import { afterAll, describe, expect, it } from "vitest";
import {
  createJobQueues,
  createRedisConnection,
  DEFAULT_REDIS_URL,
  enqueueScanEvaluate,
  JOBS,
  QUEUE_NAMES,
} from "../src";

const REDIS_URL = process.env.REDIS_URL ?? DEFAULT_REDIS_URL;
const redis = createRedisConnection({ url: REDIS_URL, role: "client" });
const prefix = `test-jobs-eval-${randomBytes(4).toString("hex")}`;
const queues = createJobQueues({ connection: redis, prefix });

afterAll(async () => {
  await queues.close();
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

describe("enqueueScanEvaluate", () => {
  it("adds the evaluation again when the job already there failed for good", async () => {
    const payload = { tenantId: randomUUID(), scanId: randomUUID() };
    const jobId = JOBS.scanEvaluate.jobId(payload);
    expect(await enqueueScanEvaluate(queues, payload)).toBe(jobId);
    // A second request while it waits is a no-op.
    await enqueueScanEvaluate(queues, payload);
    expect(await queues.scans.getJobCounts("wait")).toEqual({ wait: 1 });

    // The evaluation fails for good (as one asked while tasks still ran, attempts spent).
    const workerConnection = createRedisConnection({ url: REDIS_URL, role: "worker" });
    const worker = new Worker(
      QUEUE_NAMES.scans,
      async () => {
        throw new UnrecoverableError("Scan is still collecting");
      },
      { connection: workerConnection, prefix },
    );
    const failed = new Promise<void>((resolve) => worker.once("failed", () => resolve()));
    await failed;
    await worker.close();
    await workerConnection.quit();
    expect(await (await queues.scans.getJob(jobId))?.getState()).toBe("failed");

    // The last task of the scan asks again: the evaluation is waiting to run, attempts back.
    await enqueueScanEvaluate(queues, payload);
    const job = await queues.scans.getJob(jobId);
    expect(await job?.getState()).toBe("waiting");
    expect(job?.attemptsMade).toBe(0);
    expect(job?.data).toEqual(payload);
  });
});
