/**
 * Collects a whole sandbox world with the collectors and prints a summary:
 *   npx tsx scripts/collect-world.ts [world.json] [roleName] [externalId]
 * (defaults: /work/shared/sandbox/demo-small.json, PostureScanner, ext-demo-7f3a9c51;
 * the management role is PostureOrgReader).
 */
import { startSandbox } from "@guardrail/aws-sandbox";
import {
  COLLECTORS,
  createClientFactory,
  createCredentialBroker,
  createInMemoryRateLimiter,
  describeCoverageGap,
  discoverOrganization,
  listEnabledRegions,
  runCollector,
  testMemberAccess,
} from "../src/index";
import { readFileSync } from "node:fs";

const worldPath = process.argv[2] ?? "/work/shared/sandbox/demo-small.json";
const memberRole = process.argv[3] ?? "PostureScanner";
const externalId = process.argv[4] ?? "ext-demo-7f3a9c51";
const world = JSON.parse(readFileSync(worldPath, "utf8")) as {
  vendor: { accessKeyId: string; secretAccessKey: string };
  organization: { MasterAccountId: string };
};

const sandbox = await startSandbox({ world: worldPath, port: 0 });
const started = Date.now();
try {
  const broker = createCredentialBroker({
    vendorCredentials: async () => ({
      accessKeyId: world.vendor.accessKeyId,
      secretAccessKey: world.vendor.secretAccessKey,
    }),
    endpoint: sandbox.url,
    externalId,
  });
  const managementId = world.organization.MasterAccountId;
  const clients = createClientFactory({
    broker,
    endpoint: sandbox.url,
    roleArnFor: (accountId) =>
      accountId === managementId
        ? `arn:aws:iam::${managementId}:role/PostureOrgReader`
        : `arn:aws:iam::${accountId}:role/${memberRole}`,
    rateLimiter: createInMemoryRateLimiter({ perSecond: { default: 50 } }),
  });
  const org = await discoverOrganization({ clients, managementAccountId: managementId });
  console.log(
    `organization ${org.organization.Id}: ${org.accounts.length} accounts, ${org.organizationalUnits.length} OUs, ${org.policies.length} policies (${org.collection.status}, ${org.collection.apiCalls} calls)`,
  );
  let resources = org.collection.resources.length;
  for (const account of org.accounts) {
    const roleArn = `arn:aws:iam::${account.Id}:role/${memberRole}`;
    const access = await testMemberAccess({
      broker,
      roleArn,
      account: { accountId: account.Id, status: account.Status },
    });
    console.log(`${account.Id} ${account.Name}: ${access.state}`);
    if (access.state !== "CONNECTED" && access.state !== "EXTERNAL_ID_NOT_ENFORCED") continue;
    const regions = await listEnabledRegions({ clients, accountId: account.Id });
    const tasks = COLLECTORS.flatMap((collector) =>
      collector.global
        ? [{ collector, region: "global" }]
        : regions.map((region) => ({ collector, region })),
    );
    const results = await Promise.all(
      tasks.map((t) =>
        runCollector({ collector: t.collector, clients, accountId: account.Id, region: t.region }),
      ),
    );
    const counts: Record<string, number> = {};
    for (const result of results) {
      resources += result.resources.length;
      for (const r of result.resources) counts[r.resourceType] = (counts[r.resourceType] ?? 0) + 1;
      const gap = describeCoverageGap(result);
      if (gap)
        console.log(
          `  ${gap} — ${result.errors.map((e) => `${e.operation}: ${e.message}`).join("; ")}`,
        );
    }
    console.log(`  ${regions.length} regions, ${tasks.length} collections`, counts);
  }
  const ms = Date.now() - started;
  const stats = clients.stats();
  console.log(
    `${resources} resources, ${stats.apiCalls} API calls, ${ms} ms, ${((stats.apiCalls / ms) * 1000).toFixed(0)} calls/s`,
  );
  console.log("sandbox", JSON.stringify({ ...sandbox.stats(), byOperation: undefined }));
  clients.destroy();
} finally {
  await sandbox.stop();
}
