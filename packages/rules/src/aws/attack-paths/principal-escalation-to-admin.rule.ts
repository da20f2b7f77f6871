import { defineRule, fail, notApplicable, pass } from "../../rule";
import { ATTACK_PATH_REFERENCES, NO_FRAMEWORK_NOTE, describePath, hasClass, isVerdict, resolveNode } from "./attack-path-graph";

export const attackPathPrincipalEscalationToAdminRule = defineRule({
  id: "aws.attack-path.principal.escalation-to-admin",
  title: "Principal can escalate to administrator",
  description:
    "Fails when a user or role that is not an administrator holds the permissions of a privilege-escalation method (ids of pathfinding.cloud, see packages/iam/ESCALATION.md): policy versions, inline or attached policies, login profiles and access keys, trust-policy edits, group membership, iam:PassRole to new compute… Decided with its policies, boundary and the SCPs of its account." + NO_FRAMEWORK_NOTE,
  rationale: "Least privilege is only real if a principal cannot grant itself more: any escalation method makes it an administrator in waiting.",
  severity: "HIGH",
  service: "iam",
  resourceTypes: ["AWS::IAM::Role", "AWS::IAM::User"],
  requires: [{ service: "iam", resourceTypes: ["AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Policy"] }, { service: "organizations" }],
  frameworks: [],
  remediation: {
    console: ["IAM → the principal → Permissions: remove the IAM write actions (iam:Create*/Put*/Attach*/Update*), and iam:PassRole on '*', the evidence lists; scope what remains to named resources, or attach a permissions boundary that denies them."],
    cli: "aws iam put-user-permissions-boundary --user-name <user> --permissions-boundary arn:aws:iam::<acct>:policy/no-iam-write",
    terraform: 'resource "aws_iam_role" "app" {\n  permissions_boundary = aws_iam_policy.no_iam_write.arn\n}',
    cloudformation: "AppRole:\n  Type: AWS::IAM::Role\n  Properties:\n    PermissionsBoundary: !Ref NoIamWriteBoundary",
  },
  references: ATTACK_PATH_REFERENCES,
  evaluate(resource, ctx) {
    const resolved = resolveNode(resource, ctx);
    if (isVerdict(resolved)) return resolved;
    const { node, g } = resolved;
    if (node.properties.isServiceLinkedRole === true) return notApplicable("Service-linked roles are managed by AWS", { isServiceLinkedRole: true });
    if (hasClass(node, "administrator")) return notApplicable("The principal already is an administrator (see aws.attack-path.principal.unintended-admin)", { administrator: true });
    const escalation = hasClass(node, "escalation-to-administrator");
    if (!escalation) return pass("No privilege-escalation method is allowed", { methodIds: [] });
    const edges = g.index.outgoing(node.id).filter((e) => e.kind === "can-escalate");
    return fail(`${node.name} can escalate to administrator: ${(escalation.methodIds ?? []).join(", ")}`, {
      decision: escalation.decision,
      methodIds: escalation.methodIds ?? [],
      reasons: escalation.reasons,
      path: describePath(g.index, edges.slice(0, 1)),
      escalations: edges.slice(0, 10).map((e) => ({ methodId: e.methodId, target: e.target, decision: e.decision, conditions: e.conditions, reasons: e.reasons.slice(0, 4) })),
    });
  },
});
