import { createTestDatabase, type TTestDatabase } from "@guardrail/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  finishConnectionTestRun,
  getConnectionTest,
  recordConnectionTest,
  requestConnectionTest,
  updateConnectionTestRun,
  type TTenantScope,
} from "../src";

let t: TTestDatabase;
let owner: TTenantScope;
let connectionId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  const tenant = await t.db.tenant.create({ data: { name: "Runs", slug: "runs" } });
  const user = await t.db.user.create({
    data: { email: "o@runs.test", name: "O", passwordHash: "x" },
  });
  owner = { tenantId: tenant.id, userId: user.id, role: "OWNER" };
  connectionId = (
    await t.db.awsConnection.create({
      data: {
        tenantId: tenant.id,
        name: "org",
        managementRoleArn: "arn:aws:iam::111111111111:role/R",
        memberRoleName: "S",
        externalId: "x".repeat(40),
      },
    })
  ).id;
  await t.db.awsAccount.create({
    data: {
      tenantId: tenant.id,
      connectionId,
      accountId: "222222222222",
      arn: "a",
      name: "a",
      email: "a@x",
      status: "ACTIVE",
    },
  });
});
afterAll(async () => {
  await t?.drop();
});

describe("Test connection runs", () => {
  it("a scan's access checks update the accounts but never replace a run in progress; a superseded run writes nothing", async () => {
    const { testId } = await requestConnectionTest({ db: t.db, scope: owner, connectionId });
    const key = { db: t.db, tenantId: owner.tenantId, connectionId, testId };
    expect(await updateConnectionTestRun({ ...key, run: { status: "RUNNING" } })).toBe(true);
    await recordConnectionTest({
      db: t.db,
      tenantId: owner.tenantId,
      connectionId,
      result: {
        management: { ok: true },
        accounts: [
          { accountId: "222222222222", state: "ROLE_MISSING_OR_TRUST_DENIED", message: "denied" },
        ],
      },
    });
    const during = await getConnectionTest({ db: t.db, scope: owner, connectionId });
    expect(during.result?.run).toMatchObject({ id: testId, status: "RUNNING" });
    const account = await t.db.awsAccount.findFirstOrThrow({ where: { connectionId } });
    expect(account).toMatchObject({
      access: "ROLE_MISSING_OR_TRUST_DENIED",
      accessError: "denied",
    });

    expect(
      await finishConnectionTestRun({
        ...key,
        management: { ok: true, organizationId: "o-1" },
        accounts: [{ accountId: "222222222222", state: "CONNECTED", message: "Connected" }],
      }),
    ).toBe(true);
    const after = await getConnectionTest({ db: t.db, scope: owner, connectionId });
    expect(after.result?.run).toMatchObject({ id: testId, status: "SUCCEEDED", accountsTotal: 1 });
    expect((await t.db.awsAccount.findFirstOrThrow({ where: { connectionId } })).access).toBe(
      "CONNECTED",
    );
    // The finished run cannot be written again (a redelivered job).
    expect(await updateConnectionTestRun({ ...key, run: { status: "RUNNING" } })).toBe(false);
    expect(await finishConnectionTestRun({ ...key, management: { ok: false }, accounts: [] })).toBe(
      false,
    );
    // A new request after it finished is a new run.
    const next = await requestConnectionTest({ db: t.db, scope: owner, connectionId });
    expect(next.joined).toBe(false);
    expect(next.testId).not.toBe(testId);
  });
});
