import { defineWorkloadRoleRule } from "../../lib/workload-role-rule";

export const ec2InstanceRoleNoReadAllS3Rule = defineWorkloadRoleRule("instance", "read-all-s3");
