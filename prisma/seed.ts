/**
 * Demo seed: the demo tenant and its users. Idempotent (safe to run on every start).
 * Prints the demo login. The demo AWS connection to the built-in sandbox organization is
 * created by `npm run dev` (scripts/dev.mjs), which also starts the sandbox.
 */
import { addMember, createTenantWithOwner, upsertUser } from "@guardrail/core";
import { createDb, DEFAULT_DATABASE_URL, type TDb } from "@guardrail/db";
import { pathToFileURL } from "node:url";

export const DEMO_TENANT = { name: "Acme Corp (demo)", slug: "acme-demo" };
export const DEMO_USERS = {
  owner: { email: "demo@guardrail.local", name: "Dana Demo", password: "guardrail-demo-2026", role: "OWNER" },
  analyst: { email: "analyst@guardrail.local", name: "Alex Analyst", password: "guardrail-demo-2026", role: "ANALYST" },
  viewer: { email: "ccoe@guardrail.local", name: "Casey CCoE", password: "guardrail-demo-2026", role: "VIEWER" },
  buOwner: { email: "payments-owner@guardrail.local", name: "Pat Payments", password: "guardrail-demo-2026", role: "BU_OWNER" },
} as const;

/** Creates (or refreshes) the demo tenant and its users; returns the tenant. */
export async function seedDemo(db: TDb) {
  const { tenant } = await createTenantWithOwner(db, {
    tenantName: DEMO_TENANT.name,
    tenantSlug: DEMO_TENANT.slug,
    owner: DEMO_USERS.owner,
  });
  for (const u of [DEMO_USERS.analyst, DEMO_USERS.viewer, DEMO_USERS.buOwner]) {
    const user = await upsertUser(db, u);
    await addMember(db, { tenantId: tenant.id, userId: user.id, role: u.role });
  }
  return tenant;
}

async function main() {
  const db = createDb({ databaseUrl: process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL, poolSize: 2 });
  try {
    const tenant = await seedDemo(db);
    console.log(`seed: demo tenant "${tenant.name}" ready`);
    console.log(`seed: demo login ${DEMO_USERS.owner.email} / ${DEMO_USERS.owner.password}`);
  } finally {
    await db.$disconnect();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
