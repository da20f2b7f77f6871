import { DescribeRegionsCommand } from "@aws-sdk/client-ec2";
import type { TClientFactory } from "../core/client-factory";
import { GLOBAL_API_REGION } from "../core/client-factory";

/** The regions enabled in an account (EC2 DescribeRegions: opted-in or not requiring opt-in), sorted. */
export async function listEnabledRegions(opts: {
  clients: TClientFactory;
  accountId: string;
  signal?: AbortSignal;
}): Promise<string[]> {
  const client = opts.clients.get("ec2", { accountId: opts.accountId, region: GLOBAL_API_REGION });
  const out = await client.send(
    new DescribeRegionsCommand({ AllRegions: false }),
    opts.signal ? { abortSignal: opts.signal } : {},
  );
  return (out.Regions ?? [])
    .filter(
      (r) => r.RegionName && (r.OptInStatus === undefined || r.OptInStatus !== "not-opted-in"),
    )
    .map((r) => r.RegionName as string)
    .sort();
}
