import type { TResourceType, TServiceKey } from "@guardrail/collectors";
import { INTERNET_NODE_ID } from "@guardrail/iam";
import { defineRule, fail, pass, type TRuleDefinition, type TRuleRemediation } from "../../rule";
import { ATTACK_PATH_REFERENCES, NO_FRAMEWORK_NOTE, describePath, findPrivilegedPath, isVerdict, pathDecision, resolveNode } from "./attack-path-graph";

// Toxic combination: a workload reachable from the internet that runs as a role which is (or can
// become, or can assume) an administrator. The finding carries the full path.

export interface TExposedWorkloadSpec {
  id: string;
  title: string;
  description: string;
  service: TServiceKey;
  resourceType: TResourceType;
  noun: string;
  /** extra condition on the workload node (IMDSv1 for instances) */
  requires?: { property: string; label: string };
  remediation: TRuleRemediation;
}

export function defineExposedWorkloadPathRule(spec: TExposedWorkloadSpec): TRuleDefinition {
  return defineRule({
    id: spec.id,
    title: spec.title,
    description: spec.description + NO_FRAMEWORK_NOTE,
    rationale:
      "Each weakness alone is common; together they are one step from an account takeover: whoever reaches the workload from the internet gets its role's credentials, and the role is (or leads to) an administrator.",
    severity: "CRITICAL",
    service: spec.service,
    resourceTypes: [spec.resourceType],
    requires: [{ service: spec.service, resourceTypes: [spec.resourceType] }, { service: "iam", resourceTypes: ["AWS::IAM::Role", "AWS::IAM::Policy"] }, { service: "organizations" }],
    frameworks: [],
    remediation: spec.remediation,
    references: ATTACK_PATH_REFERENCES,
    evaluate(resource, ctx) {
      const resolved = resolveNode(resource, ctx);
      if (isVerdict(resolved)) return resolved;
      const { node, g } = resolved;
      const exposure = g.index.incoming(node.id).find((e) => e.kind === "exposed-to-internet" && e.source === INTERNET_NODE_ID);
      if (!exposure) return pass(`The ${spec.noun} is not reachable from the internet`, { exposedToInternet: false });
      if (spec.requires && node.properties[spec.requires.property] !== true) {
        return pass(`The ${spec.noun} is exposed but ${spec.requires.label} is not the case`, { exposedToInternet: true, [spec.requires.property]: false });
      }
      const runsAs = g.index.outgoing(node.id).find((e) => e.kind === "runs-as");
      if (!runsAs) return pass(`The ${spec.noun} runs without an IAM role`, { exposedToInternet: true, role: null });
      const privileged = findPrivilegedPath(g.index, runsAs.target);
      if (!privileged) {
        return pass(`The ${spec.noun}'s role is neither an administrator nor able to become one`, { exposedToInternet: true, role: runsAs.target });
      }
      const path = [exposure, runsAs, ...privileged.path];
      return fail(`Internet → ${node.name} → ${g.index.node(runsAs.target)?.name ?? runsAs.target}${privileged.path.length > 0 ? ` → … → ${privileged.principal.name}` : ""}: ${privileged.classification.kind === "administrator" ? "administrator" : "can escalate to administrator"}`, {
        pathDecision: pathDecision(path),
        path: describePath(g.index, path),
        role: runsAs.target,
        privilegedPrincipal: privileged.principal.id,
        privilege: privileged.classification.kind,
        methodIds: privileged.classification.methodIds ?? [],
        reasons: privileged.classification.reasons.slice(0, 5),
        ...(spec.requires ? { [spec.requires.property]: true } : {}),
      });
    },
  });
}

export const WORKLOAD_ROLE_REMEDIATION: TRuleRemediation = {
  console: [
    "Break the path at the cheapest link: take the workload off the internet (security group, public IP, function URL/policy, cluster endpoint), or",
    "replace the workload role's broad policies (AdministratorAccess, iam:*, iam:PassRole on *) with least-privilege policies scoped to what the workload uses.",
  ],
  cli: "aws iam detach-role-policy --role-name <role> --policy-arn arn:aws:iam::aws:policy/AdministratorAccess",
  terraform: 'resource "aws_iam_role_policy" "app" {\n  role   = aws_iam_role.app.id\n  policy = data.aws_iam_policy_document.least_privilege.json\n}',
  cloudformation: "AppRole:\n  Type: AWS::IAM::Role\n  Properties:\n    Policies:\n      - PolicyName: least-privilege\n        PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: Allow, Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::app-data/*' }] }",
};
