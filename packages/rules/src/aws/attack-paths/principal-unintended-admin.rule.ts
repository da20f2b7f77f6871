import { INTENDED_ADMIN_TAG } from "@guardrail/iam";
import { defineRule, fail, notApplicable, pass } from "../../rule";
import { ATTACK_PATH_REFERENCES, NO_FRAMEWORK_NOTE, hasClass, isVerdict, resolveNode } from "./attack-path-graph";

export const attackPathPrincipalUnintendedAdminRule = defineRule({
  id: "aws.attack-path.principal.unintended-admin",
  title: "Administrator access held by a principal not marked as an intended administrator",
  description: `Fails when a user or role is an administrator (after denies, its permissions boundary and the SCPs of its account) and does not carry the tag ${INTENDED_ADMIN_TAG}=true. Tag the principals that are meant to be administrators (break-glass users, the platform team's role) to accept them.` + NO_FRAMEWORK_NOTE,
  rationale: "Administrators should be few, known and deliberate; every other one is a path to the whole account that nobody vouches for.",
  severity: "HIGH",
  service: "iam",
  resourceTypes: ["AWS::IAM::Role", "AWS::IAM::User"],
  requires: [{ service: "iam", resourceTypes: ["AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Policy"] }, { service: "organizations" }],
  frameworks: [],
  remediation: {
    console: [
      `If the principal is meant to be an administrator: IAM → the principal → Tags → add ${INTENDED_ADMIN_TAG} = true.`,
      "Otherwise replace AdministratorAccess (or '*' grants) with the permissions it uses (IAM Access Analyzer policy generation).",
    ],
    cli: `aws iam tag-role --role-name <role> --tags Key=${INTENDED_ADMIN_TAG},Value=true`,
    terraform: `tags = { "${INTENDED_ADMIN_TAG}" = "true" }`,
    cloudformation: `Tags:\n  - Key: ${INTENDED_ADMIN_TAG}\n    Value: "true"`,
  },
  references: ATTACK_PATH_REFERENCES,
  evaluate(resource, ctx) {
    const resolved = resolveNode(resource, ctx);
    if (isVerdict(resolved)) return resolved;
    const { node } = resolved;
    if (node.properties.isServiceLinkedRole === true) return notApplicable("Service-linked roles are managed by AWS", { isServiceLinkedRole: true });
    const admin = hasClass(node, "administrator");
    if (!admin) return pass("The principal is not an administrator", { administrator: false });
    const intended = node.properties.intendedAdmin === true;
    const evidence = { administrator: admin.decision, reasons: admin.reasons.slice(0, 5), [`tags.${INTENDED_ADMIN_TAG}`]: resource.tags[INTENDED_ADMIN_TAG] ?? null };
    return intended
      ? pass("Administrator marked as intended", evidence)
      : fail(`${node.name} holds administrator access without the ${INTENDED_ADMIN_TAG}=true tag`, evidence);
  },
});
