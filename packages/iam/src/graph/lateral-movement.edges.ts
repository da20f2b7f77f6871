import { addEdge, type TBuildState } from "./build-state";

// can-move-laterally: a principal allowed SSM StartSession / SendCommand or EC2 Instance Connect
// on the instances of its account reaches each running instance of that account (one edge per
// host; the reasons are shared by the edges of one principal).

const LATERAL_HOST_ACTIONS = new Set(["ssm:StartSession", "ssm:SendCommand", "ec2-instance-connect:SendSSHPublicKey"]);

export function* addLateralMovementEdges(state: TBuildState): Generator<void, void, void> {
  for (const entry of state.principals.values()) {
    yield;
    const allowed = entry.lateralMovement.filter((l) => LATERAL_HOST_ACTIONS.has(l.action));
    const best = allowed.find((l) => l.decision === "ALLOWED") ?? allowed[0];
    if (!best) continue;
    const instances = state.instancesByAccount.get(entry.resource.accountId);
    if (!instances) continue;
    const details = { action: best.action, reasons: allowed.map((l) => l.reasons[0] ?? l.action) };
    const decision = best.decision as "ALLOWED" | "CONDITIONAL";
    for (const instance of instances) addEdge(state, entry.arn, instance, "can-move-laterally", decision, details, true);
  }
}
