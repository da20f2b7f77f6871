import { defineWorkloadRoleRule } from "../../lib/workload-role-rule";

export const eksNodegroupRoleNotAdminRule = defineWorkloadRoleRule("eks-nodegroup", "admin");
