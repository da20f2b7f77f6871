import { defineWorkloadRoleRule } from "../../lib/workload-role-rule";

export const ecsServiceTaskRoleNotAdminRule = defineWorkloadRoleRule("ecs-service", "admin");
