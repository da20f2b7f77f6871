import {
  AppError,
  getConnectionTest,
  requestConnectionTest,
  type TConnectionTestView,
  type TTenantScope,
} from "@guardrail/core";
import { createJobQueues, createRedisConnection, enqueueConnectionTest } from "@guardrail/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, readDemoWorld, REDIS_URL, type THarness, type TWorld } from "./scan-harness";

const GOOD = "111111111111";
const MISSING_ROLE = "222222222222";
const EXTERNAL_ID_MISMATCH = "333333333333";
const SUSPENDED = "444444444444";
const NOT_ENFORCED = "555555555555";

type TRole = { RoleName: string; AssumeRolePolicyDocument: string };

/**
 * demo-small with: 111 good, 222 without the member role, 333 whose member role trusts another
 * external ID, 444 a suspended copy of 333, 555 a copy whose trust policy has no external ID.
 */
function buildWorld(): TWorld {
  const world = readDemoWorld();
  const account = (id: string) => world.accounts.find((a) => a.Id === id)!;
  const scanner = (id: string) =>
    (account(id).iam.AuthorizationDetails.RoleDetailList as TRole[]).find(
      (r) => r.RoleName === "PostureScanner",
    )!;
  const template = JSON.stringify(account(EXTERNAL_ID_MISMATCH));
  const clone = (id: string) => JSON.parse(template.replaceAll(EXTERNAL_ID_MISMATCH, id)) as TWorld["accounts"][number];
  const suspended = clone(SUSPENDED);
  suspended.Status = "SUSPENDED";
  const notEnforced = clone(NOT_ENFORCED);
  world.accounts.push(suspended, notEnforced);
  const missing = account(MISSING_ROLE).iam.AuthorizationDetails;
  missing.RoleDetailList = (missing.RoleDetailList as TRole[]).filter(
    (r) => r.RoleName !== "PostureScanner",
  );
  scanner(EXTERNAL_ID_MISMATCH).AssumeRolePolicyDocument = scanner(
    EXTERNAL_ID_MISMATCH,
  ).AssumeRolePolicyDocument.replace("ext-demo-7f3a9c51", "ext-of-another-vendor-connection");
  const open = JSON.parse(scanner(NOT_ENFORCED).AssumeRolePolicyDocument) as {
    Statement: Record<string, unknown>[];
  };
  for (const statement of open.Statement) delete statement.Condition;
  scanner(NOT_ENFORCED).AssumeRolePolicyDocument = JSON.stringify(open);
  world.behaviour = { latencyMs: 5 };
  return world;
}

let h: THarness;
let wrongId: THarness;
let owner: TTenantScope;
let wrongOwner: TTenantScope;

async function scopeFor(harness: THarness): Promise<TTenantScope> {
  const user = await harness.t.db.user.create({
    data: { email: `owner@${harness.prefix}.test`, name: "Owner", passwordHash: "x" },
  });
  return { tenantId: harness.tenantId, userId: user.id, role: "OWNER" };
}

async function runTest(harness: THarness, scope: TTenantScope) {
  const redis = createRedisConnection({ url: REDIS_URL, role: "client" });
  const queues = createJobQueues({ connection: redis, prefix: harness.prefix });
  try {
    const requested = await requestConnectionTest({
      db: harness.t.db,
      scope,
      connectionId: harness.connectionId,
    });
    // A second request while the first is queued joins it.
    const again = await requestConnectionTest({
      db: harness.t.db,
      scope,
      connectionId: harness.connectionId,
    });
    expect(again).toEqual({ testId: requested.testId, joined: true });
    const queued = await getConnectionTest({ db: harness.t.db, scope, connectionId: harness.connectionId });
    expect(queued.result?.run).toMatchObject({ id: requested.testId, status: "QUEUED" });
    await enqueueConnectionTest(queues, {
      tenantId: scope.tenantId,
      connectionId: harness.connectionId,
      testId: requested.testId,
    });
    const deadline = Date.now() + 60_000;
    let view: TConnectionTestView;
    for (;;) {
      view = await getConnectionTest({ db: harness.t.db, scope, connectionId: harness.connectionId });
      const status = view.result?.run?.status;
      if (status === "SUCCEEDED" || status === "FAILED") break;
      if (Date.now() > deadline) throw new Error(`test still ${status} after 60 s`);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(view.result?.run?.id).toBe(requested.testId);
    return view;
  } finally {
    await queues.close();
    await redis.quit();
  }
}

beforeAll(async () => {
  h = await createHarness({ world: buildWorld() });
  wrongId = await createHarness({ externalId: "gr-not-the-external-id-of-this-organization" });
  owner = await scopeFor(h);
  wrongOwner = await scopeFor(wrongId);
  h.startInProcessWorker();
  wrongId.startInProcessWorker();
}, 60_000);
afterAll(async () => {
  await h?.close();
  await wrongId?.close();
}, 60_000);

describe("Test connection (connection.test job against the sandbox)", () => {
  it("reports every member account: connected, or exactly why not", async () => {
    const view = await runTest(h, owner);
    const result = view.result!;
    expect(result.run?.status).toBe("SUCCEEDED");
    expect(result.run?.accountsTotal).toBe(5);
    expect(result.management).toMatchObject({ ok: true, managementAccountId: GOOD });
    const byId = new Map(result.accounts.map((a) => [a.accountId, a]));
    expect([...byId.keys()]).toEqual([GOOD, MISSING_ROLE, EXTERNAL_ID_MISMATCH, SUSPENDED, NOT_ENFORCED]);
    expect(byId.get(GOOD)).toMatchObject({ state: "CONNECTED", name: "acme-management" });
    for (const id of [MISSING_ROLE, EXTERNAL_ID_MISMATCH]) {
      expect(byId.get(id)?.state).toBe("ROLE_MISSING_OR_TRUST_DENIED");
      expect(byId.get(id)?.message).toContain(`arn:aws:iam::${id}:role/PostureScanner`);
      expect(byId.get(id)?.message).toMatch(/does not exist.*trust policy.*external ID/);
    }
    expect(byId.get(SUSPENDED)).toMatchObject({ state: "SUSPENDED" });
    expect(byId.get(SUSPENDED)?.message).toMatch(/SUSPENDED/);
    expect(byId.get(NOT_ENFORCED)?.state).toBe("EXTERNAL_ID_NOT_ENFORCED");
    expect(byId.get(NOT_ENFORCED)?.message).toMatch(/sts:ExternalId/);

    // Persisted: the accounts (known before any scan) with their access state, the connection's status.
    const accounts = await h.t.db.awsAccount.findMany({
      where: { tenantId: h.tenantId },
      orderBy: { accountId: "asc" },
      select: { accountId: true, access: true, accessError: true },
    });
    expect(accounts.map((a) => [a.accountId, a.access])).toEqual([
      [GOOD, "CONNECTED"],
      [MISSING_ROLE, "ROLE_MISSING_OR_TRUST_DENIED"],
      [EXTERNAL_ID_MISMATCH, "ROLE_MISSING_OR_TRUST_DENIED"],
      [SUSPENDED, "SUSPENDED"],
      [NOT_ENFORCED, "EXTERNAL_ID_NOT_ENFORCED"],
    ]);
    expect(accounts[0]?.accessError).toBeNull();
    const connection = await h.t.db.awsConnection.findUniqueOrThrow({ where: { id: h.connectionId } });
    expect(connection.status).toBe("DEGRADED");
    expect(connection.lastTestedAt).not.toBeNull();
    expect(connection.organizationId).toBe(result.management.organizationId);
  }, 90_000);

  it("says why when the management role itself cannot be assumed (external ID mismatch)", async () => {
    const view = await runTest(wrongId, wrongOwner);
    const result = view.result!;
    expect(result.run?.status).toBe("FAILED");
    expect(result.management).toMatchObject({ ok: false, errorCode: "AccessDenied" });
    expect(result.management.message).toMatch(/PostureOrgReader was denied.*external ID does not match/);
    expect(result.accounts).toEqual([]);
    const connection = await wrongId.t.db.awsConnection.findUniqueOrThrow({
      where: { id: wrongId.connectionId },
    });
    expect(connection.status).toBe("ERROR");
  }, 90_000);

  it("refuses people who may not manage connections, and other tenants' connections", async () => {
    const other = await h.t.db.tenant.create({ data: { name: "Other", slug: `other-${h.prefix}` } });
    const foreign: TTenantScope = { ...owner, tenantId: other.id };
    await expect(
      requestConnectionTest({ db: h.t.db, scope: { ...owner, role: "VIEWER" }, connectionId: h.connectionId }),
    ).rejects.toBeInstanceOf(AppError);
    await expect(
      requestConnectionTest({ db: h.t.db, scope: foreign, connectionId: h.connectionId }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      getConnectionTest({ db: h.t.db, scope: foreign, connectionId: h.connectionId }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
