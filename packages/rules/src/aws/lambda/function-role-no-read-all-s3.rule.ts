import { defineWorkloadRoleRule } from "../../lib/workload-role-rule";

export const lambdaFunctionRoleNoReadAllS3Rule = defineWorkloadRoleRule("lambda", "read-all-s3");
