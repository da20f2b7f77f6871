import { defineWorkloadRoleRule } from "../../lib/workload-role-rule";

export const ecsServiceTaskRoleNoPrivilegeEscalationRule = defineWorkloadRoleRule("ecs-service", "privilege-escalation");
