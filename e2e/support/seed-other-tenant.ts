/**
 * A second tenant with its own connection and scan, so the e2e tests can prove that the demo
 * users can never read it. Prints its ids as JSON.
 */
import { createConnection, createTenantWithOwner, requestScan, resolveTenantScope } from "@guardrail/core";
import { createDb, DEFAULT_DATABASE_URL } from "@guardrail/db";

const db = createDb({ databaseUrl: process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL, poolSize: 2 });
try {
  const { tenant, user } = await createTenantWithOwner(db, {
    tenantName: "Other Corp",
    tenantSlug: "other-corp-e2e",
    owner: { email: "owner@other.example", name: "Other Owner", password: "other-tenant-password-1" },
  });
  const scope = await resolveTenantScope(db, { userId: user.id, requestedTenantId: tenant.id });
  const connection =
    (await db.awsConnection.findFirst({ where: { tenantId: tenant.id } })) ??
    (await createConnection({ db, scope, input: { name: "Other org", managementRoleArn: "arn:aws:iam::123456789012:role/GuardrailOrgReader" } }));
  const { scanId } = await requestScan({ db, tenantId: tenant.id, connectionId: connection.id, trigger: "MANUAL" });
  console.log(JSON.stringify({ tenantId: tenant.id, connectionId: connection.id, scanId }));
} finally {
  await db.$disconnect();
}
