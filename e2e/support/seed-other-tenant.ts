/**
 * A second tenant with its own connection, scan, resource, finding, business unit and
 * invitation, so the e2e tests can prove that the demo users can never read or change any of
 * it. Prints its ids as JSON.
 */
import {
  createBusinessUnit,
  createConnection,
  createInvitation,
  createTenantWithOwner,
  requestScan,
  resolveTenantScope,
} from "@guardrail/core";
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

  const arn = "arn:aws:s3:::other-corp-private-records";
  const resource = await db.resource.upsert({
    where: { tenantId_resourceId: { tenantId: tenant.id, resourceId: arn } },
    update: {},
    create: {
      tenantId: tenant.id,
      accountId: "123456789012",
      region: "us-east-1",
      service: "s3",
      resourceType: "AWS::S3::Bucket",
      resourceId: arn,
      name: "other-corp-private-records",
      configuration: { Name: "other-corp-private-records" },
      configurationHash: "other-corp",
    },
  });
  const finding = await db.finding.upsert({
    where: { tenantId_resourceId_ruleId: { tenantId: tenant.id, resourceId: resource.id, ruleId: "aws.s3.bucket-public-access-block" } },
    update: {},
    create: {
      tenantId: tenant.id,
      ruleId: "aws.s3.bucket-public-access-block",
      resourceId: resource.id,
      accountId: "123456789012",
      region: "us-east-1",
      resourceType: "AWS::S3::Bucket",
      status: "OPEN",
      severity: "HIGH",
      title: "Other Corp bucket without Block Public Access",
      evidence: {},
    },
  });
  const businessUnit =
    (await db.businessUnit.findFirst({ where: { tenantId: tenant.id, name: "Other BU" } })) ??
    (await createBusinessUnit({
      db,
      scope,
      now: new Date(),
      input: { name: "Other BU", mappings: [{ kind: "RESOURCE_TAG", tagKey: "team", tagValue: "other" }] },
    }));
  const invitation =
    (await db.invitation.findFirst({ where: { tenantId: tenant.id, revokedAt: null, acceptedAt: null } })) ??
    (await createInvitation({ db, scope, now: new Date(), input: { email: "invitee@other.example", role: "ANALYST" } }));
  console.log(
    JSON.stringify({
      tenantId: tenant.id,
      connectionId: connection.id,
      scanId,
      ownerUserId: user.id,
      resourceId: resource.id,
      resourceArn: arn,
      findingId: finding.id,
      businessUnitId: businessUnit.id,
      invitationId: invitation.id,
    }),
  );
} finally {
  await db.$disconnect();
}
