import { defineWorkloadRoleRule } from "../../lib/workload-role-rule";

export const ec2PublicInstanceRoleNoReadAllS3Rule = defineWorkloadRoleRule("public-instance", "read-all-s3");
