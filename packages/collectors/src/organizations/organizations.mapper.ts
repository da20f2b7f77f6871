import { GLOBAL_REGION, RESOURCE_TYPES, type TCollectedResource } from "../resource-model";

export interface TOrganizationTag {
  Key: string;
  Value: string;
}

/** Organizations `Account` + the parent, tags and whether it is the management account. */
export interface TDiscoveredAccount {
  Id: string;
  Arn: string;
  Name: string | null;
  Email: string | null;
  /** Organizations `Status` (ACTIVE, SUSPENDED, PENDING_CLOSURE); `State` where AWS returns it. */
  Status: string | null;
  State: string | null;
  JoinedMethod: string | null;
  JoinedTimestamp: string | null;
  ParentId: string;
  Tags: TOrganizationTag[] | null;
  IsManagementAccount: boolean;
}

export interface TDiscoveredOrganizationalUnit {
  Id: string;
  Arn: string;
  Name: string | null;
  ParentId: string;
}

export interface TDiscoveredRoot {
  Id: string;
  Arn: string;
  Name: string | null;
  PolicyTypes: Array<{ Type?: string; Status?: string }>;
}

export interface TDiscoveredPolicy {
  PolicySummary: {
    Id: string;
    Arn: string;
    Name: string | null;
    Description?: string | null;
    Type: string;
    AwsManaged: boolean;
  };
  /** The policy JSON, as a string. */
  Content: string | null;
  /** Root, OU and account ids the policy is attached to. */
  Targets: string[];
}

function withErrors(
  configuration: Record<string, unknown>,
  errors: Record<string, string> | undefined,
) {
  if (errors && Object.keys(errors).length > 0) configuration.CollectionErrors = { ...errors };
  return configuration;
}

export function mapOrganizationAccount(
  managementAccountId: string,
  account: TDiscoveredAccount,
  collectionErrors?: Record<string, string>,
): TCollectedResource {
  const tags: Record<string, string> = {};
  for (const tag of account.Tags ?? []) tags[tag.Key] = tag.Value;
  return {
    accountId: managementAccountId,
    region: GLOBAL_REGION,
    service: "organizations",
    resourceType: RESOURCE_TYPES.OrganizationsAccount,
    resourceId: account.Arn,
    name: account.Name,
    tags,
    configuration: withErrors({ ...account }, collectionErrors),
  };
}

export function mapOrganizationalUnit(
  managementAccountId: string,
  ou: TDiscoveredOrganizationalUnit,
): TCollectedResource {
  return {
    accountId: managementAccountId,
    region: GLOBAL_REGION,
    service: "organizations",
    resourceType: RESOURCE_TYPES.OrganizationsOrganizationalUnit,
    resourceId: ou.Arn,
    name: ou.Name,
    tags: {},
    configuration: { ...ou },
  };
}

export function mapOrganizationPolicy(
  managementAccountId: string,
  policy: TDiscoveredPolicy,
  collectionErrors?: Record<string, string>,
): TCollectedResource {
  return {
    accountId: managementAccountId,
    region: GLOBAL_REGION,
    service: "organizations",
    resourceType: RESOURCE_TYPES.OrganizationsPolicy,
    resourceId: policy.PolicySummary.Arn,
    name: policy.PolicySummary.Name,
    tags: {},
    configuration: withErrors(
      { ...policy, PolicySummary: { ...policy.PolicySummary } },
      collectionErrors,
    ),
  };
}

/** Ids from the root down to the given OU or account (root first), using the discovered parents. */
export function listAncestors(id: string, parents: ReadonlyMap<string, string>): string[] {
  const chain: string[] = [];
  let current = parents.get(id);
  const seen = new Set<string>();
  while (current && !seen.has(current)) {
    seen.add(current);
    chain.unshift(current);
    current = parents.get(current);
  }
  return chain;
}
