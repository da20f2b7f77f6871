import { defineRule, fail, pass } from "../../rule";
import { ATTACK_PATH_REFERENCES, NO_FRAMEWORK_NOTE, classificationOf, describePath, isVerdict, resolveNode } from "./attack-path-graph";

// A role that a third party (an account outside the organization) or anyone can assume, and that
// can escalate to administrator or reach data.

export const attackPathRoleExternalPrivilegedRule = defineRule({
  id: "aws.attack-path.role.external-privileged",
  title: "Role assumable by a third party or by anyone can escalate privileges or access data",
  description:
    "Fails when a role's trust policy lets an account outside the organization, any AWS principal, or an unpinned web-identity provider assume it, and the role is an administrator, can escalate to one, has broad data access, or can read or write a data store (access graph)." + NO_FRAMEWORK_NOTE,
  rationale:
    "A vendor's compromise (or a public trust policy) becomes yours: the external side controls who uses the role, and this role's permissions decide how far they get.",
  severity: "CRITICAL",
  service: "iam",
  resourceTypes: ["AWS::IAM::Role"],
  requires: [{ service: "iam", resourceTypes: ["AWS::IAM::Role", "AWS::IAM::Policy"] }, { service: "organizations" }],
  frameworks: [],
  remediation: {
    console: [
      "IAM → Roles → the role → Trust relationships: remove principals you do not recognise; require sts:ExternalId for vendors; never trust \"*\" without aws:PrincipalOrgID.",
      "Permissions: give the vendor role only the read-only actions its integration documents (no iam:*, no s3:GetObject on *).",
    ],
    cli: "aws iam update-assume-role-policy --role-name <role> --policy-document file://trust-with-external-id.json",
    terraform: 'data "aws_iam_policy_document" "vendor_trust" {\n  statement {\n    actions = ["sts:AssumeRole"]\n    principals { type = "AWS" identifiers = ["arn:aws:iam::<vendor>:root"] }\n    condition { test = "StringEquals" variable = "sts:ExternalId" values = [var.external_id] }\n  }\n}',
    cloudformation: "AssumeRolePolicyDocument:\n  Statement:\n    - Effect: Allow\n      Principal: { AWS: arn:aws:iam::<vendor>:root }\n      Action: sts:AssumeRole\n      Condition: { StringEquals: { sts:ExternalId: <id> } }",
  },
  references: ATTACK_PATH_REFERENCES,
  evaluate(resource, ctx) {
    const resolved = resolveNode(resource, ctx);
    if (isVerdict(resolved)) return resolved;
    const { node, g } = resolved;
    const entry = g.index.incoming(node.id).find((e) => e.kind === "can-assume" && ["external-account", "anyone"].includes(g.index.node(e.source)?.kind ?? ""));
    if (!entry) return pass("Only principals of the organization (or AWS services) can assume the role", { externalTrust: false });
    const classes = classificationOf(node).filter((c) => ["administrator", "escalation-to-administrator", "broad-data-access"].includes(c.kind));
    const dataEdges = g.index.outgoing(node.id).filter((e) => e.kind === "can-read" || e.kind === "can-write");
    const escalation = g.index.outgoing(node.id).find((e) => e.kind === "can-escalate");
    if (classes.length === 0 && dataEdges.length === 0) {
      return pass("The externally assumable role can neither escalate nor reach data", { externalTrust: true, trustedBy: entry.source });
    }
    const path = escalation ? [entry, escalation] : dataEdges[0] ? [entry, dataEdges[0]] : [entry];
    return fail(`${g.index.node(entry.source)?.name ?? entry.source} can assume ${node.name}, which ${classes.map((c) => c.kind.replace(/-/g, " ")).join(", ") || `reaches ${dataEdges.length} data store(s)`}`, {
      trustedBy: entry.source,
      externalIdRequired: (node.properties.trust as { externalIdRequired?: boolean } | undefined)?.externalIdRequired ?? false,
      path: describePath(g.index, path),
      classification: classes.map((c) => ({ kind: c.kind, decision: c.decision, methodIds: c.methodIds ?? [], reasons: c.reasons.slice(0, 3) })),
      dataStores: dataEdges.slice(0, 20).map((e) => ({ target: e.target, edge: e.kind, action: e.action, decision: e.decision })),
      dataStoreCount: dataEdges.length,
    });
  },
});
