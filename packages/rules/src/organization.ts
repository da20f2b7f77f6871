import type { TCollectedResource } from "@guardrail/collectors";

export type TOrganizationPolicyType = "SERVICE_CONTROL_POLICY" | "RESOURCE_CONTROL_POLICY";

export interface TOrganizationAccount {
  id: string;
  name: string | null;
  parentId: string | null;
  isManagementAccount: boolean;
  status: string | null;
  resource: TCollectedResource;
}

export interface TOrganizationPolicy {
  id: string;
  arn: string;
  name: string;
  type: string;
  /** The policy JSON as Organizations returns it. */
  content: string;
  targets: readonly string[];
}

export interface TOrganizationView {
  organizationId: string | null;
  managementAccountId: string | null;
  accounts: ReadonlyMap<string, TOrganizationAccount>;
  organizationalUnits: ReadonlyMap<string, { id: string; name: string | null; parentId: string | null }>;
  policies: readonly TOrganizationPolicy[];
  /** Root → OUs → the account itself (ids), e.g. ["r-ab12", "ou-ab12-x", "111122223333"]. */
  parentChain(accountId: string): string[];
  /** Policies of a type attached anywhere on the chain root → OU → account, with where. */
  effectivePolicies(
    accountId: string,
    type: TOrganizationPolicyType,
  ): { policy: TOrganizationPolicy; attachedTo: string }[];
}

function str(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

export function buildOrganizationView(
  accountResources: readonly TCollectedResource[],
  ouResources: readonly TCollectedResource[],
  policyResources: readonly TCollectedResource[],
): TOrganizationView | null {
  if (accountResources.length === 0) return null;
  const accounts = new Map<string, TOrganizationAccount>();
  let managementAccountId: string | null = null;
  let organizationId: string | null = null;
  for (const r of accountResources) {
    const cfg = r.configuration;
    const id = str(cfg.Id);
    if (!id) continue;
    const isManagementAccount = cfg.IsManagementAccount === true;
    if (isManagementAccount) managementAccountId = id;
    const arn = str(cfg.Arn) ?? r.resourceId;
    const orgMatch = /:account\/(o-[a-z0-9]+)\//.exec(arn);
    if (orgMatch?.[1]) organizationId = orgMatch[1];
    accounts.set(id, {
      id,
      name: str(cfg.Name),
      parentId: str(cfg.ParentId),
      isManagementAccount,
      status: str(cfg.Status),
      resource: r,
    });
  }
  const organizationalUnits = new Map<
    string,
    { id: string; name: string | null; parentId: string | null }
  >();
  for (const r of ouResources) {
    const id = str(r.configuration.Id);
    if (id) {
      organizationalUnits.set(id, {
        id,
        name: str(r.configuration.Name),
        parentId: str(r.configuration.ParentId),
      });
    }
  }
  const policies: TOrganizationPolicy[] = [];
  for (const r of policyResources) {
    const summary = (r.configuration.PolicySummary ?? {}) as Record<string, unknown>;
    const content = str(r.configuration.Content);
    if (!content) continue;
    policies.push({
      id: str(summary.Id) ?? r.resourceId,
      arn: str(summary.Arn) ?? r.resourceId,
      name: str(summary.Name) ?? r.resourceId,
      type: str(summary.Type) ?? "SERVICE_CONTROL_POLICY",
      content,
      targets: Array.isArray(r.configuration.Targets)
        ? (r.configuration.Targets as unknown[]).filter((t): t is string => typeof t === "string")
        : [],
    });
  }
  const chainCache = new Map<string, string[]>();
  const parentChain = (accountId: string): string[] => {
    const cached = chainCache.get(accountId);
    if (cached) return cached;
    const chain = [accountId];
    let parent = accounts.get(accountId)?.parentId ?? null;
    const seen = new Set<string>();
    while (parent && !seen.has(parent)) {
      seen.add(parent);
      chain.unshift(parent);
      parent = organizationalUnits.get(parent)?.parentId ?? null;
    }
    chainCache.set(accountId, chain);
    return chain;
  };
  return {
    organizationId,
    managementAccountId,
    accounts,
    organizationalUnits,
    policies,
    parentChain,
    effectivePolicies(accountId, type) {
      const out: { policy: TOrganizationPolicy; attachedTo: string }[] = [];
      for (const node of parentChain(accountId)) {
        for (const policy of policies) {
          if (policy.type === type && policy.targets.includes(node)) {
            out.push({ policy, attachedTo: node });
          }
        }
      }
      return out;
    },
  };
}
