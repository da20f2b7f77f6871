import { defineRule } from "../../rule";
import { evaluateFields } from "../../lib/simple-rule";
import { asRecords, toStringList } from "../../lib/values";

export const eksClusterSecretsEncryptedRule = defineRule({
  id: "aws.eks.cluster.secrets-encrypted",
  title: "EKS clusters encrypt Kubernetes secrets with KMS",
  description: "Fails when no encryptionConfig entry lists 'secrets' among its resources.",
  rationale: "Envelope encryption of secrets with a KMS key protects them in etcd and its backups beyond EBS-level encryption.",
  severity: "MEDIUM",
  service: "eks",
  resourceTypes: ["AWS::EKS::Cluster"],
  requires: [{ service: "eks", resourceTypes: ["AWS::EKS::Cluster"] }],
  frameworks: [
    { framework: "AWS-FSBP", controlId: "EKS.3" },
  ],
  remediation: {
    console: ["Open the EKS console → the cluster → Overview → Secrets encryption → Enable, choose a KMS key (cannot be disabled later)."],
    cli: "aws eks associate-encryption-config --cluster-name <cluster> --encryption-config '[{\"resources\":[\"secrets\"],\"provider\":{\"keyArn\":\"<kms-key-arn>\"}}]'",
    terraform: 'resource "aws_eks_cluster" "this" {\n  # ...\n  encryption_config {\n    resources = ["secrets"]\n    provider {\n      key_arn = aws_kms_key.eks.arn\n    }\n  }\n}',
    cloudformation: "Cluster:\n  Type: AWS::EKS::Cluster\n  Properties:\n    EncryptionConfig:\n      - Resources: [secrets]\n        Provider:\n          KeyArn: !GetAtt EksKey.Arn",
  },
  references: [
    "https://docs.aws.amazon.com/eks/latest/userguide/enable-kms.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/eks-controls.html#eks-3",
  ],
  evaluate(resource, ctx) {
    const configs = asRecords(resource.configuration.encryptionConfig);
    const resources = configs.flatMap((c) => toStringList(c.resources));
    return evaluateFields(resource, ctx, {
      evidence: { "encryptionConfig[].resources": resources },
      ok: resources.includes("secrets"),
      passMessage: "Secrets are envelope-encrypted with KMS",
      failMessage: "Secrets are not encrypted with a KMS key",
    });
  },
});
