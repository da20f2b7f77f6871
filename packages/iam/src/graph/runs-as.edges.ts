import type { TBuildState } from "./build-state";
import { addEdge, addNode, lastSegment, pushTo } from "./build-state";
import type { TGraphResource } from "./access-graph.types";
import { addFunctionExposure, addInstanceExposure, addNodegroupExposure, analyzePolicyExposure, readClusterEndpoint, readOpenIngress, type TOpenIngress } from "./exposure";
import { asRecord, asString } from "./graph-inventory";

// Workloads and runs-as: EC2 instances (instance profile role), Lambda functions (execution
// role), EKS node groups (node role), each with its exposure to the internet.

export function addWorkloads(state: TBuildState): void {
  const openIngressByGroup = new Map<TGraphResource, readonly TOpenIngress[]>();
  for (const r of state.byType.get("AWS::EC2::Instance") ?? []) {
    // a workload listed twice keeps its first node: its runs-as edge is then unique (no key)
    if (state.nodes.has(r.resourceId)) continue;
    const cfg = r.configuration;
    const instanceState = asString(asRecord(cfg.State)?.Name);
    if (instanceState === "terminated" || instanceState === "shutting-down") continue;
    const metadata = asRecord(cfg.MetadataOptions);
    const imdsV1 = asString(metadata?.HttpEndpoint) !== "disabled" && asString(metadata?.HttpTokens) !== "required";
    const publicIp = asString(cfg.PublicIpAddress) ?? asString(cfg.Ipv6Address);
    const openIngress = readOpenIngress(state, r, openIngressByGroup);
    const profileArn = asString(asRecord(cfg.IamInstanceProfile)?.Arn);
    const role = state.instanceProfiles.get(profileArn ?? "");
    const roleArn = role ? asString(role.configuration.Arn) ?? role.resourceId : null;
    addNode(state, {
      id: r.resourceId,
      kind: "ec2-instance",
      accountId: r.accountId,
      region: r.region,
      name: r.name ?? asString(cfg.InstanceId) ?? lastSegment(r.resourceId),
      properties: { instanceId: asString(cfg.InstanceId), state: instanceState, publicIp, imdsV1, httpTokens: asString(metadata?.HttpTokens), openIngress, roleArn, instanceProfileArn: profileArn },
    });
    pushTo(state.instancesByAccount, r.accountId, r.resourceId);
    addInstanceExposure(state, r.resourceId, publicIp, openIngress);
    if (roleArn) {
      addEdge(state, r.resourceId, roleArn, "runs-as", "ALLOWED", { reasons: [`instance profile ${profileArn ?? ""}`, imdsV1 ? "IMDSv1 enabled: the role's credentials are one SSRF away" : "IMDSv2 required"] }, true);
    }
  }
  for (const r of state.byType.get("AWS::Lambda::Function") ?? []) {
    if (state.nodes.has(r.resourceId)) continue;
    const cfg = r.configuration;
    const roleArn = asString(cfg.Role);
    const exposure = analyzePolicyExposure(state, asString(cfg.Policy), r.accountId);
    addNode(state, { id: r.resourceId, kind: "lambda-function", accountId: r.accountId, region: r.region, name: asString(cfg.FunctionName) ?? r.name ?? lastSegment(r.resourceId), properties: { roleArn, public: exposure?.isPublic === true, runtime: asString(cfg.Runtime) } });
    addFunctionExposure(state, r.resourceId, exposure);
    if (roleArn && state.principals.has(roleArn)) addEdge(state, r.resourceId, roleArn, "runs-as", "ALLOWED", { reasons: ["execution role"] }, true);
  }
  for (const r of state.byType.get("AWS::EKS::Nodegroup") ?? []) {
    const cfg = r.configuration;
    const roleArn = asString(cfg.nodeRole);
    const clusterName = asString(cfg.clusterName);
    const cluster = state.clusters.get(`${r.accountId}|${r.region}|${clusterName ?? ""}`);
    const endpoint = readClusterEndpoint(cluster);
    addNode(state, { id: r.resourceId, kind: "eks-nodegroup", accountId: r.accountId, region: r.region, name: asString(cfg.nodegroupName) ?? r.name ?? lastSegment(r.resourceId), properties: { roleArn, clusterName, clusterArn: cluster?.resourceId ?? null, publicEndpoint: endpoint.publicEndpoint } });
    addNodegroupExposure(state, r.resourceId, clusterName, endpoint);
    if (roleArn && state.principals.has(roleArn)) addEdge(state, r.resourceId, roleArn, "runs-as", "ALLOWED", { reasons: ["node role"] });
  }
}
