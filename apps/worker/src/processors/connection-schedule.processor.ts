import { requestScan } from "@guardrail/core";
import { ZConnectionScheduleJob, enqueueScanStart } from "@guardrail/jobs";
import type { TWorkerDeps } from "../worker-deps";

/** `connection.schedule` (repeatable, from the connection's cron): request a scan, or join the active one. */
export async function processConnectionSchedule(deps: TWorkerDeps, data: unknown): Promise<string> {
  const { tenantId, connectionId } = ZConnectionScheduleJob.parse(data);
  const { scanId, joined } = await requestScan({
    db: deps.db,
    tenantId,
    connectionId,
    trigger: "SCHEDULE",
  });
  if (!joined) await enqueueScanStart(deps.queues, { tenantId, scanId });
  return joined ? `joined ${scanId}` : `started ${scanId}`;
}
