import { analyzeResourcePolicyExposure } from "../resource-exposure.analyzer";
import type { TGraphResource } from "./access-graph.types";
import { addEdge, internetNode, type TBuildState } from "./build-state";
import { asRecord, asRecords, asString } from "./graph-inventory";

// exposed-to-internet: what the internet reaches directly. An instance with a public IP behind a
// security group open to 0.0.0.0/0 or ::/0, a function whose policy allows anyone, a node group
// whose cluster endpoint is public, a data store with a public resource policy (or RDS
// PubliclyAccessible). The decisions here are read from the configuration, not from IAM.

export interface TOpenIngress {
  groupId: string;
  protocol: string;
  fromPort: number | null;
  toPort: number | null;
  cidr: string;
}

/**
 * The rules of an instance's security groups that are open to the whole internet. `byGroup`
 * memoises each group's open rules for one build (many instances share a group); the list
 * returned may be shared by those instances: read-only.
 */
export function readOpenIngress(
  state: TBuildState,
  instance: TGraphResource,
  byGroup: Map<TGraphResource, readonly TOpenIngress[]> = new Map(),
): readonly TOpenIngress[] {
  let open: readonly TOpenIngress[] = NO_OPEN_INGRESS;
  for (const ref of asRecords(instance.configuration.SecurityGroups)) {
    const sg = state.securityGroups.get(`${instance.accountId}|${instance.region}|${asString(ref.GroupId) ?? ""}`);
    if (!sg) continue;
    let rules = byGroup.get(sg);
    if (!rules) byGroup.set(sg, (rules = readGroupOpenIngress(sg)));
    if (rules.length > 0) open = open.length === 0 ? rules : [...open, ...rules];
  }
  return open;
}

const NO_OPEN_INGRESS: readonly TOpenIngress[] = Object.freeze([]);

function readGroupOpenIngress(sg: TGraphResource): readonly TOpenIngress[] {
  const open: TOpenIngress[] = [];
  for (const perm of asRecords(sg.configuration.IpPermissions)) {
    const base = { groupId: asString(sg.configuration.GroupId) ?? sg.resourceId, protocol: asString(perm.IpProtocol) ?? "-1", fromPort: typeof perm.FromPort === "number" ? perm.FromPort : null, toPort: typeof perm.ToPort === "number" ? perm.ToPort : null };
    for (const range of asRecords(perm.IpRanges)) if (range.CidrIp === "0.0.0.0/0") open.push({ ...base, cidr: "0.0.0.0/0" });
    for (const range of asRecords(perm.Ipv6Ranges)) if (range.CidrIpv6 === "::/0") open.push({ ...base, cidr: "::/0" });
  }
  return open.length === 0 ? NO_OPEN_INGRESS : open;
}

export function addInstanceExposure(state: TBuildState, instanceId: string, publicIp: string | null, openIngress: readonly TOpenIngress[]): void {
  if (!publicIp || openIngress.length === 0) return;
  addEdge(state, internetNode(state), instanceId, "exposed-to-internet", "ALLOWED", {
    reasons: [`public IP ${publicIp}`, ...openIngress.slice(0, 4).map((o) => `${o.groupId} allows ${o.protocol === "-1" ? "all traffic" : `${o.protocol} ${o.fromPort ?? 0}-${o.toPort ?? 65535}`} from ${o.cidr}`)],
  });
}

/** A resource policy's exposure (anyone, other accounts), with the organization in mind. */
export function analyzePolicyExposure(state: TBuildState, policy: string | null, accountId: string) {
  if (!policy) return null;
  return analyzeResourcePolicyExposure(policy, { accountId, ...(state.org.organizationId ? { organizationId: state.org.organizationId } : {}) });
}

export function addFunctionExposure(state: TBuildState, functionArn: string, exposure: ReturnType<typeof analyzePolicyExposure>): boolean {
  if (exposure?.isPublic !== true) return false;
  addEdge(state, internetNode(state), functionArn, "exposed-to-internet", "ALLOWED", {
    action: "lambda:InvokeFunction",
    reasons: ["function policy allows any principal (\"*\") without a restricting condition", ...exposure.publicStatements.map((s) => `statement ${s.sid ?? ""} allows ${s.actions.join(", ")}`)],
  });
  return true;
}

/** An EKS cluster's API endpoint open to the internet (public, and 0.0.0.0/0 or no CIDR list). */
export function readClusterEndpoint(cluster: TGraphResource | undefined): { publicEndpoint: boolean; cidrs: string[] } {
  const vpc = asRecord(cluster?.configuration.resourcesVpcConfig);
  const cidrs = Array.isArray(vpc?.publicAccessCidrs) ? (vpc.publicAccessCidrs as unknown[]).filter((c): c is string => typeof c === "string") : [];
  return { publicEndpoint: vpc?.endpointPublicAccess === true && (cidrs.length === 0 || cidrs.includes("0.0.0.0/0")), cidrs };
}

export function addNodegroupExposure(state: TBuildState, nodegroupArn: string, clusterName: string | null, endpoint: { publicEndpoint: boolean; cidrs: string[] }): void {
  if (!endpoint.publicEndpoint) return;
  addEdge(state, internetNode(state), nodegroupArn, "exposed-to-internet", "ALLOWED", {
    reasons: [`cluster ${clusterName ?? ""} has a public API endpoint open to ${endpoint.cidrs.length === 0 ? "0.0.0.0/0 (default)" : endpoint.cidrs.join(", ")}`],
  });
}

/** Is a data store public: its policy (S3 also PolicyStatus, unless Block Public Access restricts), or RDS PubliclyAccessible. */
export function isDataStorePublic(state: TBuildState, r: TGraphResource, exposure: ReturnType<typeof analyzePolicyExposure>): boolean {
  let isPublic = exposure?.isPublic === true;
  if (r.resourceType === "AWS::S3::Bucket") {
    const blocked = asRecord(r.configuration.PublicAccessBlockConfiguration)?.RestrictPublicBuckets === true || state.accountPab.get(r.accountId)?.RestrictPublicBuckets === true;
    isPublic = (isPublic || asRecord(r.configuration.PolicyStatus)?.IsPublic === true) && !blocked;
  }
  if (r.resourceType === "AWS::RDS::DBInstance") isPublic = r.configuration.PubliclyAccessible === true;
  return isPublic;
}

export function addDataStoreExposure(state: TBuildState, r: TGraphResource): void {
  addEdge(state, internetNode(state), r.resourceId, "exposed-to-internet", "ALLOWED", {
    reasons: [r.resourceType === "AWS::RDS::DBInstance" ? "PubliclyAccessible = true" : "resource policy allows any principal (\"*\") without a restricting condition"],
  });
}
