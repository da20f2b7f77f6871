import { defineWorkloadRoleRule } from "../../lib/workload-role-rule";

export const ec2PublicInstanceRoleNoLateralMovementRule = defineWorkloadRoleRule("public-instance", "lateral-movement");
