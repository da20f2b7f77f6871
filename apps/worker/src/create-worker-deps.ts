import { resolveRateBudget, type TRateBudgetOverrides } from "@guardrail/collectors";
import {
  applyEvaluation,
  computeRemediationStats,
  computeSnapshots,
  loadRuleCatalog,
  refreshOrganizationKpis,
} from "@guardrail/core";
import { createDb } from "@guardrail/db";
import {
  createAccountSemaphore,
  createJobQueues,
  createRedisConnection,
  createRedisRateLimiter,
} from "@guardrail/jobs";
import type { Redis } from "ioredis";
import { createAwsAccess, type TVendorCredentials } from "./aws-access";
import { createJsonLogger, type TLogLevel } from "./logger";
import type { TWorkerDeps } from "./worker-deps";

export interface TWorkerConfig {
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  awsEndpointUrl?: string;
  accountConcurrency: number;
  discoveryConcurrency: number;
  /** Overrides of the collectors' politeness table (`RATE_BUDGETS`). */
  rateBudgets: TRateBudgetOverrides;
  logLevel: TLogLevel;
  /** Default: the SDK's standard credential chain. */
  vendorCredentials?: TVendorCredentials;
  dbPoolSize?: number;
}

/** Builds the processors' dependencies; `dispose` closes what it opened. */
export function createWorkerDeps(config: TWorkerConfig): {
  deps: TWorkerDeps;
  redis: Redis;
  dispose(): Promise<void>;
} {
  const redis = createRedisConnection({
    url: config.redisUrl,
    role: "worker",
    connectionName: "guardrail-worker",
  });
  const db = createDb({ databaseUrl: config.databaseUrl, poolSize: config.dbPoolSize ?? 20 });
  const queues = createJobQueues({ connection: redis, prefix: config.queuePrefix });
  const rateLimiter = createRedisRateLimiter({
    redis,
    prefix: `${config.queuePrefix}:rl`,
    budgetFor: (service) => resolveRateBudget(service, config.rateBudgets),
  });
  const aws = createAwsAccess({
    rateLimiter,
    ...(config.awsEndpointUrl ? { endpoint: config.awsEndpointUrl } : {}),
    ...(config.vendorCredentials ? { vendorCredentials: config.vendorCredentials } : {}),
  });
  const deps: TWorkerDeps = {
    db,
    queues,
    aws,
    accountSemaphore: createAccountSemaphore({
      redis,
      limit: config.accountConcurrency,
      prefix: `${config.queuePrefix}:sem`,
    }),
    log: createJsonLogger({ level: config.logLevel, bindings: { pid: process.pid } }),
    rules: loadRuleCatalog(),
    // The day's posture snapshots (tenant, OUs, business units, accounts, rules), written with
    // the evaluation's own pass / fail / unable counts, the day's remediation aggregates and
    // the organization KPIs of the inventory just evaluated: the overview and trends read them.
    applyEvaluation: async (opts) => {
      const applied = await applyEvaluation(opts);
      await computeSnapshots({
        db: opts.db,
        tenantId: opts.tenantId,
        day: opts.now,
        evaluation: applied.counts,
        now: opts.now,
      });
      await computeRemediationStats({
        db: opts.db,
        tenantId: opts.tenantId,
        from: opts.now,
        to: opts.now,
      });
      await refreshOrganizationKpis({ db: opts.db, tenantId: opts.tenantId, now: opts.now });
      return applied;
    },
    discoveryConcurrency: config.discoveryConcurrency,
    scanConnections: new Map(),
  };
  return {
    deps,
    redis,
    async dispose() {
      aws.close();
      await queues.close();
      await db.$disconnect();
      await redis.quit();
    },
  };
}
