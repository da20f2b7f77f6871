/**
 * The worker process: BullMQ processors for scans and collections, and the scheduler that
 * keeps each connection's cron in BullMQ. SIGTERM/SIGINT: stop taking jobs, finish the running
 * ones, close connections; a second signal forces the exit.
 */
import { syncConnectionSchedules } from "./connection-scheduler";
import { createWorkerDeps } from "./create-worker-deps";
import { loadWorkerEnv } from "./env";
import { startEventLoopMonitor } from "./event-loop-monitor";
import { startWorker } from "./start-worker";

const SCHEDULE_SYNC_MS = 60_000;

async function main(): Promise<void> {
  const env = loadWorkerEnv();
  const { deps, redis, dispose } = createWorkerDeps({
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    queuePrefix: env.QUEUE_PREFIX,
    ...(env.AWS_ENDPOINT_URL ? { awsEndpointUrl: env.AWS_ENDPOINT_URL } : {}),
    accountConcurrency: env.ACCOUNT_CONCURRENCY,
    discoveryConcurrency: env.DISCOVERY_CONCURRENCY,
    rateBudgets: env.RATE_BUDGETS,
    logLevel: env.LOG_LEVEL,
  });
  const worker = startWorker({
    deps,
    connection: redis,
    collectConcurrency: env.COLLECT_CONCURRENCY,
    scanConcurrency: env.SCAN_CONCURRENCY,
    lockDurationMs: env.JOB_LOCK_MS,
    ...(env.SCAN_JOB_LOCK_MS ? { scanLockDurationMs: env.SCAN_JOB_LOCK_MS } : {}),
    stalledIntervalMs: env.STALLED_INTERVAL_MS,
  });
  const monitor =
    env.EVENT_LOOP_REPORT_MS > 0
      ? startEventLoopMonitor({
          log: deps.log,
          intervalMs: env.EVENT_LOOP_REPORT_MS,
          describeActivity: () => worker.activity(),
        })
      : null;
  deps.log.info("worker started", {
    collectConcurrency: env.COLLECT_CONCURRENCY,
    accountConcurrency: env.ACCOUNT_CONCURRENCY,
    rules: deps.rules.length,
    sandbox: Boolean(env.AWS_ENDPOINT_URL),
  });

  let timer: NodeJS.Timeout | undefined;
  if (env.SCHEDULER_ENABLED) {
    const sync = () =>
      syncConnectionSchedules({ db: deps.db, queues: deps.queues }).catch((err: unknown) =>
        deps.log.error("schedule sync failed", { error: (err as Error).message }),
      );
    await sync();
    timer = setInterval(sync, SCHEDULE_SYNC_MS);
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      deps.log.warn("second signal: forcing exit", { signal });
      process.exit(1);
    }
    stopping = true;
    deps.log.info("stopping", { signal });
    if (timer) clearInterval(timer);
    monitor?.stop();
    worker
      .close()
      .then(dispose)
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        deps.log.error("shutdown failed", { error: (err as Error).message });
        process.exit(1);
      });
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
});
