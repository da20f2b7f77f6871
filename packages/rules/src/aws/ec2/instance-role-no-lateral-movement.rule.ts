import { defineWorkloadRoleRule } from "../../lib/workload-role-rule";

export const ec2InstanceRoleNoLateralMovementRule = defineWorkloadRoleRule("instance", "lateral-movement");
