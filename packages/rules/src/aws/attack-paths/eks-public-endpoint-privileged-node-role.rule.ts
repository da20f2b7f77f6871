import { defineExposedWorkloadPathRule, WORKLOAD_ROLE_REMEDIATION } from "./exposed-workload-path";

export const attackPathEksPublicEndpointPrivilegedNodeRoleRule = defineExposedWorkloadPathRule({
  id: "aws.attack-path.eks.public-endpoint-privileged-node-role",
  title: "EKS node group behind a public API endpoint runs as a privileged node role",
  description:
    "Fails when the cluster's API endpoint is public and open to 0.0.0.0/0 and the node group's node role is an administrator, can escalate to one, or can assume a role that is: any pod that reaches the node's instance metadata gets those credentials.",
  service: "eks",
  resourceType: "AWS::EKS::Nodegroup",
  noun: "node group",
  remediation: {
    ...WORKLOAD_ROLE_REMEDIATION,
    cli: "aws eks update-cluster-config --name <cluster> --resources-vpc-config endpointPublicAccess=false,endpointPrivateAccess=true\n" + WORKLOAD_ROLE_REMEDIATION.cli,
  },
});
