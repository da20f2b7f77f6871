import { defineWorkloadRoleRule } from "../../lib/workload-role-rule";

export const lambdaFunctionRoleNoLateralMovementRule = defineWorkloadRoleRule("lambda", "lateral-movement");
