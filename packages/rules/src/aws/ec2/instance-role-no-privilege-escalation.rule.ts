import { defineWorkloadRoleRule } from "../../lib/workload-role-rule";

export const ec2InstanceRoleNoPrivilegeEscalationRule = defineWorkloadRoleRule("instance", "privilege-escalation");
