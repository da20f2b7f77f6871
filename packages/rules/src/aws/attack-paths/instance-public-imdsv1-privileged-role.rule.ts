import { defineExposedWorkloadPathRule, WORKLOAD_ROLE_REMEDIATION } from "./exposed-workload-path";

export const attackPathInstancePublicImdsv1PrivilegedRoleRule = defineExposedWorkloadPathRule({
  id: "aws.attack-path.instance.public-imdsv1-privileged-role",
  title: "Internet-exposed EC2 instance with IMDSv1 runs as a privileged role",
  description:
    "Fails when an instance has a public IP and an inbound rule open to the internet, allows IMDSv1 (HttpTokens optional), and its instance profile's role is an administrator, can escalate to one, or can assume a role that is (access graph, @guardrail/iam).",
  service: "ec2",
  resourceType: "AWS::EC2::Instance",
  noun: "instance",
  requires: { property: "imdsV1", label: "IMDSv1" },
  remediation: {
    ...WORKLOAD_ROLE_REMEDIATION,
    cli: "aws ec2 modify-instance-metadata-options --instance-id <id> --http-tokens required --http-endpoint enabled\n" + WORKLOAD_ROLE_REMEDIATION.cli,
  },
});
