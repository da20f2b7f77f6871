import { defineWorkloadRoleRule } from "../../lib/workload-role-rule";

export const eksNodegroupRoleNoPrivilegeEscalationRule = defineWorkloadRoleRule("eks-nodegroup", "privilege-escalation");
