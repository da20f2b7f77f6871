import { Prisma, type TDb } from "@guardrail/db";
import type { TRuleResult, TSeverity } from "@guardrail/rules";
import {
  resolveOwners,
  sqlOwnerCtes,
  sqlOwnerPick,
} from "../business-units/owner-resolution.repository";
import { AppError } from "../common/app-error";
import { applyActiveSuppressions } from "../suppressions/suppression-match.repository";
import type { TSqlExecutor } from "./sql-executor";

export interface TEvaluatedScope {
  accountId: string;
  region: string;
  service: string;
}

export interface TEvaluationCount {
  ruleId: string;
  accountId: string;
  region: string;
  severity: TSeverity;
  pass: number;
  fail: number;
  unable: number;
  notApplicable: number;
}

export interface TApplyEvaluationOptions {
  db: TDb;
  tenantId: string;
  scanId: string | null;
  results: Iterable<TRuleResult> | AsyncIterable<TRuleResult>;
  /** The (account, region, service) collections this evaluation covers, or the whole tenant. */
  evaluatedScope: readonly TEvaluatedScope[] | "ALL";
  now: Date;
  /** Rule titles for new findings (e.g. `RULE_CATALOG`); the result's message otherwise. */
  rules?: readonly { id: string; title: string }[];
  /** Rows sent to Postgres per statement (default 5,000). */
  batchSize?: number;
  /** Called with each step's duration (benchmarks, slow-scan diagnostics). */
  onStep?: (step: string, ms: number) => void;
}

export interface TApplyEvaluationResult {
  opened: number;
  reopened: number;
  resolved: number;
  resolvedByDeletion: number;
  resolvedByDisabledRule: number;
  updated: number;
  severityChanged: number;
  suppressed: number;
  /** results skipped because their rule is disabled for the tenant */
  skippedDisabled: number;
  /** results whose resource is not in the tenant's inventory (ignored) */
  skippedUnknownResource: number;
  /** pass / fail / unable / not-applicable counts per rule × account × region */
  counts: TEvaluationCount[];
}

interface TRow {
  rule_id: string;
  arn: string;
  status: string;
  severity: TSeverity;
  title: string | null;
  evidence: Record<string, unknown> | null;
  account_id: string;
  region: string;
  resource_type: string;
}

const STATEMENT_TIMEOUT_MS = 15 * 60_000;

/**
 * The findings diff of one evaluation, set-based. FAIL → OPEN finding (new: created with the
 * tenant's severity override, evidence, title, owner and due date; RESOLVED: reopened,
 * `reopenCount` + 1); PASS / NOT_APPLICABLE → an OPEN or SUPPRESSED finding RESOLVES;
 * UNABLE_TO_EVALUATE never resolves anything; findings of deleted resources resolve
 * ("resource deleted"); findings of rules the tenant disabled resolve within the evaluated
 * scope ("rule disabled") and disabled rules open nothing; active suppressions then apply.
 * Every transition is a FindingEvent. Idempotent: re-applying the same evaluation with the
 * same `now` changes nothing.
 */
export async function applyEvaluation(
  opts: TApplyEvaluationOptions,
): Promise<TApplyEvaluationResult> {
  const { db, tenantId, scanId, now } = opts;
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new AppError("VALIDATION", "applyEvaluation needs a valid `now`.");
  }
  const batchSize = opts.batchSize ?? 5000;
  const titles = new Map((opts.rules ?? []).map((r) => [r.id, r.title]));
  const settings = await db.ruleSetting.findMany({
    where: { tenantId },
    select: { ruleId: true, enabled: true, severityOverride: true },
  });
  const disabled = new Set(settings.filter((s) => !s.enabled).map((s) => s.ruleId));
  const overrides = new Map(
    settings
      .filter((s) => s.severityOverride)
      .map((s) => [s.ruleId, s.severityOverride as TSeverity]),
  );

  return db.$transaction(
    async (tx) => {
      const step = createStepTimer(opts.onStep);
      // Session-local planner settings for the big set-based statements of this transaction.
      await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = ${STATEMENT_TIMEOUT_MS}`);
      await tx.$executeRawUnsafe(`SET LOCAL work_mem = '128MB'`);
      await tx.$executeRawUnsafe(`SET LOCAL jit = off`);
      await tx.$executeRawUnsafe(`CREATE TEMP TABLE eval_in (
          rule_id text NOT NULL, arn text NOT NULL, status text NOT NULL, severity text NOT NULL,
          title text, evidence jsonb, account_id text NOT NULL, region text NOT NULL, resource_type text NOT NULL
        ) ON COMMIT DROP`);
      const counts = new Map<string, TEvaluationCount>();
      let skippedDisabled = 0;
      let batch: TRow[] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        const json = JSON.stringify(batch);
        batch = [];
        await step("load", () =>
          tx.$executeRaw(Prisma.sql`
          INSERT INTO eval_in
          SELECT * FROM jsonb_to_recordset(${json}::jsonb) AS x(
            rule_id text, arn text, status text, severity text, title text, evidence jsonb,
            account_id text, region text, resource_type text)`),
        );
      };
      for await (const r of opts.results) {
        if (disabled.has(r.ruleId)) {
          skippedDisabled++;
          continue;
        }
        const severity = overrides.get(r.ruleId) ?? r.severity;
        const key = `${r.ruleId}\u0000${r.accountId}\u0000${r.region}`;
        let c = counts.get(key);
        if (!c) {
          c = {
            ruleId: r.ruleId,
            accountId: r.accountId,
            region: r.region,
            severity,
            pass: 0,
            fail: 0,
            unable: 0,
            notApplicable: 0,
          };
          counts.set(key, c);
        }
        if (r.status === "PASS") c.pass++;
        else if (r.status === "FAIL") c.fail++;
        else if (r.status === "UNABLE_TO_EVALUATE") c.unable++;
        else c.notApplicable++;
        // UNABLE never changes a finding: nothing to send.
        if (r.status === "UNABLE_TO_EVALUATE") continue;
        const fail = r.status === "FAIL";
        batch.push({
          rule_id: r.ruleId,
          arn: r.resourceId,
          status: r.status,
          severity,
          title: fail ? (titles.get(r.ruleId) ?? r.message) : null,
          evidence: fail ? r.evidence : null,
          account_id: r.accountId,
          region: r.region,
          resource_type: r.resourceType,
        });
        if (batch.length >= batchSize) await flush();
      }
      await flush();

      const result = await diffFindings({
        tx,
        tenantId,
        scanId,
        now,
        disabledRuleIds: [...disabled],
        evaluatedScope: opts.evaluatedScope,
        step,
      });
      return { ...result, skippedDisabled, counts: [...counts.values()] };
    },
    { timeout: STATEMENT_TIMEOUT_MS, maxWait: 60_000 },
  );
}

type TStepTimer = <T>(step: string, run: () => Promise<T>) => Promise<T>;

function createStepTimer(onStep: ((step: string, ms: number) => void) | undefined): TStepTimer {
  return async (step, run) => {
    const start = performance.now();
    try {
      return await run();
    } finally {
      onStep?.(step, performance.now() - start);
    }
  };
}

async function count(tx: TSqlExecutor, sql: Prisma.Sql): Promise<number> {
  const rows = await tx.$queryRaw<{ n: number }[]>(sql);
  return rows[0]?.n ?? 0;
}

async function diffFindings(opts: {
  tx: TSqlExecutor;
  tenantId: string;
  scanId: string | null;
  now: Date;
  disabledRuleIds: string[];
  evaluatedScope: readonly TEvaluatedScope[] | "ALL";
  step: TStepTimer;
}): Promise<Omit<TApplyEvaluationResult, "skippedDisabled" | "counts">> {
  const { tx, tenantId, scanId, now, step } = opts;
  const q = (label: string, sql: Prisma.Sql) => step(label, () => count(tx, sql));
  const t = Prisma.sql`${tenantId}::uuid`;
  const at = Prisma.sql`${now}::timestamp`;
  const scan = Prisma.sql`${scanId}::uuid`;

  // Resolve ARNs to Resource rows once; one row per (rule, resource).
  await step("join-resources", () =>
    tx.$executeRaw(Prisma.sql`
    CREATE TEMP TABLE eval_j ON COMMIT DROP AS
    SELECT DISTINCT ON (e.rule_id, r.id)
           e.rule_id, r.id AS res_id, e.status, e.severity::"Severity" AS severity, e.title, e.evidence,
           e.account_id, e.region, e.resource_type, (r."deletedAt" IS NOT NULL) AS res_deleted, r.tags AS res_tags
      FROM eval_in e
      JOIN "Resource" r ON r."tenantId" = ${t} AND r."resourceId" = e.arn
     ORDER BY e.rule_id, r.id, (e.status = 'FAIL') DESC`),
  );
  await step("index", async () => {
    await tx.$executeRawUnsafe(`CREATE INDEX ON eval_j (rule_id, res_id)`);
    await tx.$executeRawUnsafe(`ANALYZE eval_j`);
  });
  const skippedUnknownResource = await q(
    "unknown-resources",
    Prisma.sql`SELECT count(*)::int AS n FROM eval_in e
      WHERE NOT EXISTS (SELECT 1 FROM "Resource" r WHERE r."tenantId" = ${t} AND r."resourceId" = e.arn)`,
  );

  // FAIL on a RESOLVED finding → REOPENED (owner recomputed unless assigned by hand).
  const reopened = await q(
    "reopen",
    Prisma.sql`
    WITH upd AS (
      UPDATE "Finding" f
         SET status = 'OPEN', "resolvedAt" = NULL, "reopenCount" = f."reopenCount" + 1,
             "lastSeenAt" = ${at}, severity = j.severity, evidence = j.evidence, title = j.title,
             "lastScanId" = ${scan}, "suppressionId" = NULL,
             "ownerResolution" = CASE WHEN f."ownerResolution"->>'step' = 'MANUAL' THEN f."ownerResolution" END
        FROM eval_j j
       WHERE f."tenantId" = ${t} AND f."ruleId" = j.rule_id AND f."resourceId" = j.res_id
         AND j.status = 'FAIL' AND NOT j.res_deleted AND f.status = 'RESOLVED'
      RETURNING f.id
    ), ev AS (
      INSERT INTO "FindingEvent" ("tenantId", "findingId", type, cause, "scanId", at)
      SELECT ${t}, id, 'REOPENED', 'scan', ${scan}, ${at} FROM upd RETURNING 1
    ) SELECT count(*)::int AS n FROM ev`,
  );

  // FAIL with no finding → OPENED.
  const opened = await q(
    "open",
    Prisma.sql`
    WITH RECURSIVE ${sqlOwnerCtes(tenantId)},
    ins AS (
      INSERT INTO "Finding" ("tenantId", kind, "ruleId", "resourceId", "accountId", region, "resourceType",
                             status, severity, title, evidence, "firstSeenAt", "lastSeenAt", "lastScanId",
                             "businessUnitId", "ownerUserId", "ownerResolution", "dueAt")
      SELECT ${t}, 'RULE', j.rule_id, j.res_id, j.account_id, j.region, j.resource_type,
             'OPEN', j.severity, j.title, j.evidence, ${at}, ${at}, ${scan},
             pick.own_bu, due.own_user, pick.own_resolution, due.own_due
        FROM eval_j j
        ${sqlOwnerPick({ tags: Prisma.sql`j.res_tags`, accountId: Prisma.sql`j.account_id`, severity: Prisma.sql`j.severity`, base: at })}
       WHERE j.status = 'FAIL' AND NOT j.res_deleted
      ON CONFLICT ("tenantId", "ruleId", "resourceId") DO NOTHING
      RETURNING id
    ), ev AS (
      INSERT INTO "FindingEvent" ("tenantId", "findingId", type, cause, "scanId", at)
      SELECT ${t}, id, 'OPENED', 'scan', ${scan}, ${at} FROM ins RETURNING 1
    ) SELECT count(*)::int AS n FROM ev`,
  );

  // Still failing: severity change (event), then refresh evidence / last seen.
  const severityChanged = await q(
    "severity",
    Prisma.sql`
    WITH upd AS (
      UPDATE "Finding" f SET severity = j.severity
        FROM eval_j j JOIN "Finding" old ON old."tenantId" = ${t} AND old."ruleId" = j.rule_id AND old."resourceId" = j.res_id
       WHERE f.id = old.id AND j.status = 'FAIL' AND NOT j.res_deleted
         AND f.status IN ('OPEN', 'SUPPRESSED') AND f.severity <> j.severity
      RETURNING f.id, old.severity AS old_severity, j.severity AS new_severity
    ), ev AS (
      INSERT INTO "FindingEvent" ("tenantId", "findingId", type, cause, "scanId", data, at)
      SELECT ${t}, id, 'SEVERITY_CHANGED', 'scan', ${scan},
             jsonb_build_object('from', old_severity, 'to', new_severity), ${at} FROM upd RETURNING 1
    ) SELECT count(*)::int AS n FROM ev`,
  );
  const updated = await q(
    "refresh",
    Prisma.sql`
    WITH upd AS (
      UPDATE "Finding" f
         SET "lastSeenAt" = GREATEST(f."lastSeenAt", ${at}), evidence = j.evidence, title = j.title, "lastScanId" = ${scan}
        FROM eval_j j
       WHERE f."tenantId" = ${t} AND f."ruleId" = j.rule_id AND f."resourceId" = j.res_id
         AND j.status = 'FAIL' AND NOT j.res_deleted AND f.status IN ('OPEN', 'SUPPRESSED')
         AND (f."lastSeenAt" < ${at} OR f.evidence IS DISTINCT FROM j.evidence OR f.title IS DISTINCT FROM j.title)
      RETURNING 1
    ) SELECT count(*)::int AS n FROM upd`,
  );

  // PASS / NOT_APPLICABLE → RESOLVED.
  const resolved = await q(
    "resolve",
    Prisma.sql`
    WITH upd AS (
      UPDATE "Finding" f SET status = 'RESOLVED', "resolvedAt" = ${at}, "suppressionId" = NULL, "lastScanId" = ${scan}
        FROM eval_j j
       WHERE f."tenantId" = ${t} AND f."ruleId" = j.rule_id AND f."resourceId" = j.res_id
         AND j.status IN ('PASS', 'NOT_APPLICABLE') AND f.status IN ('OPEN', 'SUPPRESSED')
      RETURNING f.id, j.status AS verdict
    ), ev AS (
      INSERT INTO "FindingEvent" ("tenantId", "findingId", type, cause, "scanId", data, at)
      SELECT ${t}, id, 'RESOLVED', 'scan', ${scan}, jsonb_build_object('status', verdict), ${at} FROM upd RETURNING 1
    ) SELECT count(*)::int AS n FROM ev`,
  );

  // Deleted resources (a COMPLETE collection no longer saw them) → RESOLVED, tenant-wide.
  const resolvedByDeletion = await q(
    "resolve-deleted",
    Prisma.sql`
    WITH upd AS (
      UPDATE "Finding" f SET status = 'RESOLVED', "resolvedAt" = ${at}, "suppressionId" = NULL
        FROM "Resource" r
       WHERE r."tenantId" = ${t} AND r."deletedAt" IS NOT NULL AND f."tenantId" = ${t}
         AND f."resourceId" = r.id AND f.status IN ('OPEN', 'SUPPRESSED')
      RETURNING f.id, r."deletedAt" AS deleted_at
    ), ev AS (
      INSERT INTO "FindingEvent" ("tenantId", "findingId", type, cause, "scanId", data, at)
      SELECT ${t}, id, 'RESOLVED', 'resource deleted', ${scan}, jsonb_build_object('deletedAt', deleted_at), ${at}
        FROM upd RETURNING 1
    ) SELECT count(*)::int AS n FROM ev`,
  );

  // Rules the tenant disabled → their open findings in the evaluated scope resolve.
  let resolvedByDisabledRule = 0;
  if (opts.disabledRuleIds.length > 0) {
    const scope = opts.evaluatedScope;
    const inScope =
      scope === "ALL"
        ? Prisma.sql`true`
        : scope.length === 0
          ? Prisma.sql`false`
          : Prisma.sql`(f."accountId", f.region, r.service) IN (${Prisma.join(
              scope.map((s) => Prisma.sql`(${s.accountId}, ${s.region}, ${s.service})`),
            )})`;
    resolvedByDisabledRule = await q(
      "resolve-disabled",
      Prisma.sql`
      WITH upd AS (
        UPDATE "Finding" f SET status = 'RESOLVED', "resolvedAt" = ${at}, "suppressionId" = NULL
          FROM "Resource" r
         WHERE f."tenantId" = ${t} AND r.id = f."resourceId" AND f.status IN ('OPEN', 'SUPPRESSED')
           AND f."ruleId" = ANY(${opts.disabledRuleIds}::text[]) AND ${inScope}
        RETURNING f.id
      ), ev AS (
        INSERT INTO "FindingEvent" ("tenantId", "findingId", type, cause, "scanId", at)
        SELECT ${t}, id, 'RESOLVED', 'rule disabled', ${scan}, ${at} FROM upd RETURNING 1
      ) SELECT count(*)::int AS n FROM ev`,
    );
  }

  // Owners and due dates of reopened findings (new ones got theirs on insert; manual
  // assignments are kept).
  if (reopened > 0) {
    await step("owners", () =>
      resolveOwners({
        tx,
        tenantId,
        where: Prisma.sql`f."ownerResolution" IS NULL AND f.status = 'OPEN'`,
      }),
    );
  }
  // Active suppressions cover what this evaluation opened, reopened or saw failing again.
  const suppressed = await step("suppressions", () =>
    applyActiveSuppressions({
      tx,
      tenantId,
      now,
      cause: "suppression",
      scanId,
      where: Prisma.sql`f."lastSeenAt" = ${at}`,
    }),
  );

  return {
    opened,
    reopened,
    resolved,
    resolvedByDeletion,
    resolvedByDisabledRule,
    updated,
    severityChanged,
    suppressed,
    skippedUnknownResource,
  };
}
