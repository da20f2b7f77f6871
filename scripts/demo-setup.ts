/**
 * Prepares the demo for `npm start` (and docker compose's `setup` service):
 *  1. seeds the demo tenant and users;
 *  2. creates the demo AWS connection (Guardrail generates its external ID);
 *  3. generates the built-in demo organization with that external ID into .data/ — the
 *     sandbox serves it as AWS would, so the scan is the same code path as production;
 *  4. requests a first scan (BullMQ), which the worker picks up when it starts.
 * Prints, as the last line of stdout, JSON describing the services to start and the login.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { DEMO_VENDOR, generateDemoWorld, writeWorldFile } from "@guardrail/aws-sandbox";
import { createBusinessUnit, createConnection, requestScan, resolveTenantScope } from "@guardrail/core";
import { createDb, DEFAULT_DATABASE_URL } from "@guardrail/db";
import { createJobQueues, createRedisConnection, enqueueScanStart } from "@guardrail/jobs";
import { DEMO_USERS, seedDemo } from "../prisma/seed";

const { values } = parseArgs({
  options: {
    "data-dir": { type: "string", default: join(import.meta.dirname, "../.data") },
    "write-env": { type: "string" },
    "sandbox-port": { type: "string", default: "4566" },
  },
});
const dataDir = values["data-dir"]!;
const sandboxPort = Number(values["sandbox-port"]);
const DEMO_CONNECTION = "Acme Corp organization (sandbox)";
const DEMO_BUSINESS_UNITS = [
  { name: "Payments", tag: "payments", description: "Card payments platform" },
  { name: "Retail", tag: "retail", description: "Online shop and stores" },
  { name: "Data & Analytics", tag: "data", description: "Data lake and reporting" },
  { name: "Platform", tag: "platform", description: "Shared platform and tooling" },
  { name: "Security", tag: "security", description: "Security tooling and log archive" },
] as const;

const db = createDb({ databaseUrl: process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL, poolSize: 2 });
const redis = createRedisConnection({ url: process.env.REDIS_URL ?? "redis://127.0.0.1:6379", role: "client", connectionName: "guardrail-demo-setup" });
try {
  const tenant = await seedDemo(db);
  const owner = await db.user.findUniqueOrThrow({ where: { email: DEMO_USERS.owner.email } });
  const scope = await resolveTenantScope(db, { userId: owner.id, requestedTenantId: tenant.id });

  // The world is generated first with a throwaway id only to learn the management account id.
  const probe = generateDemoWorld({ externalId: "0".repeat(40) });
  const managementAccountId = probe.organization.MasterAccountId;
  const connection =
    (await db.awsConnection.findFirst({ where: { tenantId: tenant.id, name: DEMO_CONNECTION } })) ??
    (await createConnection({
      db,
      scope,
      input: {
        name: DEMO_CONNECTION,
        managementRoleArn: `arn:aws:iam::${managementAccountId}:role/GuardrailOrgReader`,
        memberRoleName: "GuardrailScanner",
      },
    }));

  // The demo organization tags its accounts with a BusinessUnit; the demo tenant starts with
  // one business unit per tag value (the payments owner owns Payments), created once so what a
  // user edits later is kept.
  if ((await db.businessUnit.count({ where: { tenantId: tenant.id } })) === 0) {
    const paymentsOwner = await db.user.findUniqueOrThrow({ where: { email: DEMO_USERS.buOwner.email } });
    const sla = { CRITICAL: 7, HIGH: 30, MEDIUM: 90, LOW: 180, INFO: null };
    for (const unit of DEMO_BUSINESS_UNITS) {
      const owners = unit.tag === "payments" ? [paymentsOwner.id] : [];
      await createBusinessUnit({
        db,
        scope,
        now: new Date(),
        input: {
          name: unit.name,
          description: unit.description,
          mappings: [{ kind: "ACCOUNT_TAG", tagKey: "BusinessUnit", tagValue: unit.tag }],
          ownerUserIds: owners,
          primaryOwnerUserId: owners[0] ?? null,
          slaDays: sla,
        },
      });
    }
  }

  mkdirSync(dataDir, { recursive: true });
  const worldPath = join(dataDir, "demo-world.json");
  writeWorldFile(generateDemoWorld({ externalId: connection.externalId }), worldPath);

  const queues = createJobQueues({ connection: redis, prefix: process.env.QUEUE_PREFIX ?? "guardrail" });
  const { scanId, joined } = await requestScan({ db, tenantId: tenant.id, connectionId: connection.id, trigger: "ONBOARDING", requestedById: owner.id });
  if (!joined) await enqueueScanStart(queues, { tenantId: tenant.id, scanId });
  await queues.close();

  // Guardrail's own AWS identity in the demo: the sandbox's vendor principal.
  const workerEnv = {
    AWS_ENDPOINT_URL: `http://127.0.0.1:${sandboxPort}`,
    AWS_ACCESS_KEY_ID: DEMO_VENDOR.accessKeyId,
    AWS_SECRET_ACCESS_KEY: DEMO_VENDOR.secretAccessKey,
    AWS_REGION: "us-east-1",
  };
  if (values["write-env"]) {
    const { AWS_ENDPOINT_URL: _endpoint, ...keys } = workerEnv;
    writeFileSync(values["write-env"], Object.entries(keys).map(([k, v]) => `${k}=${v}`).join("\n") + "\n", { mode: 0o600 });
  }
  console.error(`[guardrail] demo connection ready; first scan ${joined ? "already running" : "requested"} (${scanId})`);
  console.log(
    JSON.stringify({
      login: { email: DEMO_USERS.owner.email, password: DEMO_USERS.owner.password },
      // for the web app: Guardrail's principal, written into the onboarding templates
      env: { GUARDRAIL_VENDOR_PRINCIPAL_ARN: `arn:aws:iam::${DEMO_VENDOR.accountId}:root` },
      services: [
        { name: "sandbox", cmd: "npm", args: ["run", "sandbox", "--", "--world", worldPath, "--port", String(sandboxPort)], env: {}, waitForPort: sandboxPort },
        { name: "worker", cmd: "npm", args: ["run", "start", "-w", "@guardrail/worker"], env: workerEnv },
      ],
    }),
  );
} finally {
  await db.$disconnect();
  redis.disconnect();
}
