import {
  OrganizationDiscoveryError,
  classifyAwsError,
  type TMemberAccessResult,
} from "@guardrail/collectors";
import {
  beginScanDiscovery,
  createScanTasks,
  failScan,
  isScannableAccess,
  listUnfinishedTasks,
  loadConnectionForScan,
  persistCollection,
  persistOrganization,
  recordAccountAccess,
  recordConnectionTest,
  type TPlannedTask,
} from "@guardrail/core";
import { ZScanStartJob, enqueueCollectTasks, enqueueScanEvaluate } from "@guardrail/jobs";
import { mapWithLimit, nowOf, type TWorkerDeps } from "../worker-deps";

export interface TJobAttempt {
  /** 1-based attempt of this delivery, and the job's maximum. */
  attempt: number;
  maxAttempts: number;
  signal?: AbortSignal;
}

/**
 * `scan.start`: discover the organization with the management role, persist it, test every
 * active member account, plan (account × enabled region ∩ scope × regional collector) + global
 * collectors, insert the tasks and enqueue one `collect.task` per task.
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
  if (begun.resume) {
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
    discovery = await aws.discover(attempt.signal);
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
  const org = await db.$transaction(
    async (tx) => {
      const summary = await persistOrganization(tx, {
        tenantId,
        connectionId: connection.id,
        organization: discovery,
        now,
      });
      await persistCollection(tx, { tenantId, scanId, collection: discovery.collection, now });
      return summary;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );

  const accounts = discovery.accounts.filter((a) => org.activeAccountIds.includes(a.Id));
  const scope = new Set(connection.regions);
  const tasks: TPlannedTask[] = [];
  const access: TMemberAccessResult[] = await mapWithLimit(
    accounts,
    deps.discoveryConcurrency,
    async (account) => {
      const result = await aws.testAccess(
        { accountId: account.Id, status: account.Status },
        attempt.signal,
      );
      if (!isScannableAccess(result.state)) return result;
      let regions: string[];
      try {
        regions = await aws.listRegions(account.Id, attempt.signal);
      } catch (err) {
        const info = classifyAwsError(err);
        return {
          accountId: account.Id,
          state: "ERROR",
          message: `ec2:DescribeRegions failed: ${info.code}: ${info.message}`,
        };
      }
      const inScope = scope.size ? regions.filter((r) => scope.has(r)) : regions;
      for (const t of aws.planTasks(inScope))
        tasks.push({ accountId: account.Id, region: t.region, service: t.service });
      return result;
    },
  );
  await recordAccountAccess(db, { tenantId, connectionId: connection.id, results: access });
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

  const created = await createScanTasks(db, {
    tenantId,
    scanId,
    tasks,
    accountsTotal: accounts.length,
  });
  await enqueueCollectTasks(
    deps.queues,
    created.pending.map((t) => ({ tenantId, scanId, ...t })),
  );
  if (created.collectionDone) await enqueueScanEvaluate(deps.queues, { tenantId, scanId });
  log.info("scan planned", {
    scanId,
    accounts: accounts.length,
    connected: access.filter((a) => isScannableAccess(a.state)).length,
    tasks: tasks.length,
  });
  return `${tasks.length} tasks`;
}
