import type { TDb } from "@guardrail/db";
import {
  listPrincipalReferences,
  loadActionCatalog,
  readPrincipalPolicyInput,
  summarizeEffectivePermissions,
  type TActionCatalog,
  type TEffectiveService,
  type TGraphResource,
} from "@guardrail/iam";
import { authorize } from "../auth/roles";
import { AppError } from "../common/app-error";
import type { TTenantScope } from "../common/tenant-scope";

/** The IAM action catalog is immutable data (≈22,000 actions): loaded once per process, on first use. */
let catalogPromise: Promise<TActionCatalog> | null = null;
function sharedCatalog(): Promise<TActionCatalog> {
  catalogPromise ??= loadActionCatalog().catch((err: unknown) => {
    catalogPromise = null;
    throw err;
  });
  return catalogPromise;
}

const ORG_TYPES = ["AWS::Organizations::Account", "AWS::Organizations::OrganizationalUnit", "AWS::Organizations::Policy"];

/**
 * The resource ids of policies attached in an account: an AWS-managed policy is one row per
 * account, `<arn>#<accountId>` (docs/resource-model.md; inventories written before that keep
 * one shared row under the bare ARN, matched too).
 */
function policyResourceIds(accountId: string, arns: readonly string[]): string[] {
  return arns.flatMap((arn) => (arn.startsWith("arn:aws:iam::aws:policy/") ? [`${arn}#${accountId}`, arn] : [arn]));
}

function toGraphResource(r: { accountId: string; region: string; resourceType: string; resourceId: string; name: string | null; tags: unknown; configuration: unknown }): TGraphResource {
  return { ...r, tags: (r.tags ?? {}) as Record<string, string>, configuration: (r.configuration ?? {}) as Record<string, unknown> };
}

const SELECT = { accountId: true, region: true, resourceType: true, resourceId: true, name: true, tags: true, configuration: true } as const;

/**
 * Effective permissions of a user or role by service and access level, each action with the
 * statements that decide it (identity policies, group policies, boundary, SCPs of its account).
 * `catalog` defaults to the IAM action catalog of @guardrail/iam, loaded once per process.
 */
export async function getEffectivePermissions(opts: {
  db: TDb;
  scope: TTenantScope;
  principalArn: string;
  catalog?: TActionCatalog;
}): Promise<{ principalArn: string; services: TEffectiveService[]; missingPolicies: string[] }> {
  authorize(opts.scope, "inventory.read");
  const { db, scope } = opts;
  const row = await db.resource.findFirst({
    where: { tenantId: scope.tenantId, resourceId: opts.principalArn, deletedAt: null, resourceType: { in: ["AWS::IAM::Role", "AWS::IAM::User"] } },
    select: SELECT,
  });
  if (!row) throw new AppError("NOT_FOUND", `No IAM user or role ${opts.principalArn} in the inventory.`);
  const principal = toGraphResource(row);
  const refs = listPrincipalReferences(principal);
  const related = await db.resource.findMany({
    where: {
      tenantId: scope.tenantId,
      deletedAt: null,
      OR: [
        { resourceType: { in: ORG_TYPES } },
        { resourceType: "AWS::IAM::Policy", resourceId: { in: policyResourceIds(principal.accountId, refs.policyArns) } },
        ...(refs.groupNames.length ? [{ resourceType: "AWS::IAM::Group", accountId: principal.accountId }] : []),
      ],
    },
    select: SELECT,
  });
  // group policies attached to the user's groups
  const groups = related.filter((r) => r.resourceType === "AWS::IAM::Group").map(toGraphResource);
  const groupPolicyArns = groups.flatMap((g) => listPrincipalReferences(g).policyArns).filter((a) => !refs.policyArns.includes(a));
  const more = groupPolicyArns.length
    ? await db.resource.findMany({ where: { tenantId: scope.tenantId, deletedAt: null, resourceType: "AWS::IAM::Policy", resourceId: { in: policyResourceIds(principal.accountId, groupPolicyArns) } }, select: SELECT })
    : [];
  const { input, missingPolicies } = readPrincipalPolicyInput(principal, [...related, ...more].map(toGraphResource));
  return { principalArn: input.principalArn, services: summarizeEffectivePermissions(input, opts.catalog ?? (await sharedCatalog())), missingPolicies };
}
