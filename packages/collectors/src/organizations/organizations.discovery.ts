import {
  DescribeOrganizationCommand,
  DescribePolicyCommand,
  paginateListAccountsForParent,
  paginateListOrganizationalUnitsForParent,
  paginateListPolicies,
  paginateListRoots,
  paginateListTagsForResource,
  paginateListTargetsForPolicy,
  type Account,
  type PolicyType,
  type Tag,
} from "@aws-sdk/client-organizations";
import { classifyAwsError } from "../core/aws-errors";
import type { TClientFactory } from "../core/client-factory";
import {
  CollectorCallError,
  callListing,
  collectPages,
  createSubCallRecorder,
} from "../core/collector";
import { mapWithConcurrency } from "../core/concurrency";
import { GLOBAL_REGION, type TCollectionError, type TCollectionResult } from "../resource-model";
import {
  mapOrganizationAccount,
  mapOrganizationalUnit,
  mapOrganizationPolicy,
  type TDiscoveredAccount,
  type TDiscoveredOrganizationalUnit,
  type TDiscoveredPolicy,
  type TDiscoveredRoot,
} from "./organizations.mapper";

export interface TOrganizationDiscovery {
  organization: {
    Id: string;
    Arn: string | null;
    MasterAccountId: string;
    FeatureSet: string | null;
  };
  managementAccountId: string;
  roots: TDiscoveredRoot[];
  organizationalUnits: TDiscoveredOrganizationalUnit[];
  accounts: TDiscoveredAccount[];
  /** Service control policies and resource control policies (the types enabled on a root). */
  policies: TDiscoveredPolicy[];
  /** The organizations collection (AWS::Organizations::* resources, status, errors, API calls). */
  collection: TCollectionResult;
}

/** Discovery could not read the organization at all (e.g. AccessDenied on DescribeOrganization). */
export class OrganizationDiscoveryError extends Error {
  readonly operation: string;
  readonly code: string;
  constructor(operation: string, code: string, message: string, options?: { cause?: unknown }) {
    super(`Organization discovery failed: ${operation}: ${code}: ${message}`, options);
    this.name = "OrganizationDiscoveryError";
    this.operation = operation;
    this.code = code;
  }
}

const POLICY_TYPES: PolicyType[] = ["SERVICE_CONTROL_POLICY", "RESOURCE_CONTROL_POLICY"];

function toAccount(
  account: Account,
  parentId: string,
  managementAccountId: string,
): TDiscoveredAccount {
  const state = (account as { State?: string }).State;
  return {
    Id: account.Id as string,
    Arn: account.Arn ?? `arn:aws:organizations::${managementAccountId}:account/${account.Id}`,
    Name: account.Name ?? null,
    Email: account.Email ?? null,
    Status: account.Status ?? null,
    State: state ?? null,
    JoinedMethod: account.JoinedMethod ?? null,
    JoinedTimestamp: account.JoinedTimestamp
      ? new Date(account.JoinedTimestamp).toISOString()
      : null,
    ParentId: parentId,
    Tags: null,
    IsManagementAccount: account.Id === managementAccountId,
  };
}

/**
 * Reads the organization from its management account: the organization, roots, the OU tree,
 * every account with its parent, tags and status, and the SCPs/RCPs with content and targets.
 * Throws `OrganizationDiscoveryError` when a structural call fails; tag and policy detail
 * failures are recorded (the collection is then PARTIAL).
 *
 * Without `managementAccountId`, clients are requested for the account id "management":
 * `roleArnFor("management")` must then return the management role's ARN.
 */
export async function discoverOrganization(opts: {
  clients: TClientFactory;
  managementAccountId?: string;
  /**
   * Read each account's tags (one ListTagsForResource per account, default true). Without them
   * (a scan's planning pass) every account's `Tags` is null: "not read", never "no tags".
   */
  accountTags?: boolean;
  signal?: AbortSignal;
}): Promise<TOrganizationDiscovery> {
  const clientAccount = opts.managementAccountId ?? "management";
  const client = opts.clients.get("organizations", {
    accountId: clientAccount,
    region: GLOBAL_REGION,
  });
  const send = opts.signal ? { abortSignal: opts.signal } : {};
  const counter = { count: 0 };
  try {
    return await opts.clients.withCallCounter(counter, async () => {
      const described = await callListing("DescribeOrganization", () =>
        client.send(new DescribeOrganizationCommand({}), send),
      );
      const org = described.Organization;
      if (!org?.Id || !org.MasterAccountId) {
        throw new OrganizationDiscoveryError(
          "DescribeOrganization",
          "InvalidResponse",
          "no organization returned",
        );
      }
      const managementAccountId = opts.managementAccountId ?? org.MasterAccountId;
      const rootsRaw = await collectPages(
        "ListRoots",
        paginateListRoots({ client }, {}, send),
        (p) => p.Roots,
      );
      const roots: TDiscoveredRoot[] = rootsRaw
        .filter((r) => r.Id)
        .map((r) => ({
          Id: r.Id as string,
          Arn: r.Arn ?? "",
          Name: r.Name ?? null,
          PolicyTypes: (r.PolicyTypes ?? []).map((t) => ({
            ...(t.Type ? { Type: t.Type } : {}),
            ...(t.Status ? { Status: t.Status } : {}),
          })),
        }));

      // Walk the tree breadth-first: OUs and accounts of each parent.
      const organizationalUnits: TDiscoveredOrganizationalUnit[] = [];
      const accounts: TDiscoveredAccount[] = [];
      let level = roots.map((r) => r.Id);
      while (level.length > 0) {
        const children = await mapWithConcurrency(level, 4, async (parentId) => {
          const [ous, accs] = await Promise.all([
            collectPages(
              "ListOrganizationalUnitsForParent",
              paginateListOrganizationalUnitsForParent({ client }, { ParentId: parentId }, send),
              (p) => p.OrganizationalUnits,
            ),
            collectPages(
              "ListAccountsForParent",
              paginateListAccountsForParent({ client }, { ParentId: parentId }, send),
              (p) => p.Accounts,
            ),
          ]);
          for (const a of accs)
            if (a.Id) accounts.push(toAccount(a, parentId, managementAccountId));
          const discovered = ous
            .filter((ou) => ou.Id)
            .map((ou) => ({
              Id: ou.Id as string,
              Arn: ou.Arn ?? "",
              Name: ou.Name ?? null,
              ParentId: parentId,
            }));
          organizationalUnits.push(...discovered);
          return discovered.map((ou) => ou.Id);
        });
        level = children.flat();
      }
      accounts.sort((a, b) => a.Id.localeCompare(b.Id));
      organizationalUnits.sort((a, b) => a.Id.localeCompare(b.Id));

      const errors: TCollectionError[] = [];
      const accountErrors = new Map<string, Record<string, string>>();
      await mapWithConcurrency(opts.accountTags === false ? [] : accounts, 4, async (account) => {
        const calls = createSubCallRecorder(account.Arn, errors);
        const tags = await calls.call("ListTagsForResource", async () => {
          const out: Tag[] = [];
          for await (const page of paginateListTagsForResource(
            { client },
            { ResourceId: account.Id },
            send,
          )) {
            out.push(...(page.Tags ?? []));
          }
          return out;
        });
        account.Tags = tags ? tags.map((t) => ({ Key: t.Key ?? "", Value: t.Value ?? "" })) : null;
        accountErrors.set(account.Id, calls.errors);
      });

      const enabledTypes = POLICY_TYPES.filter((type) =>
        roots.some((root) =>
          root.PolicyTypes.some((t) => t.Type === type && t.Status === "ENABLED"),
        ),
      );
      const policyErrors = new Map<string, Record<string, string>>();
      const policies: TDiscoveredPolicy[] = [];
      for (const type of enabledTypes) {
        const summaries = await collectPages(
          "ListPolicies",
          paginateListPolicies({ client }, { Filter: type }, send),
          (p) => p.Policies,
        );
        const detailed = await mapWithConcurrency(
          summaries.filter((s) => s.Id),
          4,
          async (summary): Promise<TDiscoveredPolicy> => {
            const policyId = summary.Id as string;
            const calls = createSubCallRecorder(summary.Arn ?? policyId, errors);
            const [content, targets] = await Promise.all([
              calls.call("DescribePolicy", () =>
                client.send(new DescribePolicyCommand({ PolicyId: policyId }), send),
              ),
              calls.call("ListTargetsForPolicy", async () => {
                const out: string[] = [];
                for await (const page of paginateListTargetsForPolicy(
                  { client },
                  { PolicyId: policyId },
                  send,
                )) {
                  for (const target of page.Targets ?? [])
                    if (target.TargetId) out.push(target.TargetId);
                }
                return out;
              }),
            ]);
            policyErrors.set(summary.Arn ?? policyId, calls.errors);
            return {
              PolicySummary: {
                Id: policyId,
                Arn: summary.Arn ?? policyId,
                Name: summary.Name ?? null,
                ...(summary.Description !== undefined ? { Description: summary.Description } : {}),
                Type: summary.Type ?? type,
                AwsManaged: summary.AwsManaged ?? false,
              },
              Content: content?.Policy?.Content ?? null,
              Targets: (targets ?? []).sort(),
            };
          },
        );
        policies.push(...detailed);
      }

      const resources = [
        ...accounts.map((a) =>
          mapOrganizationAccount(managementAccountId, a, accountErrors.get(a.Id)),
        ),
        ...organizationalUnits.map((ou) => mapOrganizationalUnit(managementAccountId, ou)),
        ...policies.map((p) =>
          mapOrganizationPolicy(managementAccountId, p, policyErrors.get(p.PolicySummary.Arn)),
        ),
      ];
      return {
        organization: {
          Id: org.Id,
          Arn: org.Arn ?? null,
          MasterAccountId: org.MasterAccountId,
          FeatureSet: org.FeatureSet ?? null,
        },
        managementAccountId,
        roots,
        organizationalUnits,
        accounts,
        policies,
        collection: {
          accountId: managementAccountId,
          region: GLOBAL_REGION,
          service: "organizations" as const,
          status: errors.length > 0 ? ("PARTIAL" as const) : ("COMPLETE" as const),
          resources,
          errors,
          apiCalls: counter.count,
        },
      };
    });
  } catch (err) {
    if (err instanceof OrganizationDiscoveryError) throw err;
    if (err instanceof CollectorCallError) {
      const info = classifyAwsError(err.cause);
      throw new OrganizationDiscoveryError(err.operation, info.code, info.message, {
        cause: err.cause,
      });
    }
    throw err;
  }
}
