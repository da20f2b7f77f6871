import { OrganizationDiscoveryError, classifyAwsError, interleave } from "@guardrail/collectors";
import {
  PLANNING_SERVICE,
  SCAN_TRANSACTION_OPTIONS,
  abandonScanPlanning,
  addScanTasks,
  beginScanDiscovery,
  createScanTasks,
  finishScanTask,
  isScanPlanningPending,
  failScan,
  isScannableAccess,
  listUnfinishedTasks,
  loadConnectionForScan,
  type TPlannedTask,
  persistOrganization,
  recordConnectionTest,
} from "@guardrail/core";
import { ZScanStartJob, enqueueCollectTasks, enqueueScanEvaluate } from "@guardrail/jobs";
import { nowOf, type TWorkerDeps } from "../worker-deps";

/** The task that reads the whole organization with account tags (a `collect.task` like the others). */
export const ORGANIZATION_SERVICE = "organizations";

export interface TJobAttempt {
  /** 1-based attempt of this delivery, and the job's maximum. */
  attempt: number;
  maxAttempts: number;
  signal?: AbortSignal;
}

/**
 * `scan.start`: discover the organization's structure with the management role (accounts, OUs,
 * SCPs/RCPs, without the per-account tag calls), persist it, plan with the shared `planScan`
 * (test every active member role, account × enabled region ∩ scope × regional collector, plus
 * global collectors), insert the tasks and enqueue one `collect.task` per task. The
 * organization's full read with account tags (one call per account on the management
 * account's Organizations budget, the longest chain of a large scan) is itself a task, enqueued
 * first, so it runs while the member accounts are collected instead of before.
 */
export async function processScanStart(
  deps: TWorkerDeps,
  data: unknown,
  attempt: TJobAttempt,
): Promise<string> {
  const { tenantId, scanId } = ZScanStartJob.parse(data);
  const { db, log } = deps;
  const begun = await beginScanDiscovery(db, { tenantId, scanId, now: nowOf(deps) });
  if (!begun) return "nothing to do";
  // A scan whose planning was interrupted plans again (every step is idempotent).
  if (begun.resume && !(await isScanPlanningPending(db, { tenantId, scanId }))) {
    const pending = await listUnfinishedTasks(db, { tenantId, scanId });
    await enqueueCollectTasks(
      deps.queues,
      pending.map((t) => ({ tenantId, scanId, ...t })),
    );
    if (pending.length === 0) await enqueueScanEvaluate(deps.queues, { tenantId, scanId });
    return `resumed ${pending.length} tasks`;
  }
  const connection = await loadConnectionForScan({
    db,
    tenantId,
    connectionId: begun.scan.connectionId,
  });
  const aws = deps.aws.forConnection(connection);

  let discovery;
  try {
    discovery = await aws.discover({
      accountTags: false,
      ...(attempt.signal ? { signal: attempt.signal } : {}),
    });
  } catch (err) {
    const info =
      err instanceof OrganizationDiscoveryError
        ? { code: err.code, message: err.message }
        : classifyAwsError(err);
    const final =
      attempt.attempt >= attempt.maxAttempts ||
      info.code === "AccessDenied" ||
      info.code.includes("NotInUse");
    log.warn("organization discovery failed", { scanId, code: info.code, final });
    if (!final) throw err;
    const message = `Organization discovery failed: ${info.message}`;
    await failScan(db, { tenantId, scanId, error: message, now: nowOf(deps) });
    await recordConnectionTest({
      db,
      tenantId,
      connectionId: connection.id,
      result: {
        management: { ok: false, errorCode: info.code, message: info.message },
        accounts: [],
      },
    });
    return "discovery failed";
  }

  const now = nowOf(deps);
  // Tags are null here: persisting keeps each account's last known tags until the
  // organization task has read them.
  const org = await db.$transaction(
    (tx) =>
      persistOrganization(tx, {
        tenantId,
        connectionId: connection.id,
        organization: discovery,
        now,
      }),
    SCAN_TRANSACTION_OPTIONS,
  );

  const accounts = discovery.accounts.filter((a) => org.activeAccountIds.includes(a.Id));
  // The scan starts collecting at once: the organization task (enqueued first) and a planning
  // task that holds the scan open while each account's tasks are added as soon as it is planned.
  const management = discovery.managementAccountId;
  const created = await createScanTasks(db, {
    tenantId,
    scanId,
    tasks: [
      { accountId: management, region: "global", service: ORGANIZATION_SERVICE },
      { accountId: management, region: "global", service: PLANNING_SERVICE },
    ],
    accountsTotal: accounts.length,
  });
  await enqueueCollectTasks(
    deps.queues,
    created.pending.map((t) => ({ tenantId, scanId, ...t })),
  );

  let batch: (readonly TPlannedTask[])[] = [];
  let flushedAt = Date.now();
  let collecting = true;
  let flushing: Promise<void> = Promise.resolve();
  const flush = () => {
    // Interleave the accounts of a batch, so the queue keeps many accounts busy.
    const tasks = interleave(batch);
    batch = [];
    flushedAt = Date.now();
    if (!tasks.length) return;
    flushing = flushing.then(async () => {
      if (!collecting) return;
      collecting = await addScanTasks(db, { tenantId, scanId, tasks });
      if (collecting)
        await enqueueCollectTasks(
          deps.queues,
          tasks.map((t) => ({ tenantId, scanId, ...t })),
        );
    });
  };
  const plan = await aws.plan({
    accounts: accounts.map((a) => ({ accountId: a.Id, status: a.Status })),
    regionScope: connection.regions,
    concurrency: deps.discoveryConcurrency,
    ...(attempt.signal ? { signal: attempt.signal } : {}),
    onPlanned: (tasks) => {
      batch.push(tasks);
      if (batch.length >= 16 || Date.now() - flushedAt >= 500) flush();
    },
  });
  flush();
  await flushing;
  const access = plan.access;
  await recordConnectionTest({
    db,
    tenantId,
    connectionId: connection.id,
    result: {
      management: {
        ok: true,
        organizationId: discovery.organization.Id,
        managementAccountId: discovery.managementAccountId,
      },
      accounts: access,
    },
  });
  const tasks = plan.tasks;
  const planned = await finishScanTask(db, {
    tenantId,
    scanId,
    accountId: management,
    region: "global",
    service: PLANNING_SERVICE,
    status: "SUCCEEDED",
    now: nowOf(deps),
  });
  if (planned.collectionDone) await enqueueScanEvaluate(deps.queues, { tenantId, scanId });
  log.info("scan planned", {
    scanId,
    accounts: accounts.length,
    connected: access.filter((a) => isScannableAccess(a.state)).length,
    tasks: tasks.length,
  });
  return `${tasks.length} tasks`;
}

/**
 * `scan.start` failed for good (attempts spent, or stalled too often): the scan must still end.
 * Discovering, it is FAILED; collecting, its planning task is FAILED and the accounts planned so
 * far are collected and evaluated (PARTIAL), the evaluation enqueued if they already are.
 */
export async function recordScanStartLost(
  deps: TWorkerDeps,
  data: unknown,
  error: string,
): Promise<void> {
  const parsed = ZScanStartJob.safeParse(data);
  if (!parsed.success) return;
  const { tenantId, scanId } = parsed.data;
  const { collectionDone } = await abandonScanPlanning(deps.db, {
    tenantId,
    scanId,
    error: `Scan planning failed: ${error}`,
    now: nowOf(deps),
  });
  if (collectionDone) await enqueueScanEvaluate(deps.queues, { tenantId, scanId });
}
