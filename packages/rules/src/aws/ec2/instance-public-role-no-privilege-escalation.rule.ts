import { defineWorkloadRoleRule } from "../../lib/workload-role-rule";

export const ec2PublicInstanceRoleNoPrivilegeEscalationRule = defineWorkloadRoleRule("public-instance", "privilege-escalation");
