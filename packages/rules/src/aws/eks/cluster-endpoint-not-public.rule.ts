import { defineRule } from "../../rule";
import { evaluateFields } from "../../lib/simple-rule";
import { asRecord, toStringList } from "../../lib/values";

export const eksClusterEndpointNotPublicRule = defineRule({
  id: "aws.eks.cluster.endpoint-not-public",
  title: "EKS cluster endpoints are not open to 0.0.0.0/0",
  description: "Fails when resourcesVpcConfig.endpointPublicAccess is true and publicAccessCidrs includes 0.0.0.0/0 (the default when no CIDRs are set).",
  rationale: "An internet-wide Kubernetes API endpoint is exposed to credential stuffing and to any API-server vulnerability.",
  severity: "HIGH",
  service: "eks",
  resourceTypes: ["AWS::EKS::Cluster"],
  requires: [{ service: "eks", resourceTypes: ["AWS::EKS::Cluster"] }],
  frameworks: [
    { framework: "AWS-FSBP", controlId: "EKS.1" },
  ],
  remediation: {
    console: ["Open the EKS console → the cluster → Networking → Manage endpoint access → Private (or Public and private with specific CIDR blocks) → Save."],
    cli: "aws eks update-cluster-config --name <cluster> --resources-vpc-config endpointPublicAccess=false,endpointPrivateAccess=true",
    terraform: 'resource "aws_eks_cluster" "this" {\n  # ...\n  vpc_config {\n    subnet_ids              = var.subnet_ids\n    endpoint_private_access = true\n    endpoint_public_access  = false\n  }\n}',
    cloudformation: "Cluster:\n  Type: AWS::EKS::Cluster\n  Properties:\n    RoleArn: !GetAtt ClusterRole.Arn\n    ResourcesVpcConfig:\n      SubnetIds: !Ref SubnetIds\n      EndpointPrivateAccess: true\n      EndpointPublicAccess: false",
  },
  references: [
    "https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/eks-controls.html#eks-1",
  ],
  evaluate(resource, ctx) {
    const vpc = asRecord(resource.configuration.resourcesVpcConfig) ?? {};
    const publicAccess = vpc.endpointPublicAccess === true;
    const cidrs = toStringList(vpc.publicAccessCidrs);
    const openToInternet = publicAccess && (cidrs.length === 0 || cidrs.includes("0.0.0.0/0"));
    return evaluateFields(resource, ctx, {
      evidence: { "resourcesVpcConfig.endpointPublicAccess": vpc.endpointPublicAccess ?? null, "resourcesVpcConfig.publicAccessCidrs": cidrs },
      ok: !openToInternet,
      passMessage: publicAccess ? "Public endpoint is restricted to specific CIDRs" : "Cluster endpoint is private",
      failMessage: "Cluster API endpoint is open to 0.0.0.0/0",
    });
  },
});
