import type { TCollectedResource } from "@guardrail/collectors";
import { asNumber, asRecords, asString } from "./values";

export const INTERNET_CIDRS = ["0.0.0.0/0", "::/0"];

export interface TOpenIngress {
  GroupId: string;
  IpProtocol: string;
  FromPort: number | null;
  ToPort: number | null;
  cidr: string;
}

/** Inbound rules of a security group whose source is the whole internet (0.0.0.0/0 or ::/0). */
export function listOpenIngress(sg: TCollectedResource): TOpenIngress[] {
  const groupId = asString(sg.configuration.GroupId) ?? sg.resourceId;
  const out: TOpenIngress[] = [];
  for (const perm of asRecords(sg.configuration.IpPermissions)) {
    const protocol = asString(perm.IpProtocol) ?? "-1";
    const base = {
      GroupId: groupId,
      IpProtocol: protocol,
      FromPort: asNumber(perm.FromPort),
      ToPort: asNumber(perm.ToPort),
    };
    for (const range of asRecords(perm.IpRanges)) {
      const cidr = asString(range.CidrIp);
      if (cidr === "0.0.0.0/0") out.push({ ...base, cidr });
    }
    for (const range of asRecords(perm.Ipv6Ranges)) {
      const cidr = asString(range.CidrIpv6);
      if (cidr === "::/0") out.push({ ...base, cidr });
    }
  }
  return out;
}

/** All traffic: protocol -1, or TCP/UDP over the whole port range. */
export function isAllPorts(rule: TOpenIngress): boolean {
  if (rule.IpProtocol === "-1" || rule.IpProtocol === "all") return true;
  return (rule.FromPort ?? 0) <= 0 && (rule.ToPort ?? 65535) >= 65535;
}

export function coversTcpPort(rule: TOpenIngress, port: number): boolean {
  if (rule.IpProtocol === "-1" || rule.IpProtocol === "all") return true;
  if (!["tcp", "6", "udp", "17"].includes(rule.IpProtocol)) return false;
  const from = rule.FromPort ?? 0;
  const to = rule.ToPort ?? 65535;
  return from <= port && port <= to;
}

/** Open rules that expose any of `ports`, one evidence entry per (rule, port). */
export function findOpenPorts(
  sg: TCollectedResource,
  ports: readonly number[],
): { GroupId: string; port: number; cidr: string; IpProtocol: string }[] {
  const out: { GroupId: string; port: number; cidr: string; IpProtocol: string }[] = [];
  for (const rule of listOpenIngress(sg)) {
    for (const port of ports) {
      if (coversTcpPort(rule, port)) {
        out.push({ GroupId: rule.GroupId, port, cidr: rule.cidr, IpProtocol: rule.IpProtocol });
      }
    }
  }
  return out;
}
