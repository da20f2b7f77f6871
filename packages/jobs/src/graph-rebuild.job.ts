import { z } from "zod";
import { QUEUE_NAMES, type TJobContract } from "./job-contracts";
import type { TJobQueues } from "./job-queues";

/**
 * `graph.rebuild`: rebuild the tenant's access graph from its live inventory without evaluating
 * rules. A scan does not need it (`scan.evaluate` builds the graph once and stores it); it serves
 * an operator's rebuild and jobs queued by earlier versions. One per scan id (deterministic id);
 * a later build supersedes it.
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
