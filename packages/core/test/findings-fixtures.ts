import type { TDb } from "@guardrail/db";
import type { TRuleResult, TRuleStatus, TSeverity } from "@guardrail/rules";

let seq = 0;

export async function createTenant(db: TDb, name = "acme"): Promise<string> {
  seq++;
  const t = await db.tenant.create({ data: { name, slug: `${name}-${seq}-${Date.now()}` } });
  return t.id;
}

export async function createUser(db: TDb, name = "user"): Promise<string> {
  seq++;
  const u = await db.user.create({
    data: { email: `${name}-${seq}-${Date.now()}@example.com`, name, passwordHash: "x" },
  });
  return u.id;
}

export interface TResourceInput {
  arn: string;
  accountId?: string;
  region?: string;
  service?: string;
  resourceType?: string;
  tags?: Record<string, string>;
  configuration?: Record<string, unknown>;
}

export async function createResource(
  db: TDb,
  tenantId: string,
  r: TResourceInput,
): Promise<string> {
  const row = await db.resource.create({
    data: {
      tenantId,
      accountId: r.accountId ?? "111111111111",
      region: r.region ?? "us-east-1",
      service: r.service ?? "ec2",
      resourceType: r.resourceType ?? "AWS::EC2::Instance",
      resourceId: r.arn,
      tags: r.tags ?? {},
      configuration: (r.configuration ?? {}) as object,
      configurationHash: "h",
    },
  });
  return row.id;
}

export function result(
  ruleId: string,
  arn: string,
  status: TRuleStatus,
  extra: Partial<TRuleResult> = {},
): TRuleResult {
  return {
    ruleId,
    resourceId: arn,
    accountId: "111111111111",
    region: "us-east-1",
    resourceType: "AWS::EC2::Instance",
    status,
    severity: "HIGH" as TSeverity,
    evidence: { status },
    message: `${ruleId} ${status}`,
    ...extra,
  };
}

export function day(iso: string): Date {
  return new Date(`${iso}T12:00:00.000Z`);
}
