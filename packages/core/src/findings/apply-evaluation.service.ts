import { copyRows, Prisma, withPgConnection, type TCopyValue, type TDb } from "@guardrail/db";
import type { TRuleResult, TSeverity } from "@guardrail/rules";
import {
  resolveOwners,
  sqlOwnerCtes,
  sqlOwnerPick,
} from "../business-units/owner-resolution.repository";
import { AppError } from "../common/app-error";
import { applyActiveSuppressions } from "../suppressions/suppression-match.repository";
import {
  replaceRuleEvaluationCounts,
  serviceOfResourceType,
  sqlInEvaluatedScope,
  type TEvaluatedScope,
  type TEvaluationCount,
} from "./rule-evaluation-count.repository";
import { createPgSqlExecutor, type TSqlExecutor } from "./sql-executor";

export type { TEvaluatedScope, TEvaluationCount } from "./rule-evaluation-count.repository";

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

const STATEMENT_TIMEOUT_MS = 15 * 60_000;
/** New findings in one evaluation above which Finding's planner statistics are refreshed. */
const ANALYZE_AFTER_OPENED = 50_000;

/**
 * Time-ordered ids for the rows one statement inserts, in the UUID version 7 layout: 48-bit
 * Unix milliseconds, version 7, 12 random bits, the RFC 4122 variant, 12 random bits, then a
 * 48-bit counter that starts at a random 40-bit base and adds the row's number. `SQL_ID_GEN`
 * is the CTE (`idg`, one row) a statement joins; `sqlId(n)` is the id of its row number `n`.
 * Findings and events inserted by the million land at the right edge of their primary-key
 * indexes, and a row costs a string concatenation instead of two `gen_random_uuid()` calls
 * (those made ids the costliest expression of a million-row insert).
 */
const SQL_ID_GEN = Prisma.raw(`idg AS (
      SELECT lpad(to_hex((extract(epoch FROM clock_timestamp()) * 1000)::bigint), 12, '0') || '7'
             || substr(md5(random()::text), 1, 3) || substr('89ab', 1 + floor(random() * 4)::int, 1)
             || substr(md5(random()::text), 1, 3) AS prefix,
             floor(random() * 2 ^ 40)::bigint AS base
    )`);
function sqlId(rowNumber: string): Prisma.Sql {
  return Prisma.raw(`(idg.prefix || lpad(to_hex(idg.base + ${rowNumber}), 12, '0'))::uuid`);
}
const SQL_EVENT_ID = sqlId("row_number() OVER ()");

/** The columns of the `eval_in` temporary table, in COPY order. */
const EVAL_IN_COLUMNS = ["rule_id", "arn", "status", "severity", "title", "evidence"] as const;

/**
 * The findings diff of one evaluation, set-based. FAIL → OPEN finding (new: created with the
 * tenant's severity override, evidence, title, owner and due date; RESOLVED: reopened,
 * `reopenCount` + 1); PASS / NOT_APPLICABLE → an OPEN or SUPPRESSED finding RESOLVES;
 * UNABLE_TO_EVALUATE never resolves anything; findings of deleted resources resolve
 * ("resource deleted"); findings of rules the tenant disabled resolve within the evaluated
 * scope ("rule disabled") and disabled rules open nothing; active suppressions then apply.
 * Every transition is a FindingEvent. The evaluation's pass / fail / unable counts replace the
 * RuleEvaluationCount rows of the evaluated collections. Idempotent: re-applying the same
 * evaluation with the same `now` changes nothing.
 *
 * One transaction on one pooled connection: the results are streamed (never held in memory
 * with their JSON) with `COPY … FROM STDIN` into a temporary table that is matched once
 * against Resource and Finding; every transition is then one statement over that match,
 * inserting in (resource, rule) order with time-ordered ids. A worker that dies mid-write
 * leaves nothing behind (the transaction rolls back) and its retry applies the whole diff.
 * Evaluations of one tenant are serialised by a transaction-level advisory lock.
 */
export async function applyEvaluation(
  opts: TApplyEvaluationOptions,
): Promise<TApplyEvaluationResult> {
  const { db, tenantId, scanId, now } = opts;
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    throw new AppError("VALIDATION", "applyEvaluation needs a valid `now`.");
  }
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
  const counts = new Map<string, TEvaluationCount>();
  let skippedDisabled = 0;

  /** The rows COPY sends: counts every result, skips disabled rules and UNABLE verdicts. */
  async function* rows(): AsyncGenerator<TCopyValue[]> {
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
          service: serviceOfResourceType(r.resourceType),
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
      // The rule's title goes in once per rule (diffFindings); a row carries its own only
      // without one. Passing rows carry no evidence (it is never read for them).
      yield [
        r.ruleId,
        r.resourceId,
        r.status,
        severity,
        fail && !titles.has(r.ruleId) ? r.message : null,
        fail ? (r.evidence ?? {}) : null,
      ];
    }
  }

  return withPgConnection(db, async (client) => {
    const tx = createPgSqlExecutor(client);
    const step = createStepTimer(opts.onStep);
    await client.query("BEGIN");
    try {
      // One evaluation of a tenant at a time: the match below stays true until COMMIT (no other
      // transaction inserts this tenant's findings meanwhile; only evaluations insert findings).
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('guardrail:apply-evaluation'), hashtext($1))`, [tenantId]);
      // Transaction-local planner settings for the big set-based statements.
      await client.query(`SET LOCAL statement_timeout = ${STATEMENT_TIMEOUT_MS}`);
      await client.query(`SET LOCAL work_mem = '128MB'`);
      await client.query(`SET LOCAL jit = off`);
      await client.query(`CREATE TEMP TABLE eval_in (
          rule_id text NOT NULL, arn text NOT NULL, status text NOT NULL, severity text NOT NULL,
          title text, evidence jsonb
        ) ON COMMIT DROP`);
      await step("load", () =>
        copyRows(client, { table: "eval_in", columns: EVAL_IN_COLUMNS, rows: rows() }),
      );
      const result = await diffFindings({
        tx,
        tenantId,
        scanId,
        now,
        titles,
        disabledRuleIds: [...disabled],
        evaluatedScope: opts.evaluatedScope,
        step,
      });
      const countList = [...counts.values()];
      await step("evaluation-counts", () =>
        replaceRuleEvaluationCounts({
          tx,
          tenantId,
          scanId,
          now,
          evaluatedScope: opts.evaluatedScope,
          counts: countList,
        }),
      );
      await step("commit", () => client.query("COMMIT"));
      return { ...result, skippedDisabled, counts: countList };
    } catch (error) {
      // The connection is discarded by withPgConnection; ROLLBACK returns its locks at once.
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    }
  });
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
  titles: ReadonlyMap<string, string>;
  disabledRuleIds: string[];
  evaluatedScope: readonly TEvaluatedScope[] | "ALL";
  step: TStepTimer;
}): Promise<Omit<TApplyEvaluationResult, "skippedDisabled" | "counts">> {
  const { tx, tenantId, scanId, now, step } = opts;
  const q = (label: string, sql: Prisma.Sql) => step(label, () => count(tx, sql));
  const t = Prisma.sql`${tenantId}::uuid`;
  const at = Prisma.sql`${now}::timestamp`;
  const scan = Prisma.sql`${scanId}::uuid`;
  const ruleIds = [...opts.titles.keys()];
  const ruleTitles = [...opts.titles.values()];

  // One match of the results against Resource (ARN → id; one row per (rule, ARN), FAIL first;
  // an ARN the inventory does not know keeps a NULL res_id) and Finding (the finding's id,
  // status and severity before this evaluation; `fstale`: its evidence, title or last-seen
  // time differ from this evaluation's), stored in (resource id, rule) order and numbered `n`
  // in it: the order of Finding's unique key (tenant, resource, rule) and the order findings
  // are inserted in, so the updates below visit Finding's heap and indexes sequentially
  // instead of at random (a million random page visits overran the 15-minute statement budget
  // under load). Sorts use the "C" collation (byte order). The statements below test the
  // match's columns first, so a re-evaluation that changes nothing touches no Finding row.
  await step("match", () =>
    tx.$executeRaw(Prisma.sql`
    CREATE TEMP TABLE eval_m ON COMMIT DROP AS
    WITH titles AS (
      SELECT * FROM unnest(${ruleIds}::text[], ${ruleTitles}::text[]) AS x(rule_id, title)
    ), j AS (
      SELECT DISTINCT ON (r.id, e.rule_id COLLATE "C", e.arn COLLATE "C")
             e.rule_id, r.id AS res_id, e.status, e.severity::"Severity" AS severity,
             CASE WHEN e.status = 'FAIL' THEN COALESCE(tt.title, e.title) END AS title, e.evidence,
             r."accountId" AS account_id, r.region, r."resourceType" AS resource_type,
             COALESCE(r."deletedAt" IS NOT NULL, false) AS res_deleted, r.tags AS res_tags
        FROM eval_in e
        LEFT JOIN "Resource" r ON r."tenantId" = ${t} AND r."resourceId" = e.arn
        LEFT JOIN titles tt ON tt.rule_id = e.rule_id
       ORDER BY r.id, e.rule_id COLLATE "C", e.arn COLLATE "C", (e.status = 'FAIL') DESC
    ), jn AS (
      SELECT j.*, row_number() OVER (ORDER BY j.res_id, j.rule_id COLLATE "C") AS n FROM j
    )
    SELECT j.*, f.id AS fid, f.status::text AS fstatus, f.severity AS fseverity,
           (f."lastSeenAt" < ${at} OR f.evidence IS DISTINCT FROM j.evidence OR f.title IS DISTINCT FROM j.title) AS fstale
      FROM jn j LEFT JOIN "Finding" f ON f."tenantId" = ${t} AND f."resourceId" = j.res_id AND f."ruleId" = j.rule_id`),
  );
  const skippedUnknownResource = await q(
    "unknown-resources",
    Prisma.sql`SELECT count(*)::int AS n FROM eval_m WHERE res_id IS NULL`,
  );
  await step("index", async () => {
    await tx.$executeRawUnsafe(`CREATE INDEX ON eval_m (fid)`);
    await tx.$executeRawUnsafe(`ANALYZE eval_m`);
  });

  // FAIL on a RESOLVED finding → REOPENED (owner recomputed unless assigned by hand).
  const reopened = await q(
    "reopen",
    Prisma.sql`
    WITH upd AS (
      UPDATE "Finding" f
         SET status = 'OPEN', "resolvedAt" = NULL, "reopenCount" = f."reopenCount" + 1,
             "lastSeenAt" = ${at}, severity = m.severity, evidence = m.evidence, title = m.title,
             "lastScanId" = ${scan}, "suppressionId" = NULL,
             "ownerResolution" = CASE WHEN f."ownerResolution"->>'step' = 'MANUAL' THEN f."ownerResolution" END
        FROM eval_m m
       WHERE f.id = m.fid AND f."tenantId" = ${t}
         AND m.status = 'FAIL' AND NOT m.res_deleted AND m.fstatus = 'RESOLVED' AND f.status = 'RESOLVED'
      RETURNING f.id
    ), ${SQL_ID_GEN}, ev AS (
      INSERT INTO "FindingEvent" (id, "tenantId", "findingId", type, cause, "scanId", at)
      SELECT ${SQL_EVENT_ID}, ${t}, id, 'REOPENED', 'scan', ${scan}, ${at} FROM upd CROSS JOIN idg RETURNING 1
    ) SELECT count(*)::int AS n FROM ev`,
  );

  // FAIL with no finding → OPENED, in the match's (resource, rule) order with time-ordered ids
  // numbered by the match's `n`. The match is read as stored (in `n` order) and not sorted
  // again: the ids follow `n` whatever order the rows arrive in, so an order the planner
  // changed would cost locality, never correctness (two sorts of a million wide rows were a
  // tenth of the statement). No ON CONFLICT: the tenant's evaluation lock (applyEvaluation)
  // keeps the match current, and a speculative insertion per row cost a third of the statement.
  const opened = await q(
    "open",
    Prisma.sql`
    WITH RECURSIVE ${sqlOwnerCtes(tenantId)}, ${SQL_ID_GEN},
    ins AS (
      INSERT INTO "Finding" (id, "tenantId", kind, "ruleId", "resourceId", "accountId", region, "resourceType",
                             status, severity, title, evidence, "firstSeenAt", "lastSeenAt", "lastScanId",
                             "businessUnitId", "ownerUserId", "ownerResolution", "dueAt")
      SELECT ${sqlId("m.n")}, ${t}, 'RULE', m.rule_id, m.res_id, m.account_id, m.region, m.resource_type,
             'OPEN', m.severity, m.title, m.evidence, ${at}, ${at}, ${scan},
             pick.own_bu, due.own_user, pick.own_resolution, due.own_due
        FROM eval_m m
        CROSS JOIN idg
        ${sqlOwnerPick({ tags: Prisma.sql`m.res_tags`, accountId: Prisma.sql`m.account_id`, severity: Prisma.sql`m.severity`, base: at })}
       WHERE m.status = 'FAIL' AND m.res_id IS NOT NULL AND NOT m.res_deleted AND m.fid IS NULL
      RETURNING id
    ), ev AS (
      INSERT INTO "FindingEvent" (id, "tenantId", "findingId", type, cause, "scanId", at)
      SELECT ${SQL_EVENT_ID}, ${t}, id, 'OPENED', 'scan', ${scan}, ${at} FROM ins CROSS JOIN idg RETURNING 1
    ) SELECT count(*)::int AS n FROM ev`,
  );

  // A large insert leaves the planner's statistics of Finding stale (a first scan of a big
  // organization goes from 0 to a million rows): refresh them for the statements that follow
  // and the next evaluation's match.
  if (opened >= ANALYZE_AFTER_OPENED) {
    await step("analyze", () => tx.$executeRawUnsafe(`ANALYZE "Finding"`));
  }

  // Still failing: severity change (event), then refresh evidence / last seen. Both join the
  // match by the finding's primary key; the old severity is the one matched before any update.
  const severityChanged = await q(
    "severity",
    Prisma.sql`
    WITH upd AS (
      UPDATE "Finding" f SET severity = m.severity
        FROM eval_m m
       WHERE f.id = m.fid AND f."tenantId" = ${t}
         AND m.status = 'FAIL' AND NOT m.res_deleted AND m.fstatus IN ('OPEN', 'SUPPRESSED')
         AND m.fseverity <> m.severity
         AND f.status IN ('OPEN', 'SUPPRESSED') AND f.severity <> m.severity
      RETURNING f.id, m.fseverity AS old_severity, m.severity AS new_severity
    ), ${SQL_ID_GEN}, ev AS (
      INSERT INTO "FindingEvent" (id, "tenantId", "findingId", type, cause, "scanId", data, at)
      SELECT ${SQL_EVENT_ID}, ${t}, id, 'SEVERITY_CHANGED', 'scan', ${scan},
             jsonb_build_object('from', old_severity, 'to', new_severity), ${at} FROM upd CROSS JOIN idg RETURNING 1
    ) SELECT count(*)::int AS n FROM ev`,
  );
  const updated = await q(
    "refresh",
    Prisma.sql`
    WITH upd AS (
      UPDATE "Finding" f
         SET "lastSeenAt" = GREATEST(f."lastSeenAt", ${at}), evidence = m.evidence, title = m.title, "lastScanId" = ${scan}
        FROM eval_m m
       WHERE f.id = m.fid AND f."tenantId" = ${t}
         AND m.status = 'FAIL' AND NOT m.res_deleted AND m.fstatus IN ('OPEN', 'SUPPRESSED')
         AND m.fstale
         AND f.status IN ('OPEN', 'SUPPRESSED')
         AND (f."lastSeenAt" < ${at} OR f.evidence IS DISTINCT FROM m.evidence OR f.title IS DISTINCT FROM m.title)
      RETURNING 1
    ) SELECT count(*)::int AS n FROM upd`,
  );

  // PASS / NOT_APPLICABLE → RESOLVED.
  const resolved = await q(
    "resolve",
    Prisma.sql`
    WITH upd AS (
      UPDATE "Finding" f SET status = 'RESOLVED', "resolvedAt" = ${at}, "suppressionId" = NULL, "lastScanId" = ${scan}
        FROM eval_m m
       WHERE f.id = m.fid AND f."tenantId" = ${t}
         AND m.status IN ('PASS', 'NOT_APPLICABLE') AND m.fstatus IN ('OPEN', 'SUPPRESSED')
         AND f.status IN ('OPEN', 'SUPPRESSED')
      RETURNING f.id, m.status AS verdict
    ), ${SQL_ID_GEN}, ev AS (
      INSERT INTO "FindingEvent" (id, "tenantId", "findingId", type, cause, "scanId", data, at)
      SELECT ${SQL_EVENT_ID}, ${t}, id, 'RESOLVED', 'scan', ${scan}, jsonb_build_object('status', verdict), ${at}
        FROM upd CROSS JOIN idg RETURNING 1
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
    ), ${SQL_ID_GEN}, ev AS (
      INSERT INTO "FindingEvent" (id, "tenantId", "findingId", type, cause, "scanId", data, at)
      SELECT ${SQL_EVENT_ID}, ${t}, id, 'RESOLVED', 'resource deleted', ${scan}, jsonb_build_object('deletedAt', deleted_at), ${at}
        FROM upd CROSS JOIN idg RETURNING 1
    ) SELECT count(*)::int AS n FROM ev`,
  );

  // Rules the tenant disabled → their open findings in the evaluated scope resolve.
  let resolvedByDisabledRule = 0;
  if (opts.disabledRuleIds.length > 0) {
    const inScope = sqlInEvaluatedScope(opts.evaluatedScope, {
      accountId: Prisma.sql`f."accountId"`,
      region: Prisma.sql`f.region`,
      service: Prisma.sql`r.service`,
    });
    resolvedByDisabledRule = await q(
      "resolve-disabled",
      Prisma.sql`
      WITH upd AS (
        UPDATE "Finding" f SET status = 'RESOLVED', "resolvedAt" = ${at}, "suppressionId" = NULL
          FROM "Resource" r
         WHERE f."tenantId" = ${t} AND r.id = f."resourceId" AND f.status IN ('OPEN', 'SUPPRESSED')
           AND f."ruleId" = ANY(${opts.disabledRuleIds}::text[]) AND ${inScope}
        RETURNING f.id
      ), ${SQL_ID_GEN}, ev AS (
        INSERT INTO "FindingEvent" (id, "tenantId", "findingId", type, cause, "scanId", at)
        SELECT ${SQL_EVENT_ID}, ${t}, id, 'RESOLVED', 'rule disabled', ${scan}, ${at} FROM upd CROSS JOIN idg RETURNING 1
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
