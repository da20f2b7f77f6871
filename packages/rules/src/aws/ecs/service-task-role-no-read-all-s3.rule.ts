import { defineWorkloadRoleRule } from "../../lib/workload-role-rule";

export const ecsServiceTaskRoleNoReadAllS3Rule = defineWorkloadRoleRule("ecs-service", "read-all-s3");
