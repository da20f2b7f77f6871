import { testMemberAccess, type TMemberAccessResult } from "../access/member-access";
import { listCollectionTasks } from "../collectors";
import type { TClientFactory } from "../core/client-factory";
import { classifyAwsError } from "../core/aws-errors";
import { mapWithConcurrency } from "../core/concurrency";
import type { TCredentialBroker } from "../core/credential-broker";
import { listEnabledRegions } from "../ec2/ec2.regions";
import type { TServiceKey } from "../resource-model";

/** One (account, region, service) collection of a scan ("global" for global collectors). */
export interface TPlannedCollection {
  accountId: string;
  region: string;
  service: TServiceKey;
}

export interface TPlanScanOptions {
  /** Member accounts to scan (active ones; suspended ones are reported, never assumed). */
  accounts: readonly { accountId: string; status?: string | null }[];
  broker: TCredentialBroker;
  /** A client factory whose `roleArnFor(accountId)` is the member role of that account. */
  clients: TClientFactory;
  memberRoleArn(accountId: string): string;
  /** Regions to scan; empty = every region enabled in the account. */
  regionScope: readonly string[];
  /** Accounts checked at once (AssumeRole + DescribeRegions). */
  concurrency: number;
  signal?: AbortSignal;
  /** Called as each account is checked (progress bars, live results). */
  onAccount?(result: TMemberAccessResult, done: number, total: number): void;
  /** Called with each connected account's tasks as soon as they are planned (streaming). */
  onPlanned?(tasks: readonly TPlannedCollection[], result: TMemberAccessResult): void;
}

export interface TScanPlan {
  /** Per account: connected, or exactly why not. */
  access: TMemberAccessResult[];
  /**
   * The collections, interleaved across accounts (each account's first task, then each one's
   * second…): a queue drained in this order keeps many accounts busy at once instead of
   * piling every worker slot onto one account's concurrency limit.
   */
  tasks: TPlannedCollection[];
}

const SCANNABLE = new Set(["CONNECTED", "EXTERNAL_ID_NOT_ENFORCED"]);

/**
 * Plans a scan, the same way in the worker and in the CLI: test every member role (AssumeRole
 * with the external ID, whose credentials the collections then reuse, and once without it),
 * list each connected account's enabled regions (EC2 DescribeRegions) within the scope, and
 * return one task per (account × region × regional collector) plus each global collector once.
 */
export async function planScan(opts: TPlanScanOptions): Promise<TScanPlan> {
  const scope = new Set(opts.regionScope);
  const perAccount: TPlannedCollection[][] = [];
  let done = 0;
  const accounts = [...opts.accounts].sort((a, b) => a.accountId.localeCompare(b.accountId));
  const access = await mapWithConcurrency(accounts, opts.concurrency, async (account, index) => {
    let result = await testMemberAccess({
      broker: opts.broker,
      roleArn: opts.memberRoleArn(account.accountId),
      account,
      reuseCredentials: true,
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    if (SCANNABLE.has(result.state)) {
      try {
        const enabled = await listEnabledRegions({
          clients: opts.clients,
          accountId: account.accountId,
          ...(opts.signal ? { signal: opts.signal } : {}),
        });
        const regions = scope.size ? enabled.filter((r) => scope.has(r)) : enabled;
        perAccount[index] = listCollectionTasks(regions).map((t) => ({
          accountId: account.accountId,
          region: t.region,
          service: t.collector.key,
        }));
      } catch (err) {
        if (opts.signal?.aborted) throw err;
        const info = classifyAwsError(err);
        result = {
          accountId: account.accountId,
          state: "ERROR",
          message: `ec2:DescribeRegions failed: ${info.code}: ${info.message}`,
        };
      }
    }
    const planned = perAccount[index];
    if (planned && SCANNABLE.has(result.state)) opts.onPlanned?.(planned, result);
    else perAccount[index] = [];
    opts.onAccount?.(result, ++done, accounts.length);
    return result;
  });
  return { access, tasks: interleave(perAccount.filter(Boolean)) };
}

/** Round-robin over the lists: a[0], b[0], c[0], a[1], b[1]… */
export function interleave<T>(lists: readonly (readonly T[])[]): T[] {
  const out: T[] = [];
  const longest = Math.max(0, ...lists.map((l) => l.length));
  for (let i = 0; i < longest; i++)
    for (const list of lists) if (i < list.length) out.push(list[i] as T);
  return out;
}
