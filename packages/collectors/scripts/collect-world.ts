/**
 * Collects a whole sandbox world with the collectors, in-process, and prints figures.
 *
 *   npx tsx scripts/collect-world.ts [--world file.json] [--clone N] [--regions us-east-1,eu-west-1]
 *     [--latency ms] [--aws-throttle] [--concurrency N] [--member-role PostureScanner]
 *     [--external-id ext-demo-7f3a9c51]
 *
 * --separate-process runs the sandbox in its own process (so RSS and CPU are the collectors' own).
 * --clone N adds N copies of the world's last member account (a synthetic organization);
 * --regions copies the us-east-1 block of every account into the listed regions.
 * The management role is PostureOrgReader.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { startSandbox } from "@guardrail/aws-sandbox";
import { mapWithConcurrency } from "../src/core/concurrency";
import {
  createClientFactory,
  createCredentialBroker,
  createInMemoryRateLimiter,
  describeCoverageGap,
  discoverOrganization,
  listCollectionTasks,
  listEnabledRegions,
  runCollector,
  testMemberAccess,
} from "../src/index";

const { values } = parseArgs({
  options: {
    world: { type: "string", default: "/work/shared/sandbox/demo-small.json" },
    clone: { type: "string", default: "0" },
    regions: { type: "string" },
    latency: { type: "string" },
    "aws-throttle": { type: "boolean", default: false },
    concurrency: { type: "string", default: "64" },
    "member-role": { type: "string", default: "PostureScanner" },
    "external-id": { type: "string", default: "ext-demo-7f3a9c51" },
    "separate-process": { type: "boolean", default: false },
  },
});

interface TWorldFile {
  vendor: { accessKeyId: string; secretAccessKey: string };
  organization: { MasterAccountId: string };
  accounts: Array<{ Id: string; regions?: Record<string, unknown> }>;
  behaviour?: Record<string, unknown>;
}

function buildWorld(): TWorldFile {
  const world = JSON.parse(readFileSync(values.world, "utf8")) as TWorldFile;
  const template = world.accounts.at(-1);
  const clones = Number(values.clone);
  if (template && clones > 0) {
    const text = JSON.stringify(template);
    for (let i = 0; i < clones; i++) {
      const id = String(400000000000 + i);
      world.accounts.push(
        JSON.parse(text.replaceAll(template.Id, id)) as TWorldFile["accounts"][number],
      );
    }
  }
  if (values.regions) {
    for (const account of world.accounts) {
      const base = account.regions?.["us-east-1"];
      if (!base) continue;
      for (const region of values.regions.split(",")) {
        if (region === "us-east-1") continue;
        const text = JSON.stringify(base).replaceAll("us-east-1", region);
        account.regions = { ...account.regions, [region]: JSON.parse(text) as unknown };
        // Route 53 lives under us-east-1 only.
        delete (account.regions[region] as Record<string, unknown>).route53;
      }
    }
  }
  world.behaviour = {
    ...world.behaviour,
    ...(values.latency ? { latencyMs: Number(values.latency) } : {}),
    ...(values["aws-throttle"]
      ? {
          throttle: {
            ec2: { burst: 100, refillPerSecond: 20 },
            iam: { burst: 20, refillPerSecond: 10 },
            s3: { burst: 200, refillPerSecond: 100 },
            organizations: { burst: 10, refillPerSecond: 5 },
          },
        }
      : {}),
  };
  return world;
}

interface TRunningSandbox {
  url: string;
  stats(): string;
  stop(): Promise<void>;
}

/** Starts the sandbox CLI in a child process and waits for its URL. */
async function startSeparateSandbox(world: TWorldFile): Promise<TRunningSandbox> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "guardrail-world-")), "world.json");
  writeFileSync(file, JSON.stringify(world));
  const cli = path.resolve(import.meta.dirname, "../../aws-sandbox/src/cli.ts");
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", cli, "--world", file, "--quiet"],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`sandbox exited with ${code}: ${output}`)));
  });
  return {
    url,
    stats: () => "separate process",
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

async function startInProcessSandbox(world: TWorldFile): Promise<TRunningSandbox> {
  const sandbox = await startSandbox({ world: world as never, port: 0 });
  return {
    url: sandbox.url,
    stats: () => {
      const s = sandbox.stats();
      return `${s.requests} requests, ${s.throttled} throttled, ${s.faults} faults, unknown operations: ${s.unknownOperations.join(", ") || "none"}`;
    },
    stop: () => sandbox.stop(),
  };
}

const world = buildWorld();
const sandbox = values["separate-process"]
  ? await startSeparateSandbox(world)
  : await startInProcessSandbox(world);
const started = Date.now();
let peakRss = 0;
const rssTimer = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 200);
try {
  const memberRole = values["member-role"];
  const broker = createCredentialBroker({
    vendorCredentials: async () => ({
      accessKeyId: world.vendor.accessKeyId,
      secretAccessKey: world.vendor.secretAccessKey,
    }),
    endpoint: sandbox.url,
    externalId: values["external-id"],
  });
  const managementId = world.organization.MasterAccountId;
  const clients = createClientFactory({
    broker,
    endpoint: sandbox.url,
    roleArnFor: (accountId) =>
      accountId === managementId
        ? `arn:aws:iam::${managementId}:role/PostureOrgReader`
        : `arn:aws:iam::${accountId}:role/${memberRole}`,
    rateLimiter: createInMemoryRateLimiter({ defaults: { default: { perSecond: 1000, burst: 1000 } } }),
  });
  const org = await discoverOrganization({ clients, managementAccountId: managementId });
  console.log(
    `organization ${org.organization.Id}: ${org.accounts.length} accounts, ${org.organizationalUnits.length} OUs, ${org.policies.length} policies (${org.collection.status}, ${org.collection.apiCalls} calls)`,
  );
  const states: Record<string, number> = {};
  const tasks: Array<{ accountId: string; task: ReturnType<typeof listCollectionTasks>[number] }> =
    [];
  await mapWithConcurrency(org.accounts, 16, async (account) => {
    const roleArn = `arn:aws:iam::${account.Id}:role/${memberRole}`;
    const access = await testMemberAccess({
      broker,
      roleArn,
      account: { accountId: account.Id, status: account.Status },
    });
    states[access.state] = (states[access.state] ?? 0) + 1;
    if (access.state !== "CONNECTED" && access.state !== "EXTERNAL_ID_NOT_ENFORCED") return;
    const regions = await listEnabledRegions({ clients, accountId: account.Id });
    for (const task of listCollectionTasks(regions)) tasks.push({ accountId: account.Id, task });
  });
  console.log("member access:", states, `${tasks.length} collections`);
  const collectStarted = Date.now();
  const results = await mapWithConcurrency(
    tasks,
    Number(values.concurrency),
    ({ accountId, task }) =>
      runCollector({ collector: task.collector, clients, accountId, region: task.region }),
  );
  const statuses: Record<string, number> = {};
  const types: Record<string, number> = {};
  let resources = org.collection.resources.length;
  for (const result of results) {
    statuses[result.status] = (statuses[result.status] ?? 0) + 1;
    resources += result.resources.length;
    for (const r of result.resources) types[r.resourceType] = (types[r.resourceType] ?? 0) + 1;
    const gap = describeCoverageGap(result);
    if (gap) console.log(`  ${result.accountId}: ${gap}`);
  }
  const ms = Date.now() - started;
  const stats = clients.stats();
  console.log("collections:", statuses);
  console.log("resources by type:", types);
  console.log(
    `${resources} resources, ${stats.apiCalls} API calls (HTTP attempts), wall ${ms} ms (collection ${Date.now() - collectStarted} ms), ${((stats.apiCalls / ms) * 1000).toFixed(0)} calls/s, peak RSS ${(peakRss / 1048576).toFixed(0)} MiB, ${stats.clients} clients, ${broker.stats().assumeRoleCalls} AssumeRole calls`,
  );
  console.log(`sandbox: ${sandbox.stats()}`);
  clients.destroy();
} finally {
  clearInterval(rssTimer);
  await sandbox.stop();
}
