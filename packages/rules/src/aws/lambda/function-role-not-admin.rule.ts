import { defineWorkloadRoleRule } from "../../lib/workload-role-rule";

export const lambdaFunctionRoleNotAdminRule = defineWorkloadRoleRule("lambda", "admin");
