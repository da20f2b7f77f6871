import { defineWorkloadRoleRule } from "../../lib/workload-role-rule";

export const eksNodegroupRoleNoLateralMovementRule = defineWorkloadRoleRule("eks-nodegroup", "lateral-movement");
