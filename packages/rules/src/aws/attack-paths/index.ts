// The attack-path rules (toxic combinations on the access graph of @guardrail/iam).
import { attackPathEksPublicEndpointPrivilegedNodeRoleRule } from "./eks-public-endpoint-privileged-node-role.rule";
import { attackPathInstancePublicImdsv1PrivilegedRoleRule } from "./instance-public-imdsv1-privileged-role.rule";
import { attackPathLambdaPublicPrivilegedRoleRule } from "./lambda-public-privileged-role.rule";
import { attackPathPrincipalCanModifyAdminTrustRule } from "./principal-can-modify-admin-trust.rule";
import { attackPathPrincipalEscalationToAdminRule } from "./principal-escalation-to-admin.rule";
import { attackPathPrincipalUnintendedAdminRule } from "./principal-unintended-admin.rule";
import { attackPathRoleExternalPrivilegedRule } from "./role-external-privileged.rule";
import type { TRuleDefinition } from "../../rule";

export const ATTACK_PATH_RULES: readonly TRuleDefinition[] = [
  attackPathInstancePublicImdsv1PrivilegedRoleRule,
  attackPathLambdaPublicPrivilegedRoleRule,
  attackPathEksPublicEndpointPrivilegedNodeRoleRule,
  attackPathRoleExternalPrivilegedRule,
  attackPathPrincipalCanModifyAdminTrustRule,
  attackPathPrincipalEscalationToAdminRule,
  attackPathPrincipalUnintendedAdminRule,
];
