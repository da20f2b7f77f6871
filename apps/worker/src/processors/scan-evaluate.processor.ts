import { evaluateScan } from "@guardrail/core";
import { ZScanEvaluateJob, enqueueGraphRebuild } from "@guardrail/jobs";
import { nowOf, type TWorkerDeps } from "../worker-deps";

/** `scan.evaluate`: rules over the tenant's inventory, findings diff, scan finished. */
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
  if (r.evaluated) await enqueueGraphRebuild(deps.queues, { tenantId, scanId });
  return r.status ?? "unknown scan";
}
