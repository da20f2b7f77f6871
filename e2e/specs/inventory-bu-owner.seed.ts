/**
 * Makes sure the demo BU owner (payments-owner@guardrail.local) owns a business unit that maps
 * the acme-payments-prod account, for inventory.spec.ts, and re-resolves units as the Business
 * units page does. Idempotent; units an earlier spec gave them stay. Prints the names of the
 * units they own.
 */
import { reassignOwners } from "@guardrail/core";
import { createDb, DEFAULT_DATABASE_URL } from "@guardrail/db";

const db = createDb({ databaseUrl: process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL, poolSize: 1 });
try {
  const user = await db.user.findUniqueOrThrow({ where: { email: "payments-owner@guardrail.local" }, select: { id: true } });
  const membership = await db.membership.findFirstOrThrow({ where: { userId: user.id, role: "BU_OWNER" } });
  const tenantId = membership.tenantId;
  // A unit of theirs maps acme-payments-prod, whatever other units an earlier spec gave them.
  const account = await db.awsAccount.findFirstOrThrow({ where: { tenantId, name: "acme-payments-prod" } });
  const unit = await db.businessUnit.upsert({
    where: { tenantId_name: { tenantId, name: "Payments (inventory e2e)" } },
    create: { tenantId, name: "Payments (inventory e2e)" },
    update: {},
  });
  if ((await db.businessUnitMapping.count({ where: { tenantId, businessUnitId: unit.id } })) === 0)
    await db.businessUnitMapping.create({ data: { tenantId, businessUnitId: unit.id, kind: "ACCOUNT", accountId: account.accountId } });
  if ((await db.businessUnitOwner.count({ where: { tenantId, businessUnitId: unit.id, userId: user.id } })) === 0)
    await db.businessUnitOwner.create({ data: { tenantId, businessUnitId: unit.id, userId: user.id, isPrimary: true } });
  // The same core call the Business units page makes after a change: resources (and findings)
  // take the unit the mappings now give them.
  await reassignOwners({ db, tenantId, now: new Date() });
  const units = await db.businessUnitOwner.findMany({
    where: { tenantId, userId: user.id },
    select: { businessUnit: { select: { name: true } } },
  });
  console.log(JSON.stringify(units.map((u) => u.businessUnit.name).sort()));
} finally {
  await db.$disconnect();
}
