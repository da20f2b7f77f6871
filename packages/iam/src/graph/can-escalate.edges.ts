import { ESCALATION_METHODS } from "../escalation-methods";
import { accountNode, addEdge, lastSegment, reasonsOf, type TBuildState } from "./build-state";

// can-escalate: each privilege-escalation method a principal holds, keyed by its pathfinding.cloud
// id, to the account root it makes the principal administrator of; iam-012 (UpdateAssumeRolePolicy)
// also to each administrator role of the account whose trust policy the principal can rewrite.

const METHOD_GIVES = new Map(ESCALATION_METHODS.map((m) => [m.id, m.gives]));

export function* addEscalationEdges(state: TBuildState): Generator<void, void, void> {
  for (const entry of state.principals.values()) {
    yield;
    if (entry.isAdmin) continue;
    const accountId = entry.resource.accountId;
    for (const m of entry.escalation) {
      if (m.decision === "DENIED") continue; // kept out by the principals step
      if (m.methodId === "iam-012") {
        for (const adminArn of state.adminRolesByAccount.get(accountId) ?? []) {
          if (adminArn === entry.arn) continue;
          state.evaluations++;
          const res = entry.evaluator.evaluate({ action: "iam:UpdateAssumeRolePolicy", resource: { arn: adminArn, accountId } });
          if (res.decision === "DENIED") continue;
          addEdge(state, entry.arn, adminArn, "can-escalate", res.decision, {
            methodId: m.methodId,
            action: "iam:UpdateAssumeRolePolicy",
            conditions: res.unresolvedConditions,
            reasons: [`${m.methodId} ${m.name}: rewrite the trust policy of administrator role ${lastSegment(adminArn)}, then assume it`, ...reasonsOf("iam:UpdateAssumeRolePolicy", adminArn, res).slice(1)],
          });
        }
      }
      addEdge(state, entry.arn, accountNode(state, accountId), "can-escalate", m.decision, {
        methodId: m.methodId,
        action: m.name,
        reasons: [`${m.methodId} ${m.name}: ${METHOD_GIVES.get(m.methodId) ?? "administrator"}`, ...m.reasons.slice(0, 6)],
      });
    }
  }
}
