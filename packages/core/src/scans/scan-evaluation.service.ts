import type { TDb } from "@guardrail/db";
import {
  buildRuleContext,
  evaluateRules,
  RULE_CATALOG,
  type TRuleDefinition,
  type TRuleResult,
} from "@guardrail/rules";
import type { TCollectedResource, TServiceKey } from "@guardrail/collectors";
import { buildAccessGraphAsync, createCapabilityAnalyzer, GRAPH_ANALYZER_MAX_CACHED_CHECKS } from "@guardrail/iam";
import { storeAccessGraph } from "../access-graph/access-graph.service";
import { refreshResourceBusinessUnits } from "../business-units/resource-unit.repository";
import { AppError } from "../common/app-error";
import { streamLiveResources } from "../inventory/inventory.repository";
import { beginScanEvaluation, finishScan } from "./scan-pipeline.service";

export interface TEvaluatedCollection {
  accountId: string;
  region: string;
  service: string;
}

/** The findings side of an evaluation (`applyEvaluation` of core's findings module). */
export type TApplyEvaluationPort = (opts: {
  db: TDb;
  tenantId: string;
  scanId: string | null;
  results: Iterable<TRuleResult>;
  evaluatedScope: readonly TEvaluatedCollection[] | "ALL";
  now: Date;
  rules?: readonly { id: string; title: string }[];
}) => Promise<{ opened: number; resolved: number; reopened?: number }>;

/** Resources evaluated per slice of the results stream. */
const EVALUATION_SLICE = 2_000;

/** The rule catalog of `@guardrail/rules` (the worker evaluates with it). */
export function loadRuleCatalog(): readonly TRuleDefinition[] {
  return RULE_CATALOG;
}

export interface TEvaluateScanOptions {
  db: TDb;
  tenantId: string;
  scanId: string;
  now: Date;
  rules: readonly TRuleDefinition[];
  applyEvaluation: TApplyEvaluationPort;
}

export interface TEvaluateScanResult {
  status: string | null;
  evaluated: boolean;
  results: number;
  opened: number;
  resolved: number;
  /** the access graph built once for the attack-path rules and stored (null when not evaluated) */
  graph?: { buildId: string; nodes: number; edges: number; buildMs: number; writeMs: number } | null;
}

/**
 * `scan.evaluate`: load the tenant's live inventory and latest collection states, build the
 * access graph (once: the attack-path rules read it, then it is stored as the tenant's current
 * graph), run the rules, persist findings, finish the scan. A cancelled scan finishes CANCELLED
 * unevaluated. A retry repeats everything: findings are upserts and a graph build replaces the
 * previous one.
 */
export async function evaluateScan(opts: TEvaluateScanOptions): Promise<TEvaluateScanResult> {
  const { db, tenantId, scanId, now } = opts;
  const go = await beginScanEvaluation(db, { tenantId, scanId, now });
  if (go === "NOT_READY") {
    throw new AppError(
      "UNAVAILABLE",
      `Scan ${scanId} is still collecting; evaluate it once every task finished.`,
    );
  }
  if (go === "DONE") {
    const scan = await db.scan.findFirst({
      where: { id: scanId, tenantId },
      select: { status: true },
    });
    return { status: scan?.status ?? null, evaluated: false, results: 0, opened: 0, resolved: 0 };
  }
  // Collections ran beside the organization task (account tags, OU moves): every resource's
  // stored business unit is settled once they all finished (writes only those that changed).
  await refreshResourceBusinessUnits(db, { tenantId });
  const resources: TCollectedResource[] = [];
  for await (const r of streamLiveResources(db, { tenantId })) {
    resources.push({
      accountId: r.accountId,
      region: r.region,
      service: r.service as TServiceKey,
      resourceType: r.resourceType as TCollectedResource["resourceType"],
      resourceId: r.resourceId,
      name: r.name,
      tags: r.tags,
      configuration: r.configuration,
    });
  }
  const collections = await db.collectionState.findMany({
    where: { tenantId },
    select: { accountId: true, region: true, service: true, status: true },
  });
  const settings = await db.ruleSetting.findMany({ where: { tenantId } });
  const graphStartedAt = new Date();
  // one analyzer (and its memo) for the graph and the workload-role rules
  const analyzer = createCapabilityAnalyzer({ maxCachedChecks: GRAPH_ANALYZER_MAX_CACHED_CHECKS });
  const graph = await buildAccessGraphAsync({ resources, analyzer, now });
  const ctx = buildRuleContext({
    resources,
    collections: collections.map((c) => ({ ...c, service: c.service as TServiceKey })),
    now,
    iamCapabilityAnalyzer: analyzer,
    accessGraph: graph,
  });
  const ruleSettings = new Map(
    settings.map((s) => [s.ruleId, { enabled: s.enabled, severityOverride: s.severityOverride }]),
  );
  let resultCount = 0;
  // The rules run over a slice of the inventory at a time as applyEvaluation streams the
  // results to Postgres: a million results and their evidence are never in memory at once.
  function* streamResults(): Generator<TRuleResult> {
    for (let i = 0; i < resources.length; i += EVALUATION_SLICE) {
      const slice: TRuleResult[] = [];
      evaluateRules({
        rules: opts.rules,
        ctx,
        settings: ruleSettings,
        resources: resources.slice(i, i + EVALUATION_SLICE),
        onResult: (r) => slice.push(r),
      });
      resultCount += slice.length;
      yield* slice;
    }
  }
  const evaluatedScope = await db.scanTask.findMany({
    where: { tenantId, scanId, status: { in: ["SUCCEEDED", "PARTIAL"] } },
    select: { accountId: true, region: true, service: true },
  });
  // The organization collection is not a task: it was collected by scan.start.
  const org = await db.collectionState.findMany({
    where: { tenantId, scanId, service: "organizations" },
    select: { accountId: true, region: true, service: true },
  });
  const applied = await opts.applyEvaluation({
    db,
    tenantId,
    scanId,
    results: streamResults(),
    evaluatedScope: [...evaluatedScope, ...org],
    now,
    rules: opts.rules.map((r) => ({ id: r.id, title: r.title })),
  });
  const stored = await storeAccessGraph({ db, tenantId, scanId, graph, startedAt: graphStartedAt });
  const status = await finishScan(db, {
    tenantId,
    scanId,
    now,
    findingsOpened: applied.opened + (applied.reopened ?? 0),
    findingsResolved: applied.resolved,
  });
  return {
    status,
    evaluated: true,
    results: resultCount,
    opened: applied.opened,
    resolved: applied.resolved,
    graph: { buildId: stored.buildId, nodes: graph.nodes.size, edges: graph.edges.length, buildMs: graph.stats.durationMs, writeMs: stored.writeMs },
  };
}
