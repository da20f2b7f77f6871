import { abandonScanEvaluation, evaluateScan } from "@guardrail/core";
import { ZScanEvaluateJob } from "@guardrail/jobs";
import { nowOf, type TWorkerDeps } from "../worker-deps";

/**
 * `scan.evaluate`: the access graph (built once, read by the attack-path rules, then stored),
 * rules over the tenant's inventory, findings diff, scan finished.
 */
export async function processScanEvaluate(deps: TWorkerDeps, data: unknown): Promise<string> {
  const { tenantId, scanId } = ZScanEvaluateJob.parse(data);
  const started = Date.now();
  const r = await evaluateScan({
    db: deps.db,
    tenantId,
    scanId,
    now: nowOf(deps),
    rules: deps.rules,
    applyEvaluation: deps.applyEvaluation,
  });
  deps.log.info("scan evaluated", { scanId, ...r, ms: Date.now() - started });
  return r.status ?? "unknown scan";
}

/** `scan.evaluate` failed for good: the evaluating scan is FAILED with the error, not left evaluating. */
export async function recordScanEvaluateLost(
  deps: TWorkerDeps,
  data: unknown,
  error: string,
): Promise<void> {
  const parsed = ZScanEvaluateJob.safeParse(data);
  if (!parsed.success) return;
  await abandonScanEvaluation(deps.db, {
    ...parsed.data,
    error: `Evaluation failed: ${error}`,
    now: nowOf(deps),
  });
}
