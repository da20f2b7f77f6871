import { defineWorkloadRoleRule } from "../../lib/workload-role-rule";

export const ec2PublicInstanceRoleNotAdminRule = defineWorkloadRoleRule("public-instance", "admin");
