import { defineRule, fail, notApplicable, pass } from "../../rule";
import { ATTACK_PATH_REFERENCES, NO_FRAMEWORK_NOTE, describePath, isVerdict, resolveNode } from "./attack-path-graph";

export const attackPathPrincipalCanModifyAdminTrustRule = defineRule({
  id: "aws.attack-path.principal.can-modify-admin-trust",
  title: "Principal can rewrite the trust policy of an administrator role",
  description:
    "Fails when a user or role is allowed iam:UpdateAssumeRolePolicy (pathfinding.cloud iam-012) on a role that is an administrator: it can make that role trust itself and assume it. Decided by the request evaluator with SCPs and boundaries." + NO_FRAMEWORK_NOTE,
  rationale: "Rewriting a trust policy is a one-call privilege escalation that most reviews miss because the principal holds no administrator policy itself.",
  severity: "CRITICAL",
  service: "iam",
  resourceTypes: ["AWS::IAM::Role", "AWS::IAM::User"],
  requires: [{ service: "iam", resourceTypes: ["AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Policy"] }, { service: "organizations" }],
  frameworks: [],
  remediation: {
    console: ["IAM → the principal → Permissions: remove iam:UpdateAssumeRolePolicy, or scope it to the roles the principal manages (never administrator roles); protect administrator roles with an SCP that denies iam:UpdateAssumeRolePolicy except for a break-glass role."],
    cli: "aws iam put-role-policy --role-name <role> --policy-name deny-trust-edits --policy-document file://deny-update-assume-role-policy.json",
    terraform: 'statement {\n  effect    = "Deny"\n  actions   = ["iam:UpdateAssumeRolePolicy"]\n  resources = [aws_iam_role.admin.arn]\n}',
    cloudformation: "- Effect: Deny\n  Action: iam:UpdateAssumeRolePolicy\n  Resource: !GetAtt AdminRole.Arn",
  },
  references: ATTACK_PATH_REFERENCES,
  evaluate(resource, ctx) {
    const resolved = resolveNode(resource, ctx);
    if (isVerdict(resolved)) return resolved;
    const { node, g } = resolved;
    if (node.properties.isServiceLinkedRole === true) return notApplicable("Service-linked roles are managed by AWS", { isServiceLinkedRole: true });
    const edges = g.index.outgoing(node.id).filter((e) => e.kind === "can-escalate" && e.methodId === "iam-012" && g.index.node(e.target)?.kind === "iam-role");
    if (edges.length === 0) return pass("The principal cannot change the trust policy of an administrator role", { adminRolesReachable: 0 });
    return fail(`${node.name} can rewrite the trust policy of ${edges.map((e) => g.index.node(e.target)?.name ?? e.target).join(", ")}`, {
      methodId: "iam-012",
      adminRoles: edges.map((e) => e.target),
      path: describePath(g.index, [edges[0]!]),
      decisions: edges.map((e) => ({ target: e.target, decision: e.decision, conditions: e.conditions })),
    });
  },
});
