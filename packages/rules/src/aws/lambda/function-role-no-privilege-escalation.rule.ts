import { defineWorkloadRoleRule } from "../../lib/workload-role-rule";

export const lambdaFunctionRoleNoPrivilegeEscalationRule = defineWorkloadRoleRule("lambda", "privilege-escalation");
