import type { TPolicyInput } from "../policy.types";
import type { TPrincipalPolicies } from "../principal-capabilities.analyzer";
import type { TGraphResource } from "./access-graph.types";

// Reading the collected inventory (AWS response shapes, docs/resource-model.md) for the graph:
// the organization (accounts, SCP/RCP levels) and the policies of each principal.

export const asString = (v: unknown): string | null => (typeof v === "string" ? v : null);
export const asRecord = (v: unknown): Record<string, unknown> | null =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
export const asRecords = (v: unknown): Record<string, unknown>[] =>
  Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => asRecord(x) !== null) : [];

export interface TGraphOrganization {
  organizationId: string | null;
  managementAccountId: string | null;
  accountIds: ReadonlySet<string>;
  accountNames: ReadonlyMap<string, string>;
  /** SCP documents per level (root first); undefined when a level is unknown */
  scpLevels(accountId: string): TPolicyInput[][] | undefined;
  rcpLevels(accountId: string): TPolicyInput[][] | undefined;
}

export function readOrganization(resources: readonly TGraphResource[]): TGraphOrganization {
  const parents = new Map<string, string | null>();
  const accountIds = new Set<string>();
  const accountNames = new Map<string, string>();
  let managementAccountId: string | null = null;
  let organizationId: string | null = null;
  const policies: { type: string; content: string; targets: string[] }[] = [];
  for (const r of resources) {
    const cfg = r.configuration;
    if (r.resourceType === "AWS::Organizations::Account") {
      const id = asString(cfg.Id);
      if (!id) continue;
      accountIds.add(id);
      accountNames.set(id, asString(cfg.Name) ?? id);
      parents.set(id, asString(cfg.ParentId));
      if (cfg.IsManagementAccount === true) managementAccountId = id;
      const org = /:account\/(o-[a-z0-9]+)\//.exec(asString(cfg.Arn) ?? r.resourceId);
      if (org?.[1]) organizationId = org[1];
    } else if (r.resourceType === "AWS::Organizations::OrganizationalUnit") {
      const id = asString(cfg.Id);
      if (id) parents.set(id, asString(cfg.ParentId));
    } else if (r.resourceType === "AWS::Organizations::Policy") {
      const content = asString(cfg.Content);
      if (!content) continue;
      const summary = asRecord(cfg.PolicySummary) ?? {};
      policies.push({
        type: asString(summary.Type) ?? "SERVICE_CONTROL_POLICY",
        content,
        targets: Array.isArray(cfg.Targets) ? cfg.Targets.filter((t): t is string => typeof t === "string") : [],
      });
    }
  }
  const byTarget = new Map<string, { type: string; content: string }[]>();
  for (const p of policies) {
    for (const t of p.targets) {
      const list = byTarget.get(t);
      if (list) list.push(p);
      else byTarget.set(t, [p]);
    }
  }
  const chainOf = (accountId: string): string[] => {
    const chain = [accountId];
    const seen = new Set<string>();
    let parent = parents.get(accountId) ?? null;
    while (parent && !seen.has(parent)) {
      seen.add(parent);
      chain.unshift(parent);
      parent = parents.get(parent) ?? null;
    }
    return chain;
  };
  const levelsCache = new Map<string, TPolicyInput[][] | undefined>();
  const levels = (accountId: string, type: string): TPolicyInput[][] | undefined => {
    const key = `${type}|${accountId}`;
    if (levelsCache.has(key)) return levelsCache.get(key);
    let out: TPolicyInput[][] | undefined;
    if (accountIds.has(accountId)) {
      const perLevel = chainOf(accountId).map((node) =>
        (byTarget.get(node) ?? []).filter((p) => p.type === type).map((p) => p.content),
      );
      // Every node carries at least one policy of an enabled type: a gap means missing data,
      // and guessing "deny all" would hide paths.
      out = perLevel.every((l) => l.length > 0) ? perLevel : undefined;
    }
    levelsCache.set(key, out);
    return out;
  };
  return {
    organizationId,
    managementAccountId,
    accountIds,
    accountNames,
    scpLevels: (a) => levels(a, "SERVICE_CONTROL_POLICY"),
    rcpLevels: (a) => levels(a, "RESOURCE_CONTROL_POLICY"),
  };
}

export interface TPrincipalPolicySet {
  identityPolicies: { name: string; arn?: string; document: TPolicyInput }[];
  permissionsBoundary: TPolicyInput | null;
  /** managed policies named by the principal but absent from the inventory */
  missingPolicies: string[];
  groupArns: string[];
}

/** The default version's document of an AWS::IAM::Policy resource. */
export function readDefaultPolicyDocument(policy: TGraphResource): TPolicyInput | null {
  const versions = asRecords(policy.configuration.PolicyVersionList);
  const version =
    versions.find((v) => v.IsDefaultVersion === true) ??
    versions.find((v) => v.VersionId === policy.configuration.DefaultVersionId);
  const doc = version?.Document;
  return typeof doc === "string" || asRecord(doc) ? (doc as TPolicyInput) : null;
}

/** The inline and attached policies of a user, role or group, into `out`. */
function addPoliciesOf(out: TPrincipalPolicySet, owner: TGraphResource, inlineField: string, lookupPolicy: (arn: string) => TPolicyInput | null): void {
  for (const inline of asRecords(owner.configuration[inlineField])) {
    const doc = inline.PolicyDocument;
    if (typeof doc !== "string" && !asRecord(doc)) continue;
    out.identityPolicies.push({ name: asString(inline.PolicyName) ?? "inline", document: doc as TPolicyInput });
  }
  for (const attached of asRecords(owner.configuration.AttachedManagedPolicies)) {
    const arn = asString(attached.PolicyArn);
    if (!arn) continue;
    const doc = lookupPolicy(arn);
    if (!doc) out.missingPolicies.push(arn);
    else out.identityPolicies.push({ name: asString(attached.PolicyName) ?? arn, arn, document: doc });
  }
}

/**
 * Inline, attached (and, for users, group) policies and the boundary of a user, role or group.
 * `lookupPolicy` resolves a managed policy ARN; `groupsOf` resolves a user's group names.
 */
export function readPrincipalPolicies(
  principal: TGraphResource,
  lookupPolicy: (arn: string) => TPolicyInput | null,
  groupsOf: (accountId: string, groupName: string) => TGraphResource | undefined,
): TPrincipalPolicySet {
  const out: TPrincipalPolicySet = { identityPolicies: [], permissionsBoundary: null, missingPolicies: [], groupArns: [] };
  const type = principal.resourceType;
  addPoliciesOf(out, principal, type === "AWS::IAM::Role" ? "RolePolicyList" : type === "AWS::IAM::User" ? "UserPolicyList" : "GroupPolicyList", lookupPolicy);
  if (type === "AWS::IAM::User") {
    const groups = Array.isArray(principal.configuration.GroupList) ? principal.configuration.GroupList : [];
    for (const name of groups) {
      if (typeof name !== "string") continue;
      const group = groupsOf(principal.accountId, name);
      if (!group) {
        out.missingPolicies.push(`group ${name}`);
        continue;
      }
      out.groupArns.push(asString(group.configuration.Arn) ?? group.resourceId);
      addPoliciesOf(out, group, "GroupPolicyList", lookupPolicy);
    }
  }
  const boundaryArn = asString(asRecord(principal.configuration.PermissionsBoundary)?.PermissionsBoundaryArn);
  if (boundaryArn) {
    const doc = lookupPolicy(boundaryArn);
    if (doc) out.permissionsBoundary = doc;
    else out.missingPolicies.push(boundaryArn);
  }
  return out;
}

/**
 * The TPrincipalPolicies of one user or role from the inventory that concerns it (its managed
 * policies, its groups, the organization's accounts, OUs and SCPs): the input of the
 * capability and effective-permission analyses for a principal's detail page.
 */
export function readPrincipalPolicyInput(
  principal: TGraphResource,
  related: readonly TGraphResource[],
): { input: TPrincipalPolicies; missingPolicies: string[] } {
  const policies = new Map<string, TGraphResource>();
  const groups = new Map<string, TGraphResource>();
  for (const r of related) {
    if (r.resourceType === "AWS::IAM::Policy") policies.set(asString(r.configuration.Arn) ?? r.resourceId, r);
    if (r.resourceType === "AWS::IAM::Group") groups.set(`${r.accountId}|${asString(r.configuration.GroupName) ?? r.name ?? ""}`, r);
  }
  const org = readOrganization(related);
  const set = readPrincipalPolicies(
    principal,
    (arn) => {
      const p = policies.get(arn);
      return p ? readDefaultPolicyDocument(p) : null;
    },
    (accountId, name) => groups.get(`${accountId}|${name}`),
  );
  const isRole = principal.resourceType === "AWS::IAM::Role";
  const scps = org.scpLevels(principal.accountId);
  const input: TPrincipalPolicies = {
    principalArn: asString(principal.configuration.Arn) ?? principal.resourceId,
    accountId: principal.accountId,
    identityPolicies: set.identityPolicies,
    permissionsBoundary: set.permissionsBoundary,
    isManagementAccount: org.managementAccountId === principal.accountId,
    isServiceLinkedRole: isRole && (asString(principal.configuration.Path) ?? "").startsWith("/aws-service-role/"),
    tags: principal.tags ?? {},
  };
  if (scps) input.scps = scps;
  if (org.organizationId) input.organizationId = org.organizationId;
  if (!isRole) input.groupArns = set.groupArns;
  return { input, missingPolicies: set.missingPolicies };
}

/** Managed policy ARNs and group names a principal refers to (what to load for it). */
export function listPrincipalReferences(principal: TGraphResource): { policyArns: string[]; groupNames: string[] } {
  const policyArns = asRecords(principal.configuration.AttachedManagedPolicies)
    .map((a) => asString(a.PolicyArn))
    .filter((a): a is string => a !== null);
  const boundary = asString(asRecord(principal.configuration.PermissionsBoundary)?.PermissionsBoundaryArn);
  if (boundary) policyArns.push(boundary);
  const groupNames = Array.isArray(principal.configuration.GroupList)
    ? principal.configuration.GroupList.filter((g): g is string => typeof g === "string")
    : [];
  return { policyArns, groupNames };
}
