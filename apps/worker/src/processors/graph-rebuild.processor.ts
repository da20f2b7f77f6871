import { rebuildAccessGraph } from "@guardrail/core";
import { ZGraphRebuildJob } from "@guardrail/jobs";
import { nowOf, type TWorkerDeps } from "../worker-deps";

/** `graph.rebuild`: the tenant's access graph from its live inventory, stored in Postgres. */
export async function processGraphRebuild(deps: TWorkerDeps, data: unknown): Promise<string> {
  const { tenantId, scanId } = ZGraphRebuildJob.parse(data);
  const r = await rebuildAccessGraph({ db: deps.db, tenantId, scanId, now: nowOf(deps) });
  deps.log.info("access graph rebuilt", { scanId, ...r });
  return r.buildId;
}
