/**
 * The inputs core persists, structurally identical to `@guardrail/collectors`' contract
 * (docs/resource-model.md): core never calls AWS and does not depend on the collectors.
 */
export interface TInventoryResource {
  accountId: string;
  region: string;
  service: string;
  resourceType: string;
  resourceId: string;
  name: string | null;
  tags: Record<string, string>;
  configuration: Record<string, unknown>;
}

export type TInventoryCollectionStatus = "COMPLETE" | "PARTIAL" | "FAILED";

/** One (account, region, service) collection: a `TCollectionResult`. */
export interface TInventoryCollection {
  accountId: string;
  /** "global" for global services (their resources may carry another region, e.g. S3 buckets). */
  region: string;
  service: string;
  status: TInventoryCollectionStatus;
  resources: readonly TInventoryResource[];
  errors: readonly { operation: string; code: string; message: string }[];
  apiCalls: number;
}

/** A `TOrganizationDiscovery` without its collection. */
export interface TOrganizationSnapshot {
  organization: { Id: string; MasterAccountId: string };
  managementAccountId: string;
  roots: readonly { Id: string; Arn: string; Name: string | null }[];
  organizationalUnits: readonly {
    Id: string;
    Arn: string;
    Name: string | null;
    ParentId: string;
  }[];
  accounts: readonly {
    Id: string;
    Arn: string;
    Name: string | null;
    Email: string | null;
    Status: string | null;
    State?: string | null;
    JoinedMethod: string | null;
    JoinedTimestamp: string | null;
    ParentId: string;
    Tags: readonly { Key: string; Value: string }[] | null;
    IsManagementAccount: boolean;
  }[];
  policies: readonly {
    PolicySummary: {
      Id: string;
      Arn: string;
      Name: string | null;
      Description?: string | null;
      Type: string;
      AwsManaged: boolean;
    };
    Content: string | null;
    Targets: readonly string[];
  }[];
}
