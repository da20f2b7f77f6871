import { defineRule } from "../../rule";
import { evaluateFields } from "../../lib/simple-rule";
import { asRecord, asRecords, toStringList } from "../../lib/values";

export const eksClusterAuditLoggingRule = defineRule({
  id: "aws.eks.cluster.audit-logging",
  title: "EKS control plane audit logging is enabled",
  description: "Fails when logging.clusterLogging has no enabled entry whose types include 'audit'.",
  rationale: "Kubernetes audit logs record who did what through the API server: essential to investigate cluster compromise.",
  severity: "MEDIUM",
  service: "eks",
  resourceTypes: ["AWS::EKS::Cluster"],
  requires: [{ service: "eks", resourceTypes: ["AWS::EKS::Cluster"] }],
  frameworks: [
    { framework: "AWS-FSBP", controlId: "EKS.8" },
  ],
  remediation: {
    console: ["Open the EKS console → the cluster → Observability → Control plane logging → Manage logging → enable Audit (and Authenticator) → Save."],
    cli: "aws eks update-cluster-config --name <cluster> --logging '{\"clusterLogging\":[{\"types\":[\"audit\",\"authenticator\"],\"enabled\":true}]}'",
    terraform: 'resource "aws_eks_cluster" "this" {\n  # ...\n  enabled_cluster_log_types = ["audit", "authenticator"]\n}',
    cloudformation: "Cluster:\n  Type: AWS::EKS::Cluster\n  Properties:\n    Logging:\n      ClusterLogging:\n        EnabledTypes:\n          - Type: audit\n          - Type: authenticator",
  },
  references: [
    "https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/eks-controls.html#eks-8",
  ],
  evaluate(resource, ctx) {
    const entries = asRecords(asRecord(resource.configuration.logging)?.clusterLogging);
    const enabledTypes = entries.filter((e) => e.enabled === true).flatMap((e) => toStringList(e.types));
    return evaluateFields(resource, ctx, {
      evidence: { "logging.clusterLogging[enabled].types": enabledTypes },
      ok: enabledTypes.includes("audit"),
      passMessage: "Audit logging is enabled",
      failMessage: "Audit logging is disabled",
    });
  },
});
