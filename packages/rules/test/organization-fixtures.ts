import type { TCollectedResource } from "@guardrail/collectors";
import { ACCOUNT, OTHER_ACCOUNT, makeResource } from "./fixtures";

export const MANAGEMENT = ACCOUNT;
export const MEMBER = OTHER_ACCOUNT;
export const ROOT = "r-ab12";
export const OU = "ou-ab12-workloads";
export const ORG = "o-exampleorg";

export function orgAccount(id: string, parentId: string, isManagement = false): TCollectedResource {
  const arn = `arn:aws:organizations::${MANAGEMENT}:account/${ORG}/${id}`;
  return makeResource(
    "AWS::Organizations::Account",
    { Id: id, Arn: arn, Name: id, Status: "ACTIVE", ParentId: parentId, IsManagementAccount: isManagement, Tags: [] },
    { resourceId: arn, accountId: MANAGEMENT, region: "global" },
  );
}

export function orgUnit(id: string, parentId: string): TCollectedResource {
  return makeResource(
    "AWS::Organizations::OrganizationalUnit",
    { Id: id, Name: id, ParentId: parentId },
    { resourceId: `arn:aws:organizations::${MANAGEMENT}:ou/${ORG}/${id}`, accountId: MANAGEMENT, region: "global" },
  );
}

export function orgPolicy(
  name: string,
  statements: Record<string, unknown>[],
  targets: string[],
  type = "SERVICE_CONTROL_POLICY",
): TCollectedResource {
  const arn = `arn:aws:organizations::${MANAGEMENT}:policy/${ORG}/service_control_policy/p-${name}`;
  return makeResource(
    "AWS::Organizations::Policy",
    {
      PolicySummary: { Id: `p-${name}`, Arn: arn, Name: name, Type: type, AwsManaged: false },
      Content: JSON.stringify({ Version: "2012-10-17", Statement: statements }),
      Targets: targets,
    },
    { resourceId: arn, accountId: MANAGEMENT, region: "global" },
  );
}

/** Management account under the root, one member account in an OU. */
export function organizationBase(): TCollectedResource[] {
  return [orgAccount(MANAGEMENT, ROOT, true), orgUnit(OU, ROOT), orgAccount(MEMBER, OU)];
}
