import { Prisma, type TDb } from "@guardrail/db";
import type { TCollectedResource, TServiceKey } from "@guardrail/collectors";
import {
  buildRuleContext,
  findRule,
  type TRuleDefinition,
  type TRuleStatus,
} from "@guardrail/rules";
import { authorize } from "../auth/roles";
import type { TTenantScope } from "../common/tenant-scope";

export type TOrgNodeKind = "ROOT" | "OU" | "ACCOUNT";

export interface TOrgNode {
  kind: TOrgNodeKind;
  /** r-…, ou-… or the 12-digit account id */
  id: string;
  name: string;
  /** latest posture score (null: no snapshot yet) */
  score: number | null;
  openCritical: number;
  openHigh: number;
  /** ACCOUNT: its access state from the last scan / connection test; OU/ROOT: worst beneath */
  access: string;
  /** why an account cannot be scanned (AssumeRole denied, SCP…) */
  accessError: string | null;
  /** OU/ROOT: accounts beneath that Guardrail cannot scan */
  unreachableAccounts: number;
  accountCount: number;
  isManagement: boolean;
  status: string | null;
  lastScannedAt: string | null;
  /** ids of the SCPs / RCPs attached directly to this node */
  policyIds: string[];
  children: TOrgNode[];
}

export interface TOrgPolicy {
  policyId: string;
  name: string;
  description: string | null;
  type: "SERVICE_CONTROL_POLICY" | "RESOURCE_CONTROL_POLICY";
  awsManaged: boolean;
  /** the document pretty-printed (as returned when it is not valid JSON) */
  content: string;
  targets: { id: string; name: string; kind: TOrgNodeKind | "UNKNOWN" }[];
}

/** The guardrails of the coverage matrix, each decided by the rule of `@guardrail/rules` that checks it. */
export const GUARDRAILS = [
  {
    key: "deny-leave-organization",
    title: "Deny leaving the organization",
    ruleId: "aws.organizations.account.scp-deny-leave-organization",
  },
  {
    key: "deny-root-user",
    title: "Deny root user",
    ruleId: "aws.organizations.account.scp-deny-root-user",
  },
  {
    key: "region-restriction",
    title: "Region restriction",
    ruleId: "aws.organizations.account.scp-deny-unapproved-regions",
  },
  {
    key: "protect-security-services",
    title: "Protect CloudTrail / GuardDuty / Config",
    ruleId: "aws.organizations.account.scp-protect-security-services",
  },
  {
    key: "s3-block-public-access",
    title: "S3 Block Public Access (account)",
    ruleId: "aws.s3.account.public-access-block",
  },
  {
    key: "rcp-data-perimeter",
    title: "RCP data perimeter (S3)",
    ruleId: "aws.organizations.account.rcp-s3-perimeter",
  },
] as const;
export type TGuardrailKey = (typeof GUARDRAILS)[number]["key"];

export interface TGuardrailCell {
  guardrail: TGuardrailKey;
  /** the rule's verdict; NOT_COLLECTED when the account's data was never collected */
  status: TRuleStatus | "NOT_COLLECTED";
  message: string;
  /** the policies (and where they are attached) that provide it */
  providedBy: { policy: string; attachedTo: string }[];
}

export interface TCoverageRow {
  accountId: string;
  name: string;
  isManagement: boolean;
  /** root → OUs, names */
  path: string[];
  cells: TGuardrailCell[];
}

export interface TManagementAccountWarning {
  accountId: string;
  name: string;
  status: TRuleStatus;
  message: string;
  workloadCount: number;
  workloads: { resourceType: string; resourceId: string; region: string }[];
}

export interface TOrganizationOverview {
  roots: TOrgNode[];
  policies: TOrgPolicy[];
  guardrails: { key: TGuardrailKey; title: string; ruleId: string }[];
  coverage: TCoverageRow[];
  /** per guardrail, how many accounts of `coverage` have a gap (FAIL) */
  gaps: Record<TGuardrailKey, number>;
  /** the management-account check (workloads there); null when the organization was not read yet */
  managementAccount: TManagementAccountWarning | null;
}

/** What aws.organizations.management-account.no-workloads reads of the management account, and the services it requires. */
const WORKLOAD_TYPES = ["AWS::EC2::Instance", "AWS::Lambda::Function", "AWS::EKS::Cluster", "AWS::ECS::Service", "AWS::ECS::Task"];
const WORKLOAD_SERVICES = ["ec2", "lambda", "eks", "ecs"];
const ORG_TYPES = [
  "AWS::Organizations::Account",
  "AWS::Organizations::OrganizationalUnit",
  "AWS::Organizations::Policy",
];
const ACCESS_RANK: Record<string, number> = {
  CONNECTED: 0,
  UNKNOWN: 1,
  EXTERNAL_ID_NOT_ENFORCED: 2,
  SUSPENDED: 3,
  REMOVED: 3,
  ERROR: 4,
  SCP_DENIED: 5,
  ROLE_MISSING_OR_TRUST_DENIED: 5,
};

function prettyJson(content: string): string {
  try {
    return JSON.stringify(JSON.parse(content), null, 2);
  } catch {
    return content;
  }
}

/**
 * The organization page: the OU/account tree with each node's latest score and connection
 * health, the SCPs and RCPs with their content and targets, and the guardrail coverage matrix
 * (accounts × guardrails). Each cell is the verdict of the very rule that raises the finding
 * (`@guardrail/rules`), evaluated over the collected organization (effective policies on the
 * root → OU → account path), so the matrix and the findings never disagree.
 */
export async function getOrganizationOverview(opts: {
  db: TDb;
  scope: TTenantScope;
  now: Date;
}): Promise<TOrganizationOverview> {
  const { db, scope, now } = opts;
  authorize(scope, "organization.read");
  const tenantId = scope.tenantId;
  const t = Prisma.sql`${tenantId}::uuid`;
  const [ous, accounts, policies, scores] = await Promise.all([
    db.organizationalUnit.findMany({
      where: { tenantId, deletedAt: null },
      select: { ouId: true, name: true, parentId: true, isRoot: true },
      orderBy: { name: "asc" },
    }),
    db.awsAccount.findMany({
      where: { tenantId, removedAt: null },
      select: {
        accountId: true,
        name: true,
        parentId: true,
        isManagement: true,
        status: true,
        access: true,
        accessError: true,
        lastScannedAt: true,
      },
      orderBy: { name: "asc" },
    }),
    db.organizationPolicy.findMany({
      where: { tenantId, deletedAt: null },
      select: {
        policyId: true,
        name: true,
        description: true,
        type: true,
        awsManaged: true,
        content: true,
        targets: true,
      },
      orderBy: [{ type: "asc" }, { name: "asc" }],
    }),
    db.$queryRaw<
      { type: string; id: string; score: number; crit: number; high: number }[]
    >(Prisma.sql`
      SELECT "scopeType"::text AS type, "scopeId" AS id, score, "openCritical" AS crit, "openHigh" AS high
        FROM "PostureSnapshot"
       WHERE "tenantId" = ${t} AND "scopeType" IN ('OU', 'ACCOUNT')
         AND day = (SELECT max(day) FROM "PostureSnapshot" WHERE "tenantId" = ${t} AND "scopeType" = 'TENANT' AND "scopeId" = '')`),
  ]);
  const scoreOf = new Map(scores.map((s) => [`${s.type}:${s.id}`, s]));
  const attached = new Map<string, string[]>();
  for (const p of policies) {
    for (const target of p.targets)
      attached.set(target, [...(attached.get(target) ?? []), p.policyId]);
  }

  const nodes = new Map<string, TOrgNode>();
  for (const o of ous) {
    const s = scoreOf.get(`OU:${o.ouId}`);
    nodes.set(o.ouId, {
      kind: o.isRoot ? "ROOT" : "OU",
      id: o.ouId,
      name: o.name,
      score: s?.score ?? null,
      openCritical: s?.crit ?? 0,
      openHigh: s?.high ?? 0,
      access: "CONNECTED",
      accessError: null,
      unreachableAccounts: 0,
      accountCount: 0,
      isManagement: false,
      status: null,
      lastScannedAt: null,
      policyIds: attached.get(o.ouId) ?? [],
      children: [],
    });
  }
  const roots: TOrgNode[] = [];
  for (const o of ous) {
    const node = nodes.get(o.ouId)!;
    const parent = o.parentId ? nodes.get(o.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const orphanAccounts: TOrgNode[] = [];
  for (const a of accounts) {
    const s = scoreOf.get(`ACCOUNT:${a.accountId}`);
    const node: TOrgNode = {
      kind: "ACCOUNT",
      id: a.accountId,
      name: a.name,
      score: s?.score ?? null,
      openCritical: s?.crit ?? 0,
      openHigh: s?.high ?? 0,
      access: a.access,
      accessError: a.accessError,
      unreachableAccounts: 0,
      accountCount: 1,
      isManagement: a.isManagement,
      status: a.status,
      lastScannedAt: a.lastScannedAt?.toISOString() ?? null,
      policyIds: attached.get(a.accountId) ?? [],
      children: [],
    };
    const parent = a.parentId ? nodes.get(a.parentId) : undefined;
    if (parent) parent.children.push(node);
    else orphanAccounts.push(node);
  }
  if (orphanAccounts.length > 0) {
    roots.push({
      kind: "OU",
      id: "unplaced",
      name: "Accounts outside the collected tree",
      score: null,
      openCritical: 0,
      openHigh: 0,
      access: "CONNECTED",
      accessError: null,
      unreachableAccounts: 0,
      accountCount: 0,
      isManagement: false,
      status: null,
      lastScannedAt: null,
      policyIds: [],
      children: orphanAccounts,
    });
  }
  const rollUp = (node: TOrgNode): void => {
    if (node.kind === "ACCOUNT") return;
    node.children.sort(
      (x, y) =>
        Number(x.kind === "ACCOUNT") - Number(y.kind === "ACCOUNT") || x.name.localeCompare(y.name),
    );
    for (const c of node.children) {
      rollUp(c);
      node.accountCount += c.kind === "ACCOUNT" ? 1 : c.accountCount;
      const unreachable =
        c.kind === "ACCOUNT" ? Number((ACCESS_RANK[c.access] ?? 4) >= 2) : c.unreachableAccounts;
      node.unreachableAccounts += unreachable;
      if ((ACCESS_RANK[c.access] ?? 4) > (ACCESS_RANK[node.access] ?? 0)) node.access = c.access;
    }
  };
  roots.forEach(rollUp);

  const nameOf = (id: string): { name: string; kind: TOrgNodeKind | "UNKNOWN" } => {
    const n = nodes.get(id);
    if (n) return { name: n.name, kind: n.kind };
    const a = accounts.find((x) => x.accountId === id);
    return a ? { name: a.name, kind: "ACCOUNT" } : { name: id, kind: "UNKNOWN" };
  };
  const orgPolicies: TOrgPolicy[] = policies.map((p) => ({
    policyId: p.policyId,
    name: p.name,
    description: p.description,
    type: p.type,
    awsManaged: p.awsManaged,
    content: prettyJson(p.content),
    targets: p.targets.map((id) => ({ id, ...nameOf(id) })),
  }));

  const { coverage, managementAccount } = await evaluateGuardrailCoverage({
    db,
    tenantId,
    now,
    accounts: accounts.filter((a) => a.status === "ACTIVE" || a.isManagement),
    pathOf: (accountId) => {
      const path: string[] = [];
      let parent = accounts.find((a) => a.accountId === accountId)?.parentId ?? null;
      const seen = new Set<string>();
      while (parent && !seen.has(parent)) {
        seen.add(parent);
        const ou = ous.find((o) => o.ouId === parent);
        if (!ou) break;
        path.unshift(ou.name);
        parent = ou.parentId;
      }
      return path;
    },
  });
  return {
    roots,
    policies: orgPolicies,
    guardrails: GUARDRAILS.map((g) => ({ key: g.key, title: g.title, ruleId: g.ruleId })),
    coverage,
    gaps: Object.fromEntries(
      GUARDRAILS.map((g) => [
        g.key,
        coverage.filter((r) => r.cells.some((c) => c.guardrail === g.key && c.status === "FAIL"))
          .length,
      ]),
    ) as Record<TGuardrailKey, number>,
    managementAccount,
  };
}

function requireRule(id: string): TRuleDefinition {
  const rule = findRule(id);
  if (!rule) throw new Error(`Rule ${id} is missing from the rule catalog.`);
  return rule;
}

async function evaluateGuardrailCoverage(opts: {
  db: TDb;
  tenantId: string;
  now: Date;
  accounts: { accountId: string; name: string; isManagement: boolean }[];
  pathOf: (accountId: string) => string[];
}): Promise<{ coverage: TCoverageRow[]; managementAccount: TManagementAccountWarning | null }> {
  const { db, tenantId } = opts;
  const management = opts.accounts.find((a) => a.isManagement);
  const t = Prisma.sql`${tenantId}::uuid`;
  const cols = Prisma.sql`"accountId", region, service, "resourceType", "resourceId", name, tags, configuration`;
  const live = Prisma.sql`"tenantId" = ${t} AND "deletedAt" IS NULL`;
  // Organizations data (collected through the management account), one account-level S3
  // Block Public Access per account (the latest), and the management account's workloads.
  const rows = await db.$queryRaw<
    {
      accountId: string;
      region: string;
      service: string;
      resourceType: string;
      resourceId: string;
      name: string | null;
      tags: unknown;
      configuration: unknown;
    }[]
  >(Prisma.sql`
    SELECT ${cols} FROM "Resource"
     WHERE ${live} AND "resourceType" IN (${Prisma.join(ORG_TYPES)})
       ${management ? Prisma.sql`AND "accountId" = ${management.accountId}` : Prisma.empty}
    UNION ALL
    SELECT r.* FROM "AwsAccount" a CROSS JOIN LATERAL (
      SELECT ${cols} FROM "Resource"
       WHERE ${live} AND "accountId" = a."accountId" AND "resourceType" = 'AWS::S3::AccountPublicAccessBlock'
       ORDER BY "lastSeenAt" DESC LIMIT 1) r
     WHERE a."tenantId" = ${t}
    ${
      management
        ? Prisma.sql`UNION ALL
    SELECT ${cols} FROM "Resource"
     WHERE ${live} AND "accountId" = ${management.accountId} AND "resourceType" IN (${Prisma.join(WORKLOAD_TYPES)})`
        : Prisma.empty
    }`);
  const resources: TCollectedResource[] = rows.map((r) => ({
    accountId: r.accountId,
    region: r.region,
    service: r.service as TServiceKey,
    resourceType: r.resourceType as TCollectedResource["resourceType"],
    resourceId: r.resourceId,
    name: r.name,
    tags: (r.tags ?? {}) as TCollectedResource["tags"],
    configuration: (r.configuration ?? {}) as TCollectedResource["configuration"],
  }));
  const collections = await db.collectionState.findMany({
    where: {
      tenantId,
      OR: [
        { service: { in: ["organizations", "s3"] } },
        ...(management
          ? [{ accountId: management.accountId, service: { in: WORKLOAD_SERVICES } }]
          : []),
      ],
    },
    select: { accountId: true, region: true, service: true, status: true },
  });
  const ctx = buildRuleContext({
    resources,
    collections: collections.map((c) => ({ ...c, service: c.service as TServiceKey })),
    now: opts.now,
  });
  const orgAccount = new Map<string, TCollectedResource>();
  for (const r of ctx.byType("AWS::Organizations::Account")) {
    const id = (r.configuration as { Id?: unknown }).Id;
    if (typeof id === "string") orgAccount.set(id, r);
  }
  const guardrailRules = GUARDRAILS.map((g) => ({ ...g, rule: requireRule(g.ruleId) }));
  const coverage: TCoverageRow[] = opts.accounts.map((a) => ({
    accountId: a.accountId,
    name: a.name,
    isManagement: a.isManagement,
    path: opts.pathOf(a.accountId),
    cells: guardrailRules.map((g): TGuardrailCell => {
      const subject =
        g.key === "s3-block-public-access"
          ? ctx.byType("AWS::S3::AccountPublicAccessBlock", { accountId: a.accountId })[0]
          : orgAccount.get(a.accountId);
      if (!subject) {
        return {
          guardrail: g.key,
          status: "NOT_COLLECTED",
          message:
            g.key === "s3-block-public-access"
              ? "The account's S3 Block Public Access settings were not collected"
              : "The organization was not collected for this account",
          providedBy: [],
        };
      }
      const verdict = g.rule.evaluate(subject, ctx);
      const matching = (verdict.evidence.matchingStatements ?? []) as {
        policy: string;
        attachedTo: string;
      }[];
      return {
        guardrail: g.key,
        status: verdict.status,
        message: verdict.message,
        providedBy:
          verdict.status === "PASS"
            ? [
                ...new Map(
                  matching.map((m) => [
                    `${m.policy}\u0000${m.attachedTo}`,
                    { policy: m.policy, attachedTo: m.attachedTo },
                  ]),
                ).values(),
              ]
            : [],
      };
    }),
  }));

  let managementAccount: TManagementAccountWarning | null = null;
  const managementResource = management ? orgAccount.get(management.accountId) : undefined;
  if (management && managementResource) {
    const verdict = requireRule("aws.organizations.management-account.no-workloads").evaluate(
      managementResource,
      ctx,
    );
    const evidence = verdict.evidence as {
      workloadCount?: number;
      workloads?: TManagementAccountWarning["workloads"];
    };
    managementAccount = {
      accountId: management.accountId,
      name: management.name,
      status: verdict.status,
      message: verdict.message,
      workloadCount: evidence.workloadCount ?? 0,
      workloads: evidence.workloads ?? [],
    };
  }
  return { coverage, managementAccount };
}
