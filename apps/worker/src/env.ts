import { z } from "zod";

/** The only place the worker reads `process.env`: validated once at start-up. */
const ZBudgets = z.record(
  z.string(),
  z.object({ perSecond: z.number().positive().optional(), burst: z.number().min(1).optional() }),
);

const intFrom = (def: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(def);

export const ZWorkerEnv = z.object({
  DATABASE_URL: z.string().url("DATABASE_URL must be a postgresql:// URL"),
  REDIS_URL: z.string().url("REDIS_URL must be a redis:// URL").default("redis://127.0.0.1:6379"),
  /** BullMQ key prefix (default "guardrail"). */
  QUEUE_PREFIX: z.string().min(1).default("guardrail"),
  /** With it, every AWS call (STS included) goes to this endpoint: the AWS sandbox. */
  AWS_ENDPOINT_URL: z.string().url("AWS_ENDPOINT_URL must be a URL").optional(),
  /** Concurrent collect.task jobs in this process. */
  COLLECT_CONCURRENCY: intFrom(48, 1, 1000),
  /** Concurrent scan.start / scan.evaluate / schedule jobs in this process. */
  SCAN_CONCURRENCY: intFrom(2, 1, 32),
  /** Concurrent collections of one customer account, across every worker process. */
  ACCOUNT_CONCURRENCY: intFrom(6, 1, 100),
  /** Concurrent AssumeRole/DescribeRegions while a scan plans its tasks. */
  DISCOVERY_CONCURRENCY: intFrom(16, 1, 200),
  /**
   * BullMQ lock of a collection job (renewed every sixth of it) and the stalled-job check
   * interval: a killed worker's jobs return after up to their sum. Long enough that a worker
   * starved of CPU keeps its locks (30 s were lost at load ~16 on 2 cores).
   */
  JOB_LOCK_MS: intFrom(60_000, 1_000, 600_000),
  /** Lock of scan.start / scan.evaluate jobs (default 4 × JOB_LOCK_MS: they run long). */
  SCAN_JOB_LOCK_MS: z.coerce.number().int().min(1_000).max(3_600_000).optional(),
  STALLED_INTERVAL_MS: intFrom(30_000, 1_000, 600_000),
  /** Log event-loop delay, the longest stall and memory every this many ms (0: off). */
  EVENT_LOOP_REPORT_MS: intFrom(0, 0, 3_600_000),
  /** Politeness budgets per service as JSON: {"ec2":{"perSecond":5,"burst":20}}. */
  RATE_BUDGETS: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (!value) return {};
      try {
        return ZBudgets.parse(JSON.parse(value));
      } catch (err) {
        ctx.addIssue({
          code: "custom",
          message: `RATE_BUDGETS is not valid JSON budgets: ${(err as Error).message}`,
        });
        return z.NEVER;
      }
    }),
  /** Run the connection scheduler in this process (one is enough; several are harmless). */
  SCHEDULER_ENABLED: z
    .enum(["true", "false", "1", "0"])
    .default("true")
    .transform((v) => v === "true" || v === "1"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
});
export type TWorkerEnv = z.infer<typeof ZWorkerEnv>;

/** Parses the environment; throws one clear message listing every problem. */
export function loadWorkerEnv(
  source: Record<string, string | undefined> = process.env,
): TWorkerEnv {
  const parsed = ZWorkerEnv.safeParse(source);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join(".") || "env"}: ${i.message}`);
  throw new Error(`Invalid worker environment:\n${lines.join("\n")}`);
}
