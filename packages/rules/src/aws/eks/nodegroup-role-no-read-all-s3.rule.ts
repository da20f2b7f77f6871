import { defineWorkloadRoleRule } from "../../lib/workload-role-rule";

export const eksNodegroupRoleNoReadAllS3Rule = defineWorkloadRoleRule("eks-nodegroup", "read-all-s3");
