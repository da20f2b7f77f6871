/** Test harness: the real sandbox, an isolated Postgres database, real Redis with a unique prefix. */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { startSandbox, type TSandbox } from "@guardrail/aws-sandbox";
import { requestScan } from "@guardrail/core";
import type { ScanModel as Scan } from "@guardrail/db";
import { createTestDatabase, type TTestDatabase } from "@guardrail/db/testing";
import { enqueueScanStart } from "@guardrail/jobs";
import { createWorkerDeps } from "../src/create-worker-deps";
import { startWorker, type TRunningWorker } from "../src/start-worker";

export const DEMO_WORLD_PATH = "/work/shared/sandbox/demo-small.json";
export const DEMO_EXTERNAL_ID = "ext-demo-7f3a9c51";
export const REDIS_URL = "redis://127.0.0.1:6379";

export interface TWorld {
  vendor: { accessKeyId: string; secretAccessKey: string };
  organization: { MasterAccountId: string };
  accounts: Array<{
    Id: string;
    Status: string;
    regions?: Record<string, Record<string, Record<string, unknown[]> | unknown>>;
    iam: { AuthorizationDetails: Record<string, unknown[]> };
    s3?: { Buckets?: unknown[] };
  }>;
  behaviour?: Record<string, unknown>;
}

export function readDemoWorld(): TWorld {
  return JSON.parse(readFileSync(DEMO_WORLD_PATH, "utf8")) as TWorld;
}

export interface THarness {
  sandbox: TSandbox;
  t: TTestDatabase;
  prefix: string;
  tenantId: string;
  connectionId: string;
  world: TWorld;
  /** Starts an in-process worker (BullMQ + processors) on this harness. */
  startInProcessWorker(opts?: {
    collectConcurrency?: number;
    lockDurationMs?: number;
    stalledIntervalMs?: number;
  }): {
    worker: TRunningWorker;
    dispose(): Promise<void>;
  };
  /** Requests a scan and enqueues scan.start. */
  requestScan(): Promise<string>;
  waitForScan(scanId: string, timeoutMs?: number): Promise<Scan>;
  close(): Promise<void>;
}

export async function createHarness(
  opts: { world?: TWorld; externalId?: string; memberRoleName?: string } = {},
): Promise<THarness> {
  const world = opts.world ?? readDemoWorld();
  const sandbox = await startSandbox({ world: world as never, port: 0 });
  const t = await createTestDatabase();
  const prefix = `test-worker-${randomBytes(4).toString("hex")}`;
  const tenant = await t.db.tenant.create({ data: { name: "Demo", slug: `demo-${prefix}` } });
  const connection = await t.db.awsConnection.create({
    data: {
      tenantId: tenant.id,
      name: "demo",
      managementRoleArn: `arn:aws:iam::${world.organization.MasterAccountId}:role/PostureOrgReader`,
      memberRoleName: opts.memberRoleName ?? "PostureScanner",
      // The world's trust policies dictate this external ID (a real connection generates its own).
      externalId: opts.externalId ?? DEMO_EXTERNAL_ID,
    },
  });
  const started: Array<() => Promise<void>> = [];
  const harness: THarness = {
    sandbox,
    t,
    prefix,
    tenantId: tenant.id,
    connectionId: connection.id,
    world,
    startInProcessWorker(o = {}) {
      const built = createWorkerDeps({
        databaseUrl: t.url,
        redisUrl: REDIS_URL,
        queuePrefix: prefix,
        awsEndpointUrl: sandbox.url,
        vendorCredentials: async () => ({
          accessKeyId: world.vendor.accessKeyId,
          secretAccessKey: world.vendor.secretAccessKey,
        }),
        accountConcurrency: 6,
        discoveryConcurrency: 8,
        rateBudgets: {},
        logLevel: "error",
        dbPoolSize: 10,
      });
      const worker = startWorker({
        deps: built.deps,
        connection: built.redis,
        collectConcurrency: o.collectConcurrency ?? 16,
        scanConcurrency: 2,
        ...(o.lockDurationMs ? { lockDurationMs: o.lockDurationMs } : {}),
        ...(o.stalledIntervalMs ? { stalledIntervalMs: o.stalledIntervalMs } : {}),
      });
      const dispose = async () => {
        await worker.close();
        await built.dispose();
      };
      started.push(dispose);
      return { worker, dispose };
    },
    async requestScan() {
      const { scanId, joined } = await requestScan({
        db: t.db,
        tenantId: tenant.id,
        connectionId: connection.id,
        trigger: "MANUAL",
      });
      if (!joined) {
        const built = createWorkerDeps({
          databaseUrl: t.url,
          redisUrl: REDIS_URL,
          queuePrefix: prefix,
          accountConcurrency: 1,
          discoveryConcurrency: 1,
          rateBudgets: {},
          logLevel: "error",
          dbPoolSize: 1,
        });
        await enqueueScanStart(built.deps.queues, { tenantId: tenant.id, scanId });
        await built.dispose();
      }
      return scanId;
    },
    async waitForScan(scanId, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const scan = await t.db.scan.findUniqueOrThrow({ where: { id: scanId } });
        if (["SUCCEEDED", "PARTIAL", "FAILED", "CANCELLED"].includes(scan.status)) return scan;
        if (Date.now() > deadline) {
          throw new Error(
            `scan ${scanId} still ${scan.status} after ${timeoutMs} ms (${scan.tasksDone}/${scan.tasksTotal})`,
          );
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    async close() {
      for (const dispose of started.reverse()) await dispose().catch(() => undefined);
      await sandbox.stop();
      await t.drop();
    },
  };
  return harness;
}

/** resourceType → count the world itself implies, for the types that map one-to-one. */
export function countWorldResources(world: TWorld): Record<string, number> {
  const counts: Record<string, number> = {};
  const add = (type: string, n: number) => {
    if (n > 0) counts[type] = (counts[type] ?? 0) + n;
  };
  const len = (v: unknown) => (Array.isArray(v) ? v.length : 0);
  for (const a of world.accounts) {
    if (a.Status !== "ACTIVE") continue;
    const details = a.iam.AuthorizationDetails;
    add("AWS::IAM::User", len(details.UserDetailList));
    add("AWS::IAM::Group", len(details.GroupDetailList));
    add("AWS::IAM::Role", len(details.RoleDetailList));
    add("AWS::S3::Bucket", len(a.s3?.Buckets));
    for (const region of Object.values(a.regions ?? {})) {
      const r = region as Record<string, Record<string, unknown>>;
      add("AWS::EC2::Instance", len(r.ec2?.Instances));
      add("AWS::EC2::SecurityGroup", len(r.ec2?.SecurityGroups));
      add("AWS::EC2::VPC", len(r.ec2?.Vpcs));
      add("AWS::EC2::Subnet", len(r.ec2?.Subnets));
      add("AWS::EC2::Volume", len(r.ec2?.Volumes));
      add("AWS::Lambda::Function", len(r.lambda?.Functions));
      add("AWS::SQS::Queue", len(r.sqs?.Queues));
      add("AWS::SNS::Topic", len(r.sns?.Topics));
      add("AWS::RDS::DBInstance", len(r.rds?.DBInstances));
      add("AWS::Route53::HostedZone", len(r.route53?.HostedZones));
    }
  }
  add("AWS::Organizations::Account", world.accounts.length);
  return counts;
}
