import type { TCollectedResource } from "@guardrail/collectors";
import type { TRuleContext } from "../context";
import { fail, pass, type TRuleVerdict } from "../rule";
import { checkDataAvailable } from "./guard";
import { findOpenPorts, isAllPorts, listOpenIngress } from "./security-groups";

/** Shared evaluation of "security group open to the internet on <ports>" rules. */
export function evaluateOpenPorts(
  resource: TCollectedResource,
  ctx: TRuleContext,
  ports: readonly number[] | "all",
  label: string,
): TRuleVerdict {
  const missing = checkDataAvailable(resource, ctx);
  if (missing) return missing;
  const openIngress =
    ports === "all"
      ? listOpenIngress(resource)
          .filter(isAllPorts)
          .map((r) => ({ GroupId: r.GroupId, IpProtocol: r.IpProtocol, FromPort: r.FromPort, ToPort: r.ToPort, cidr: r.cidr }))
      : findOpenPorts(resource, ports);
  const evidence = { GroupId: resource.configuration.GroupId ?? null, openIngress };
  return openIngress.length > 0
    ? fail(`Security group allows ${label} from the internet`, evidence)
    : pass(`Security group does not allow ${label} from the internet`, evidence);
}

export const REVOKE_CLI =
  "aws ec2 revoke-security-group-ingress --group-id <sg-id> --ip-permissions 'IpProtocol=tcp,FromPort=<port>,ToPort=<port>,IpRanges=[{CidrIp=0.0.0.0/0}]'\naws ec2 revoke-security-group-ingress --group-id <sg-id> --ip-permissions 'IpProtocol=tcp,FromPort=<port>,ToPort=<port>,Ipv6Ranges=[{CidrIpv6=::/0}]'";

export function restrictedIngressTerraform(port: number): string {
  return `resource "aws_vpc_security_group_ingress_rule" "admin" {\n  security_group_id = aws_security_group.this.id\n  ip_protocol       = "tcp"\n  from_port         = ${port}\n  to_port           = ${port}\n  cidr_ipv4         = "10.0.0.0/8" # a known network, never 0.0.0.0/0\n}`;
}

export function restrictedIngressCloudFormation(port: number): string {
  return `SecurityGroupIngress:\n  Type: AWS::EC2::SecurityGroupIngress\n  Properties:\n    GroupId: !Ref SecurityGroup\n    IpProtocol: tcp\n    FromPort: ${port}\n    ToPort: ${port}\n    CidrIp: 10.0.0.0/8 # a known network, never 0.0.0.0/0`;
}
