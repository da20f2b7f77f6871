import { listScheduledConnections } from "@guardrail/core";
import type { TDb } from "@guardrail/db";
import {
  listScheduledConnectionIds,
  removeConnectionSchedule,
  upsertConnectionSchedule,
  type TJobQueues,
} from "@guardrail/jobs";

/**
 * Makes BullMQ's repeatable `connection.schedule` jobs match the connections' cron settings:
 * upserts each connection's schedule (idempotent) and removes the schedules of connections
 * that are gone or disabled. The worker runs it at start and then every minute.
 */
export async function syncConnectionSchedules(opts: {
  db: TDb;
  queues: TJobQueues;
}): Promise<{ scheduled: number; removed: number }> {
  const connections = await listScheduledConnections({ db: opts.db });
  const wanted = new Set<string>();
  for (const c of connections) {
    await upsertConnectionSchedule(opts.queues, {
      tenantId: c.tenantId,
      connectionId: c.id,
      cron: c.scheduleCron,
      enabled: c.scheduleEnabled,
    });
    if (c.scheduleEnabled) wanted.add(c.id);
  }
  let removed = 0;
  for (const id of await listScheduledConnectionIds(opts.queues)) {
    if (!wanted.has(id)) {
      await removeConnectionSchedule(opts.queues, id);
      removed++;
    }
  }
  return { scheduled: wanted.size, removed };
}
