import { defineWorkloadRoleRule } from "../../lib/workload-role-rule";

export const ecsServiceTaskRoleNoLateralMovementRule = defineWorkloadRoleRule("ecs-service", "lateral-movement");
