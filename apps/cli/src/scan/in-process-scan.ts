import {
  createClientFactory,
  createCredentialBroker,
  createInMemoryRateLimiter,
  describeCoverageGap,
  discoverOrganization,
  findCollector,
  mapWithConcurrency,
  planScan,
  runCollector,
  type TAwsCredentialProvider,
  type TCollectedResource,
  type TCollectionResult,
  type TMemberAccessResult,
} from "@guardrail/collectors";

export interface TScanTarget {
  /** Role in the management account that may read AWS Organizations. */
  managementRoleArn: string;
  /** Name of the scanner role in every member account. */
  memberRoleName: string;
  externalId: string;
  /** Regions to scan; empty = every enabled region. */
  regions: string[];
  /** AWS endpoint override (the sandbox); undefined = real AWS. */
  endpoint?: string;
  /** Guardrail's own identity; undefined = the standard AWS credential chain. */
  vendorCredentials?: TAwsCredentialProvider;
  concurrency: number;
}

export interface TScanProgress {
  phase: "discovery" | "access" | "collection";
  done: number;
  total: number;
}

export interface TInProcessScan {
  organizationId: string;
  managementAccountId: string;
  accounts: number;
  access: TMemberAccessResult[];
  resources: TCollectedResource[];
  collections: Pick<TCollectionResult, "accountId" | "region" | "service" | "status" | "errors">[];
  coverageGaps: string[];
  apiCalls: number;
}

const SCANNABLE = new Set(["CONNECTED", "EXTERNAL_ID_NOT_ENFORCED"]);

/**
 * The whole scan, in this process: discover the organization through the management role,
 * check every member role, collect every (account, region, service), return the inventory.
 * The same collectors the worker runs; no Redis, no Postgres.
 */
export async function scanOrganizationInProcess(
  target: TScanTarget,
  onProgress: (p: TScanProgress) => void = () => {},
): Promise<TInProcessScan> {
  const managementAccountId = accountOf(target.managementRoleArn);
  const broker = createCredentialBroker({
    ...(target.vendorCredentials ? { vendorCredentials: target.vendorCredentials } : {}),
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
    externalId: target.externalId,
  });
  // One politeness budget per (account, region, service), shared by every client of the scan:
  // the same table as the worker's Redis buckets (DEFAULT_POLITENESS_BUDGETS).
  const rateLimiter = createInMemoryRateLimiter();
  const memberRoleArn = (accountId: string) => `arn:aws:iam::${accountId}:role/${target.memberRoleName}`;
  const clients = createClientFactory({
    broker,
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
    roleArnFor: (accountId) => (accountId === managementAccountId ? target.managementRoleArn : memberRoleArn(accountId)),
    rateLimiter,
  });
  try {
    onProgress({ phase: "discovery", done: 0, total: 1 });
    const org = await discoverOrganization({ clients, managementAccountId });
    onProgress({ phase: "discovery", done: 1, total: 1 });

    // The member role is assumed in the management account too: it is scanned like any account.
    const memberClients = createClientFactory({
      broker,
      ...(target.endpoint ? { endpoint: target.endpoint } : {}),
      roleArnFor: memberRoleArn,
      rateLimiter,
    });
    try {
      // The same planner as the worker: member roles checked, enabled regions within scope.
      const plan = await planScan({
        accounts: org.accounts.map((a) => ({ accountId: a.Id, status: a.Status })),
        broker,
        clients: memberClients,
        memberRoleArn,
        regionScope: target.regions,
        concurrency: Math.min(16, target.concurrency),
        onAccount: (_r, done, total) => onProgress({ phase: "access", done, total }),
      });
      const access = plan.access;
      const tasks = plan.tasks.map((t) => {
        const collector = findCollector(t.service);
        if (!collector) throw new Error(`No collector for service "${t.service}"`);
        return { accountId: t.accountId, task: { collector, region: t.region } };
      });

      let collected = 0;
      const results = await mapWithConcurrency(tasks, target.concurrency, async ({ accountId, task }) => {
        const r = await runCollector({ collector: task.collector, clients: memberClients, accountId, region: task.region });
        onProgress({ phase: "collection", done: ++collected, total: tasks.length });
        return r;
      });

      const resources = [...org.collection.resources];
      const coverageGaps: string[] = [];
      for (const a of access) if (!SCANNABLE.has(a.state)) coverageGaps.push(`account ${a.accountId} not scanned: ${a.message}`);
      for (const r of results) {
        resources.push(...r.resources);
        const gap = describeCoverageGap(r);
        if (gap) coverageGaps.push(`account ${r.accountId}: ${gap}`);
      }
      const collections = [org.collection, ...results].map((r) => ({
        accountId: r.accountId,
        region: r.region,
        service: r.service,
        status: r.status,
        errors: r.errors,
      }));
      return {
        organizationId: org.organization.Id,
        managementAccountId,
        accounts: org.accounts.length,
        access,
        resources,
        collections,
        coverageGaps,
        apiCalls: clients.stats().apiCalls + memberClients.stats().apiCalls,
      };
    } finally {
      memberClients.destroy();
    }
  } finally {
    clients.destroy();
  }
}

function accountOf(roleArn: string): string {
  const match = /^arn:aws[\w-]*:iam::(\d{12}):role\/.+$/.exec(roleArn);
  if (!match) throw new Error(`--role-arn must be an IAM role ARN like arn:aws:iam::123456789012:role/GuardrailOrgReader (got "${roleArn}")`);
  return match[1]!;
}
