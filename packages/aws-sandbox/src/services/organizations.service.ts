/** Organizations: served from world.organization, only to the management account (like AWS). */
import { SandboxError } from "../server/sandbox-error";
import { paginate, readNumber, readString, requireString, type THandler, type TRequestContext } from "../server/request-context";
import type { TAwsObject, TWorldPolicy } from "../world/world.types";

const DEFAULT_MAX = 20;

function requireOrganization(ctx: TRequestContext, allowMembers = false): void {
  const org = ctx.state.loaded.world.organization;
  if (!ctx.account) {
    throw new SandboxError("AWSOrganizationsNotInUseException", "Your account is not a member of an organization.");
  }
  const delegated = (org.DelegatedAdministrators ?? []).some((admin) => admin.Id === ctx.accountId);
  if (!allowMembers && ctx.accountId !== org.MasterAccountId && !delegated) {
    throw new SandboxError("AccessDeniedException", "You don't have permissions to access this resource.");
  }
}

function page<T>(ctx: TRequestContext, items: readonly T[]): { items: T[]; next: string | undefined } {
  return paginate(ctx, items, {
    token: readString(ctx, "NextToken"),
    max: readNumber(ctx, "MaxResults"),
    defaultMax: DEFAULT_MAX,
    invalidTokenCode: "InvalidInputException",
  });
}

function requireParent(ctx: TRequestContext, id: string): void {
  const loaded = ctx.state.loaded;
  if (!loaded.rootsById.has(id) && !loaded.ousById.has(id)) {
    throw new SandboxError("ParentNotFoundException", "We can't find a root or OU with the ParentId that you specified.");
  }
}

function describeAccount(account: TAwsObject): TAwsObject {
  const { iam: _iam, s3: _s3, regions: _regions, ParentId: _parent, Tags: _tags, ...rest } = account;
  return rest;
}

function targetType(ctx: TRequestContext, id: string): string | undefined {
  const loaded = ctx.state.loaded;
  if (loaded.rootsById.has(id)) return "ROOT";
  if (loaded.ousById.has(id)) return "ORGANIZATIONAL_UNIT";
  if (loaded.accountsById.has(id)) return "ACCOUNT";
  return undefined;
}

function requirePolicy(ctx: TRequestContext): TWorldPolicy {
  const policy = ctx.state.loaded.policiesById.get(requireString(ctx, "PolicyId", "InvalidInputException"));
  if (!policy) throw new SandboxError("PolicyNotFoundException", "We can't find a policy with the PolicyId that you specified.");
  return policy;
}

export const ORGANIZATIONS_HANDLERS: Record<string, THandler> = {
  DescribeOrganization(ctx) {
    requireOrganization(ctx, true);
    const org = ctx.state.loaded.world.organization;
    const master = ctx.state.loaded.accountsById.get(org.MasterAccountId);
    const policyTypes = (org.Roots[0]?.PolicyTypes ?? []) as TAwsObject[];
    return {
      Organization: {
        Id: org.Id,
        Arn: org.Arn,
        FeatureSet: org.FeatureSet ?? "ALL",
        MasterAccountArn: org.MasterAccountArn ?? master?.Arn,
        MasterAccountId: org.MasterAccountId,
        MasterAccountEmail: org.MasterAccountEmail ?? master?.Email,
        AvailablePolicyTypes: policyTypes,
      },
    };
  },
  ListRoots(ctx) {
    requireOrganization(ctx);
    const result = page(ctx, ctx.state.loaded.world.organization.Roots);
    return { Roots: result.items, NextToken: result.next };
  },
  ListOrganizationalUnitsForParent(ctx) {
    requireOrganization(ctx);
    const parentId = requireString(ctx, "ParentId", "InvalidInputException");
    requireParent(ctx, parentId);
    const result = page(ctx, ctx.state.loaded.ousByParent.get(parentId) ?? []);
    return { OrganizationalUnits: result.items, NextToken: result.next };
  },
  ListAccounts(ctx) {
    requireOrganization(ctx);
    const result = page(ctx, ctx.state.loaded.world.accounts);
    return { Accounts: result.items.map(describeAccount), NextToken: result.next };
  },
  ListAccountsForParent(ctx) {
    requireOrganization(ctx);
    const parentId = requireString(ctx, "ParentId", "InvalidInputException");
    requireParent(ctx, parentId);
    const result = page(ctx, ctx.state.loaded.accountsByParent.get(parentId) ?? []);
    return { Accounts: result.items.map(describeAccount), NextToken: result.next };
  },
  ListParents(ctx) {
    requireOrganization(ctx);
    const childId = requireString(ctx, "ChildId", "InvalidInputException");
    const loaded = ctx.state.loaded;
    const parentId = loaded.accountsById.get(childId)?.ParentId ?? loaded.ousById.get(childId)?.ParentId;
    if (!parentId) throw new SandboxError("ChildNotFoundException", "We can't find an organizational unit (OU) or AWS account with the ChildId that you specified.");
    const result = page(ctx, [{ Id: parentId, Type: loaded.rootsById.has(parentId) ? "ROOT" : "ORGANIZATIONAL_UNIT" }]);
    return { Parents: result.items, NextToken: result.next };
  },
  ListPolicies(ctx) {
    requireOrganization(ctx);
    const filter = requireString(ctx, "Filter", "InvalidInputException");
    const policies = (ctx.state.loaded.world.organization.Policies ?? []).filter((p) => (p.PolicySummary.Type ?? "SERVICE_CONTROL_POLICY") === filter);
    const result = page(ctx, policies);
    return { Policies: result.items.map((p) => p.PolicySummary), NextToken: result.next };
  },
  DescribePolicy(ctx) {
    requireOrganization(ctx);
    const policy = requirePolicy(ctx);
    return { Policy: { PolicySummary: policy.PolicySummary, Content: policy.Content } };
  },
  ListTargetsForPolicy(ctx) {
    requireOrganization(ctx);
    const policy = requirePolicy(ctx);
    const loaded = ctx.state.loaded;
    const targets = policy.Targets.map((id) => {
      const node = loaded.rootsById.get(id) ?? loaded.ousById.get(id) ?? loaded.accountsById.get(id);
      return { TargetId: id, Arn: node?.Arn, Name: node?.Name, Type: targetType(ctx, id) };
    });
    const result = page(ctx, targets);
    return { Targets: result.items, NextToken: result.next };
  },
  ListPoliciesForTarget(ctx) {
    requireOrganization(ctx);
    const targetId = requireString(ctx, "TargetId", "InvalidInputException");
    const filter = requireString(ctx, "Filter", "InvalidInputException");
    if (!targetType(ctx, targetId)) throw new SandboxError("TargetNotFoundException", "We can't find a root, OU, account, or policy with the TargetId that you specified.");
    const policies = (ctx.state.loaded.policiesByTarget.get(targetId) ?? []).filter((p) => (p.PolicySummary.Type ?? "SERVICE_CONTROL_POLICY") === filter);
    const result = page(ctx, policies);
    return { Policies: result.items.map((p) => p.PolicySummary), NextToken: result.next };
  },
  ListTagsForResource(ctx) {
    requireOrganization(ctx);
    const resourceId = requireString(ctx, "ResourceId", "InvalidInputException");
    const loaded = ctx.state.loaded;
    const node = loaded.accountsById.get(resourceId) ?? loaded.ousById.get(resourceId) ?? loaded.rootsById.get(resourceId) ?? loaded.policiesById.get(resourceId)?.PolicySummary;
    if (!node) throw new SandboxError("TargetNotFoundException", "We can't find a root, OU, account, or policy with the TargetId that you specified.");
    const result = page(ctx, (node.Tags ?? []) as TAwsObject[]);
    return { Tags: result.items, NextToken: result.next };
  },
};
