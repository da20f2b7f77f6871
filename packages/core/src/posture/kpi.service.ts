import { Prisma, type TDb } from "@guardrail/db";
import { authorize } from "../auth/roles";
import { sqlAccountOuChain } from "../business-units/account-ou-chain";
import type { TTenantScope } from "../common/tenant-scope";

export interface TIndustryFigure {
  /** share 0–1 as published */
  value: number;
  report: string;
  year: number;
  url: string;
  note?: string;
}

export interface TKpi {
  id: string;
  title: string;
  numerator: number;
  denominator: number;
  /** numerator ÷ denominator (a count for workload KPIs); null when the denominator is 0 */
  value: number | null;
  /** the published industry figure beside it, or null where none was found */
  industry: TIndustryFigure | null;
  /** why `industry` is null (what was looked for, where), never a guessed number */
  industryUnavailableReason: string | null;
  /** when it was measured (after the tenant's latest evaluation), ISO 8601 */
  computedAt: string;
}

/**
 * Published industry figures. Only figures found in the published reports are stored; where
 * none was found the KPI carries `industry: null` rather than an invented number.
 */
export const INDUSTRY_FIGURES: Readonly<Record<string, TIndustryFigure | null>> = {
  "ec2.imdsv2-enforced": {
    value: 0.5,
    report: "Datadog State of Cloud Security",
    year: 2025,
    url: "https://www.datadoghq.com/blog/cloud-security-study-learnings-2025",
    note: '"One in two EC2 instances enforces IMDSv2"',
  },
  "iam.users-access-key-older-than-1y": {
    value: 0.59,
    report: "Datadog State of Cloud Security",
    year: 2025,
    url: "https://www.datadoghq.com/state-of-cloud-security/",
    note: '"In AWS, 59% of IAM users have an active access key older than one year" (Fact 1); the report considers IAM users with at least one active access key, as this KPI does',
  },
  "s3.buckets-block-public-access": {
    value: 0.83,
    report: "Datadog State of Cloud Security",
    year: 2025,
    url: "https://www.datadoghq.com/state-of-cloud-security/",
    note: '"Over four in five (83%) S3 buckets are covered by an account-wide or bucket-specific S3 Block Public Access" (Fact 5; buckets of static websites excluded)',
  },
  "s3.buckets-public": {
    value: 0.01,
    report: "Datadog State of Cloud Security",
    year: 2025,
    url: "https://www.datadoghq.com/state-of-cloud-security/",
    note: '"One percent of S3 buckets are effectively public, down from 1.5% in 2024" (Fact 5); the report counts bucket policies only, this KPI also public ACLs',
  },
  "org.accounts-covered-by-scp": {
    value: 0.4,
    report: "Datadog State of Cloud Security",
    year: 2025,
    url: "https://www.datadoghq.com/state-of-cloud-security/",
    note: 'A share of organizations, not of accounts: "among organizations using AWS Organizations, two in five (40%) take advantage of service control policies (SCPs)" (Fact 1)',
  },
  "iam.third-party-roles-without-external-id": {
    value: 0.0225,
    report: "Datadog State of Cloud Security",
    year: 2025,
    url: "https://www.datadoghq.com/state-of-cloud-security/",
    note: '"2.25% of third-party integration roles don\'t enforce the use of an external ID" (Fact 6); the report counts roles trusting known SaaS vendors, this KPI every account outside the organization',
  },
  "org.workloads-in-management-account": {
    value: 0.09,
    report: "Datadog State of Cloud Security",
    year: 2025,
    url: "https://www.datadoghq.com/state-of-cloud-security/",
    note: 'A share of organizations beside your count of workloads: "9% of organizations run EC2 instances in their AWS organization management account, up from 6% in 2024" (Fact 1)',
  },
};

/**
 * For a KPI without a stored figure, why (none at present: the 2025 Datadog report, October 2025
 * edition, has one for each). A number that cannot be read from a published report is left out
 * rather than quoted from memory, and its reason is written here.
 */
export const INDUSTRY_FIGURE_UNAVAILABLE: Readonly<Record<string, string>> = {};

const share = (n: number, d: number) => (d === 0 ? null : n / d);

/** The KPI ids, in the order the overview shows them. */
export const KPI_IDS = [
  "ec2.imdsv2-enforced",
  "iam.users-access-key-older-than-1y",
  "s3.buckets-block-public-access",
  "s3.buckets-public",
  "org.accounts-covered-by-scp",
  "iam.third-party-roles-without-external-id",
  "org.workloads-in-management-account",
] as const;
export type TKpiId = (typeof KPI_IDS)[number];

const KPI_TITLES: Record<TKpiId, string> = {
  "ec2.imdsv2-enforced": "EC2 instances enforcing IMDSv2",
  "iam.users-access-key-older-than-1y": "IAM users with an active access key older than a year",
  "s3.buckets-block-public-access":
    "S3 buckets protected by Block Public Access (bucket or account)",
  "s3.buckets-public": "Publicly accessible S3 buckets (policy or ACL, after Block Public Access)",
  "org.accounts-covered-by-scp": "Active accounts covered by a customer SCP",
  "iam.third-party-roles-without-external-id":
    "Roles trusting an account outside the organization without sts:ExternalId",
  "org.workloads-in-management-account":
    "Workloads (EC2, Lambda, ECS, EKS) in the management account",
};

/** A KPI's counts: workload KPIs are a count (denominator 1), the others a share. */
export type TKpiCounts = Record<TKpiId, { numerator: number; denominator: number }>;

/**
 * Measures the organization KPIs like the "State of Cloud Security" reports from the tenant's
 * current (not deleted) inventory. It reads every S3 bucket, IAM user and role and EC2 instance:
 * run it when the inventory changes (after a scan's evaluation, `refreshOrganizationKpis`), not
 * per page view.
 */
export async function measureOrganizationKpis(opts: {
  db: TDb;
  tenantId: string;
  now: Date;
}): Promise<TKpiCounts> {
  const { db, now, tenantId } = opts;
  const t = Prisma.sql`${tenantId}::uuid`;
  const live = Prisma.sql`r."tenantId" = ${t} AND r."deletedAt" IS NULL`;
  const yearAgo = new Date(now.getTime() - 365 * 86_400_000).toISOString();
  const [row] = await db.$queryRaw<Record<string, number>[]>(Prisma.sql`
    WITH acct_bpa AS (
      SELECT r."accountId",
             COALESCE((r.configuration->'PublicAccessBlockConfiguration'->>'BlockPublicPolicy')::boolean, false) AS block_policy,
             COALESCE((r.configuration->'PublicAccessBlockConfiguration'->>'RestrictPublicBuckets')::boolean, false) AS restrict_public,
             COALESCE((r.configuration->'PublicAccessBlockConfiguration'->>'BlockPublicAcls')::boolean, false) AS block_acls,
             COALESCE((r.configuration->'PublicAccessBlockConfiguration'->>'IgnorePublicAcls')::boolean, false) AS ignore_acls
        FROM "Resource" r WHERE ${live} AND r."resourceType" = 'AWS::S3::AccountPublicAccessBlock'
    ), buckets AS (
      SELECT (COALESCE((r.configuration->'PublicAccessBlockConfiguration'->>'RestrictPublicBuckets')::boolean, false) OR COALESCE(a.restrict_public, false)) AS restrict_public,
             (COALESCE((r.configuration->'PublicAccessBlockConfiguration'->>'IgnorePublicAcls')::boolean, false) OR COALESCE(a.ignore_acls, false)) AS ignore_acls,
             ((COALESCE((r.configuration->'PublicAccessBlockConfiguration'->>'BlockPublicPolicy')::boolean, false) OR COALESCE(a.block_policy, false))
              AND (COALESCE((r.configuration->'PublicAccessBlockConfiguration'->>'RestrictPublicBuckets')::boolean, false) OR COALESCE(a.restrict_public, false))
              AND (COALESCE((r.configuration->'PublicAccessBlockConfiguration'->>'BlockPublicAcls')::boolean, false) OR COALESCE(a.block_acls, false))
              AND (COALESCE((r.configuration->'PublicAccessBlockConfiguration'->>'IgnorePublicAcls')::boolean, false) OR COALESCE(a.ignore_acls, false))) AS protected,
             COALESCE((r.configuration->'PolicyStatus'->>'IsPublic')::boolean, false) AS policy_public,
             EXISTS (SELECT 1 FROM jsonb_array_elements(COALESCE(r.configuration->'Acl'->'Grants', '[]'::jsonb)) g
                      WHERE g->'Grantee'->>'URI' IN ('http://acs.amazonaws.com/groups/global/AllUsers',
                                                      'http://acs.amazonaws.com/groups/global/AuthenticatedUsers')) AS acl_public
        FROM "Resource" r LEFT JOIN acct_bpa a ON a."accountId" = r."accountId"
       WHERE ${live} AND r."resourceType" = 'AWS::S3::Bucket'
    ), users AS (
      SELECT (cr->>'access_key_1_active' = 'true' OR cr->>'access_key_2_active' = 'true') AS has_key,
             ((cr->>'access_key_1_active' = 'true' AND cr->>'access_key_1_last_rotated' ~ '^\\d{4}-' AND cr->>'access_key_1_last_rotated' < ${yearAgo})
              OR (cr->>'access_key_2_active' = 'true' AND cr->>'access_key_2_last_rotated' ~ '^\\d{4}-' AND cr->>'access_key_2_last_rotated' < ${yearAgo})) AS old_key
        FROM (SELECT r.configuration->'CredentialReport' AS cr FROM "Resource" r WHERE ${live} AND r."resourceType" = 'AWS::IAM::User') u
    )
    SELECT
      (SELECT count(*) FROM "Resource" r WHERE ${live} AND r."resourceType" = 'AWS::EC2::Instance')::int AS ec2_total,
      (SELECT count(*) FROM "Resource" r WHERE ${live} AND r."resourceType" = 'AWS::EC2::Instance'
          AND r.configuration->'MetadataOptions'->>'HttpTokens' = 'required')::int AS ec2_imdsv2,
      (SELECT count(*) FROM users WHERE has_key)::int AS users_with_key,
      (SELECT count(*) FROM users WHERE has_key AND old_key)::int AS users_old_key,
      (SELECT count(*) FROM buckets)::int AS buckets_total,
      (SELECT count(*) FROM buckets WHERE protected)::int AS buckets_protected,
      (SELECT count(*) FROM buckets WHERE (policy_public AND NOT restrict_public) OR (acl_public AND NOT ignore_acls))::int AS buckets_public,
      (SELECT count(*) FROM "Resource" r JOIN "AwsAccount" a ON a."tenantId" = ${t} AND a."accountId" = r."accountId" AND a."isManagement"
        WHERE ${live} AND r."resourceType" IN ('AWS::EC2::Instance', 'AWS::Lambda::Function', 'AWS::EKS::Cluster', 'AWS::EKS::Nodegroup', 'AWS::ECS::Service', 'AWS::ECS::Cluster'))::int AS mgmt_workloads`);
  const scp = await db.$queryRaw<{ total: number; covered: number }[]>(Prisma.sql`
    WITH RECURSIVE account_ou AS (${sqlAccountOuChain(tenantId)}),
    targets AS (
      SELECT unnest(p.targets) AS target FROM "OrganizationPolicy" p
       WHERE p."tenantId" = ${t} AND p.type = 'SERVICE_CONTROL_POLICY' AND NOT p."awsManaged" AND p."deletedAt" IS NULL
    )
    SELECT count(*)::int AS total,
           count(*) FILTER (WHERE a."accountId" IN (SELECT target FROM targets)
                              OR EXISTS (SELECT 1 FROM account_ou c JOIN targets tg ON tg.target = c.ou_id WHERE c.account_id = a."accountId"))::int AS covered
      FROM "AwsAccount" a WHERE a."tenantId" = ${t} AND a.status = 'ACTIVE'`);
  const orgAccounts = new Set(
    (await db.awsAccount.findMany({ where: { tenantId }, select: { accountId: true } })).map(
      (a) => a.accountId,
    ),
  );
  const roles = await db.resource.findMany({
    where: { tenantId, deletedAt: null, resourceType: "AWS::IAM::Role" },
    select: { accountId: true, configuration: true },
  });
  let thirdParty = 0;
  let withoutExternalId = 0;
  for (const role of roles) {
    const trust = analyzeThirdPartyTrust(role.configuration, role.accountId, orgAccounts);
    if (trust.thirdParty) {
      thirdParty++;
      if (!trust.externalId) withoutExternalId++;
    }
  }
  const n = (k: string) => Number(row?.[k] ?? 0);
  return {
    "ec2.imdsv2-enforced": { numerator: n("ec2_imdsv2"), denominator: n("ec2_total") },
    "iam.users-access-key-older-than-1y": {
      numerator: n("users_old_key"),
      denominator: n("users_with_key"),
    },
    "s3.buckets-block-public-access": {
      numerator: n("buckets_protected"),
      denominator: n("buckets_total"),
    },
    "s3.buckets-public": { numerator: n("buckets_public"), denominator: n("buckets_total") },
    "org.accounts-covered-by-scp": {
      numerator: scp[0]?.covered ?? 0,
      denominator: scp[0]?.total ?? 0,
    },
    "iam.third-party-roles-without-external-id": {
      numerator: withoutExternalId,
      denominator: thirdParty,
    },
    "org.workloads-in-management-account": { numerator: n("mgmt_workloads"), denominator: 1 },
  };
}

/**
 * Measures the KPIs and stores them (one OrganizationKpi row per KPI) as of `now`. The worker
 * calls it after each scan evaluation, when the inventory has changed. A measurement never
 * replaces a newer one (an older reader filling a missing row loses to the worker).
 */
export async function refreshOrganizationKpis(opts: {
  db: TDb;
  tenantId: string;
  now: Date;
}): Promise<TKpiCounts> {
  const [counts, resources] = await Promise.all([
    measureOrganizationKpis(opts),
    countLiveResources(opts.db, opts.tenantId),
  ]);
  const openFindings = await countOpenFindingsLive(opts.db, opts.tenantId);
  const figures = [
    ...KPI_IDS.map((id) => ({ id, ...counts[id] })),
    { id: ESTATE_RESOURCES, numerator: resources, denominator: 1 },
    { id: ESTATE_OPEN_FINDINGS, numerator: openFindings, denominator: 1 },
  ];
  await opts.db.$executeRaw(Prisma.sql`
    INSERT INTO "OrganizationKpi" ("tenantId", "kpiId", numerator, denominator, "computedAt")
    SELECT ${opts.tenantId}::uuid, k.id, k.numerator, k.denominator, ${opts.now}
      FROM unnest(${figures.map((f) => f.id)}::text[], ${figures.map((f) => f.numerator)}::int[], ${figures.map((f) => f.denominator)}::int[])
           AS k(id, numerator, denominator)
    ON CONFLICT ("tenantId", "kpiId") DO UPDATE
       SET numerator = EXCLUDED.numerator, denominator = EXCLUDED.denominator, "computedAt" = EXCLUDED."computedAt"
     WHERE "OrganizationKpi"."computedAt" <= EXCLUDED."computedAt"`);
  return counts;
}

/** The estate figure stored beside the KPIs: live (not deleted) resources at the latest evaluation. */
const ESTATE_RESOURCES = "estate.resources";
/** … and the open findings then. */
const ESTATE_OPEN_FINDINGS = "estate.open-findings";
/** Open findings are counted live up to this many; beyond, the count of the latest evaluation. */
export const OPEN_FINDINGS_LIVE_COUNT_CAP = 10_000;

async function countOpenFindingsLive(db: TDb, tenantId: string, cap?: number): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>(Prisma.sql`
    SELECT count(*)::int AS n FROM (
      SELECT 1 FROM "Finding" WHERE "tenantId" = ${tenantId}::uuid AND status = 'OPEN'
      ${cap === undefined ? Prisma.empty : Prisma.sql`LIMIT ${cap + 1}`}) f`);
  return row?.n ?? 0;
}

/**
 * The tenant's open findings: counted live up to OPEN_FINDINGS_LIVE_COUNT_CAP (so triage shows
 * at once), beyond it the count stored at the latest evaluation (`atLatestEvaluation`: triage
 * since then shows after the next scan) rather than counting every open finding per view.
 */
export async function countOpenFindings(opts: {
  db: TDb;
  scope: TTenantScope;
}): Promise<{ value: number; atLatestEvaluation: boolean }> {
  const { db } = opts;
  const tenantId = opts.scope.tenantId;
  const live = await countOpenFindingsLive(db, tenantId, OPEN_FINDINGS_LIVE_COUNT_CAP);
  if (live <= OPEN_FINDINGS_LIVE_COUNT_CAP) return { value: live, atLatestEvaluation: false };
  const stored = await db.organizationKpi.findUnique({
    where: { tenantId_kpiId: { tenantId, kpiId: ESTATE_OPEN_FINDINGS } },
    select: { numerator: true },
  });
  return stored && stored.numerator > OPEN_FINDINGS_LIVE_COUNT_CAP
    ? { value: stored.numerator, atLatestEvaluation: true }
    : { value: await countOpenFindingsLive(db, tenantId), atLatestEvaluation: false };
}

async function countLiveResources(db: TDb, tenantId: string): Promise<number> {
  return db.resource.count({ where: { tenantId, deletedAt: null } });
}

/**
 * How many live resources the tenant holds, as of its latest evaluation (the inventory changes
 * only when a scan persists it, and every scan ends with an evaluation): one row instead of a
 * count over the whole inventory. Counted live when nothing is stored yet.
 */
export async function countInventoryResources(opts: {
  db: TDb;
  scope: TTenantScope;
}): Promise<number> {
  const stored = await opts.db.organizationKpi.findUnique({
    where: { tenantId_kpiId: { tenantId: opts.scope.tenantId, kpiId: ESTATE_RESOURCES } },
    select: { numerator: true },
  });
  return stored?.numerator ?? countLiveResources(opts.db, opts.scope.tenantId);
}

/**
 * The organization KPIs as of the tenant's latest evaluation, each with the published industry
 * figure beside it: a read of the stored OrganizationKpi rows (seven rows, whatever the size of
 * the inventory). A tenant without stored KPIs (never evaluated since they were introduced) is
 * measured once and stored.
 */
export async function getOrganizationKpis(opts: {
  db: TDb;
  scope: TTenantScope;
  now: Date;
}): Promise<TKpi[]> {
  authorize(opts.scope, "trends.read");
  const { db } = opts;
  const tenantId = opts.scope.tenantId;
  const stored = await db.organizationKpi.findMany({
    where: { tenantId },
    select: { kpiId: true, numerator: true, denominator: true, computedAt: true },
  });
  const byId = new Map(stored.map((k) => [k.kpiId, k]));
  if (KPI_IDS.every((id) => byId.has(id))) {
    const computedAt = new Date(
      Math.min(...KPI_IDS.map((id) => byId.get(id)!.computedAt.getTime())),
    );
    return KPI_IDS.map((id) => toKpi(id, byId.get(id)!, computedAt));
  }
  const counts = await refreshOrganizationKpis({ db, tenantId, now: opts.now });
  return KPI_IDS.map((id) => toKpi(id, counts[id], opts.now));
}

function toKpi(id: TKpiId, c: { numerator: number; denominator: number }, computedAt: Date): TKpi {
  const industry = INDUSTRY_FIGURES[id] ?? null;
  const workload = id === "org.workloads-in-management-account";
  return {
    id,
    title: KPI_TITLES[id],
    numerator: c.numerator,
    denominator: c.denominator,
    value: workload ? c.numerator : share(c.numerator, c.denominator),
    industry,
    industryUnavailableReason: industry
      ? null
      : (INDUSTRY_FIGURE_UNAVAILABLE[id] ?? "no published figure found"),
    computedAt: computedAt.toISOString(),
  };
}

/** Whether a role trusts an AWS account outside the organization, and with an sts:ExternalId condition. */
export function analyzeThirdPartyTrust(
  configuration: unknown,
  accountId: string,
  organizationAccounts: ReadonlySet<string>,
): { thirdParty: boolean; externalId: boolean } {
  const raw = (configuration as { AssumeRolePolicyDocument?: unknown } | null)
    ?.AssumeRolePolicyDocument;
  let doc: unknown = raw;
  if (typeof raw === "string") {
    try {
      doc = JSON.parse(raw.startsWith("%7B") ? decodeURIComponent(raw) : raw);
    } catch {
      return { thirdParty: false, externalId: false };
    }
  }
  const statements = (doc as { Statement?: unknown })?.Statement;
  const list = Array.isArray(statements) ? statements : statements ? [statements] : [];
  let thirdParty = false;
  let externalId = true;
  for (const s of list as {
    Effect?: string;
    Principal?: { AWS?: string | string[] };
    Condition?: Record<string, Record<string, unknown>>;
  }[]) {
    if (s.Effect !== "Allow" || !s.Principal?.AWS) continue;
    const principals = Array.isArray(s.Principal.AWS) ? s.Principal.AWS : [s.Principal.AWS];
    const foreign = principals.some((p) => {
      const acct = /^\d{12}$/.test(p) ? p : /^arn:aws[\w-]*:iam::(\d{12}):/.exec(p)?.[1];
      return acct !== undefined && acct !== accountId && !organizationAccounts.has(acct);
    });
    if (!foreign) continue;
    thirdParty = true;
    const hasExternalId = Object.values(s.Condition ?? {}).some((block) =>
      Object.keys(block).some((k) => k.toLowerCase() === "sts:externalid"),
    );
    if (!hasExternalId) externalId = false;
  }
  return { thirdParty, externalId: thirdParty && externalId };
}
