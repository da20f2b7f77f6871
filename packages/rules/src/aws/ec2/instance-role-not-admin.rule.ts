import { defineWorkloadRoleRule } from "../../lib/workload-role-rule";

export const ec2InstanceRoleNotAdminRule = defineWorkloadRoleRule("instance", "admin");
