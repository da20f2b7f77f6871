/**
 * For findings.spec.ts, after the demo scan: a "Payments" business unit owned by the demo BU
 * owner (the demo's own, mapped by account tag, or else one mapped to the demo account with the
 * most open findings), and owners recomputed (the
 * same core calls the Business units page makes). Prints {"businessUnitId", "accountId"}.
 */
import { reassignOwners } from "@guardrail/core";
import { createDb, DEFAULT_DATABASE_URL } from "@guardrail/db";

const db = createDb({ databaseUrl: process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL, poolSize: 2 });
try {
  const tenant = await db.tenant.findUniqueOrThrow({ where: { slug: "acme-demo" } });
  const owner = await db.user.findUniqueOrThrow({
    where: { email: "payments-owner@guardrail.local" },
  });
  const [top] = await db.finding.groupBy({
    by: ["accountId"],
    where: { tenantId: tenant.id, status: "OPEN" },
    _count: { _all: true },
    orderBy: { _count: { accountId: "desc" } },
    take: 1,
  });
  if (!top) throw new Error("the demo scan wrote no open findings");
  const bu =
    (await db.businessUnit.findFirst({ where: { tenantId: tenant.id, name: "Payments" } })) ??
    (await db.businessUnit.create({
      data: { tenantId: tenant.id, name: "Payments", description: "Card payments platform" },
    }));
  if (
    (await db.businessUnitOwner.count({
      where: { tenantId: tenant.id, businessUnitId: bu.id, userId: owner.id },
    })) === 0
  )
    await db.businessUnitOwner.create({
      data: { tenantId: tenant.id, businessUnitId: bu.id, userId: owner.id, isPrimary: true },
    });
  if (
    (await db.businessUnitMapping.count({
      where: { tenantId: tenant.id, businessUnitId: bu.id },
    })) === 0
  )
    await db.businessUnitMapping.create({
      data: {
        tenantId: tenant.id,
        businessUnitId: bu.id,
        kind: "ACCOUNT",
        accountId: top.accountId,
      },
    });
  await reassignOwners({ db, tenantId: tenant.id, now: new Date() });
  // The demo's own Payments unit maps its accounts by tag: report every account it holds.
  const held = await db.finding.findMany({
    where: { tenantId: tenant.id, businessUnitId: bu.id },
    distinct: ["accountId"],
    select: { accountId: true },
  });
  const accountIds = held.length > 0 ? held.map((f) => f.accountId) : [top.accountId];
  console.log(JSON.stringify({ businessUnitId: bu.id, accountIds }));
} finally {
  await db.$disconnect();
}
