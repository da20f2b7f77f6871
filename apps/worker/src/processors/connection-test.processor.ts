import {
  OrganizationDiscoveryError,
  classifyAwsError,
  mapWithConcurrency,
  type TMemberAccessResult,
} from "@guardrail/collectors";
import {
  finishConnectionTestRun,
  loadConnectionForScan,
  persistOrganization,
  updateConnectionTestRun,
  type TConnectionTestAccount,
  type TConnectionTestManagement,
} from "@guardrail/core";
import { ZConnectionTestJob } from "@guardrail/jobs";
import { nowOf, type TWorkerDeps } from "../worker-deps";
import type { TJobAttempt } from "./scan-start.processor";

/** Progress is written at most this often (and once at the end). */
const FLUSH_EVERY_MS = 500;

/** The management role's failure, in words a person can act on. */
export function describeManagementFailure(
  roleArn: string,
  code: string,
  message: string,
): string {
  if (code === "AccessDenied" && /sts:AssumeRole/.test(message))
    return `AssumeRole ${roleArn} was denied: the role does not exist, its trust policy does not allow Guardrail's principal, or the external ID does not match (AWS answers all three with the same AccessDenied). AWS said: ${message}`;
  if (code === "AWSOrganizationsNotInUseException")
    return `The account of ${roleArn} is not in an AWS Organization: ${message}`;
  if (code === "AccessDenied" || code === "AccessDeniedException")
    return `The management role ${roleArn} may not read AWS Organizations (it needs organizations:Describe*/List*): ${message}`;
  return `${code}: ${message}`;
}

/**
 * `connection.test` ("Test connection"): assume the management role, list the organization's
 * accounts, then try every member role (a fresh AssumeRole with the external ID, and once
 * without it) and record per account: connected, or exactly why not. Progress is written while
 * it runs, so the page shows each account's result as it arrives.
 */
export async function processConnectionTest(
  deps: TWorkerDeps,
  data: unknown,
  attempt: TJobAttempt,
): Promise<string> {
  const { tenantId, connectionId, testId } = ZConnectionTestJob.parse(data);
  const { db, log } = deps;
  const key = { db, tenantId, connectionId, testId };
  const started = await updateConnectionTestRun({
    ...key,
    run: { status: "RUNNING", startedAt: nowOf(deps).toISOString() },
    management: { ok: false, message: "Assuming the management role…" },
    accounts: [],
  });
  if (!started) return "superseded";
  const connection = await loadConnectionForScan({ db, tenantId, connectionId });
  const aws = deps.aws.forConnection(connection);
  const signal = attempt.signal;

  let discovery;
  try {
    discovery = await aws.discover({ accountTags: false, ...(signal ? { signal } : {}) });
  } catch (err) {
    if (signal?.aborted) throw err;
    const info =
      err instanceof OrganizationDiscoveryError
        ? { code: err.code, message: err.message }
        : classifyAwsError(err);
    const management: TConnectionTestManagement = {
      ok: false,
      errorCode: info.code,
      message: describeManagementFailure(connection.managementRoleArn, info.code, info.message),
    };
    await finishConnectionTestRun({ ...key, management, accounts: [], now: nowOf(deps) });
    log.info("connection test: management role failed", { connectionId, code: info.code });
    return `management role failed: ${info.code}`;
  }

  const management: TConnectionTestManagement = {
    ok: true,
    organizationId: discovery.organization.Id,
    managementAccountId: discovery.managementAccountId,
    message: `Assumed ${connection.managementRoleArn} and listed ${discovery.accounts.length} accounts of ${discovery.organization.Id}.`,
  };
  // The accounts become known (tags are kept until a scan reads them), so their access
  // states can be recorded even before the first scan.
  const now = nowOf(deps);
  await db.$transaction(
    (tx) =>
      persistOrganization(tx, { tenantId, connectionId, organization: discovery, now }),
    { timeout: 120_000, maxWait: 30_000 },
  );
  const names = new Map(discovery.accounts.map((a) => [a.Id, a.Name]));
  const results: TConnectionTestAccount[] = [];
  let flushedAt = 0;
  let flushing: Promise<unknown> = Promise.resolve();
  const flush = () => {
    flushedAt = Date.now();
    const accounts = [...results].sort((a, b) => a.accountId.localeCompare(b.accountId));
    flushing = flushing.then(() =>
      updateConnectionTestRun({
        ...key,
        run: { accountsTotal: discovery.accounts.length },
        management,
        accounts,
      }),
    );
  };
  flush();
  const accounts = [...discovery.accounts].sort((a, b) => a.Id.localeCompare(b.Id));
  await mapWithConcurrency(accounts, deps.discoveryConcurrency, async (account) => {
    const result: TMemberAccessResult = await aws.testAccess(
      { accountId: account.Id, status: account.Status },
      signal,
    );
    results.push({ ...result, name: names.get(account.Id) ?? null });
    if (Date.now() - flushedAt >= FLUSH_EVERY_MS) flush();
  });
  await flushing;
  results.sort((a, b) => a.accountId.localeCompare(b.accountId));
  await finishConnectionTestRun({ ...key, management, accounts: results, now: nowOf(deps) });
  const connected = results.filter((r) => r.state === "CONNECTED").length;
  log.info("connection test done", { connectionId, accounts: results.length, connected });
  return `${connected}/${results.length} accounts connected`;
}
