import { defineRule } from "../../rule";
import {
  evaluateOpenPorts,
  restrictedIngressCloudFormation,
  restrictedIngressTerraform,
  REVOKE_CLI,
} from "../../lib/open-port-rule";

/** Administration and database ports other than SSH/RDP (which have their own rules). */
export const ADMIN_AND_DATABASE_PORTS = [
  20, 21, 23, 135, 445, 1433, 1434, 1521, 2375, 2376, 3306, 5432, 5601, 5900, 5984, 6379, 7001,
  8888, 9042, 9200, 9300, 11211, 27017, 27018,
] as const;

export const ec2SecurityGroupNoPublicAdminDbPortsRule = defineRule({
  id: "aws.ec2.security-group.no-public-admin-db-ports",
  title: "Security groups do not expose administration or database ports to the internet",
  description: `Fails when an inbound rule opens one of the administration or database ports ${ADMIN_AND_DATABASE_PORTS.join(", ")} (FTP, Telnet, RPC, SMB, SQL Server, Oracle, Docker, MySQL, PostgreSQL, Kibana, VNC, CouchDB, Redis, WebLogic, Cassandra, Elasticsearch, Memcached, MongoDB) to 0.0.0.0/0 or ::/0.`,
  rationale:
    "Databases and management daemons exposed to the internet are found by mass scanners and exploited or ransomed; they belong behind private networking.",
  severity: "HIGH",
  service: "ec2",
  resourceTypes: ["AWS::EC2::SecurityGroup"],
  requires: [{ service: "ec2", resourceTypes: ["AWS::EC2::SecurityGroup"] }],
  frameworks: [
    { framework: "AWS-FSBP", controlId: "EC2.19" },
    { framework: "NIST-800-53-r5", controlId: "AC-4" },
    { framework: "NIST-800-53-r5", controlId: "AC-4(21)" },
    { framework: "NIST-800-53-r5", controlId: "CA-9(1)" },
    { framework: "NIST-800-53-r5", controlId: "CM-2" },
    { framework: "NIST-800-53-r5", controlId: "CM-2(2)" },
    { framework: "NIST-800-53-r5", controlId: "CM-7" },
    { framework: "NIST-800-53-r5", controlId: "SC-7" },
    { framework: "NIST-800-53-r5", controlId: "SC-7(11)" },
    { framework: "NIST-800-53-r5", controlId: "SC-7(16)" },
    { framework: "NIST-800-53-r5", controlId: "SC-7(21)" },
    { framework: "NIST-800-53-r5", controlId: "SC-7(4)" },
    { framework: "NIST-800-53-r5", controlId: "SC-7(5)" },
  ],
  remediation: {
    console: [
      "Open the VPC console → Security groups → select the group → Inbound rules → Edit inbound rules.",
      "Delete rules for the listed ports with source 0.0.0.0/0 or ::/0; allow only the application's security group or private CIDRs.",
    ],
    cli: REVOKE_CLI.replaceAll("<port>", "3306"),
    terraform: restrictedIngressTerraform(5432),
    cloudformation: restrictedIngressCloudFormation(5432),
  },
  references: [
    "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html",
    "https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-19",
  ],
  evaluate: (resource, ctx) =>
    evaluateOpenPorts(resource, ctx, ADMIN_AND_DATABASE_PORTS, "administration or database ports"),
});
