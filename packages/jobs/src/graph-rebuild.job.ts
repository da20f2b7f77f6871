import { z } from "zod";
import { QUEUE_NAMES, type TJobContract } from "./job-contracts";
import type { TJobQueues } from "./job-queues";

/**
 * `graph.rebuild`: rebuild the tenant's access graph from its live inventory, after a scan's
 * evaluation. One per scan (deterministic id); a later scan's rebuild supersedes it.
 */
export const ZGraphRebuildJob = z.object({ tenantId: z.uuid(), scanId: z.uuid() }).strict();
export type TGraphRebuildJob = z.infer<typeof ZGraphRebuildJob>;

export const GRAPH_REBUILD_JOB = {
  name: "graph.rebuild",
  queue: QUEUE_NAMES.scans,
  schema: ZGraphRebuildJob,
  options: {
    attempts: 3,
    backoff: { type: "exponential", delay: 5_000 },
    removeOnComplete: { age: 24 * 3600, count: 1000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  },
  jobId: (p: TGraphRebuildJob) => ["graph.rebuild", p.scanId].join("|"),
} as const satisfies TJobContract<"graph.rebuild", typeof ZGraphRebuildJob>;


export async function enqueueGraphRebuild(queues: TJobQueues, payload: TGraphRebuildJob): Promise<string> {
  const data = ZGraphRebuildJob.parse(payload);
  const job = await queues.scans.add(GRAPH_REBUILD_JOB.name, data, {
    ...GRAPH_REBUILD_JOB.options,
    jobId: GRAPH_REBUILD_JOB.jobId(data),
  });
  return job.id ?? GRAPH_REBUILD_JOB.jobId(data);
}
