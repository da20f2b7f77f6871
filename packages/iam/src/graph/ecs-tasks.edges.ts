import type { TGraphResource } from "./access-graph.types";
import { addEdge, addNode, lastSegment, type TBuildState } from "./build-state";
import { asString } from "./graph-inventory";

// ECS tasks (collected running tasks): a task runs as its task definition's task role, and a
// principal allowed ecs:ExecuteCommand on the tasks of its account can open a shell in each task
// started with ECS Exec enabled (can-move-laterally), and so act as that task's role.

const EXEC_ACTION = "ecs:ExecuteCommand";

function readTasks(state: TBuildState): readonly TGraphResource[] {
  return state.byType.get("AWS::ECS::Task") ?? [];
}

/** ECS task nodes and their runs-as edges (to the task role, when it is in the inventory). */
export function addEcsTasks(state: TBuildState): void {
  for (const r of readTasks(state)) {
    const cfg = r.configuration;
    const roleArn = asString(cfg.taskRoleArn);
    addNode(state, {
      id: r.resourceId,
      kind: "ecs-task",
      accountId: r.accountId,
      region: r.region,
      name: asString(cfg.serviceName) ?? r.name ?? lastSegment(r.resourceId),
      properties: {
        roleArn,
        clusterArn: asString(cfg.clusterArn),
        serviceName: asString(cfg.serviceName),
        taskDefinitionArn: asString(cfg.taskDefinitionArn),
        launchType: asString(cfg.launchType),
        execEnabled: cfg.enableExecuteCommand === true,
        assignPublicIp: asString(cfg.assignPublicIp),
      },
    });
    if (roleArn && state.principals.has(roleArn)) {
      addEdge(state, r.resourceId, roleArn, "runs-as", "ALLOWED", { reasons: [`task role of ${asString(cfg.taskDefinitionArn) ?? "its task definition"}`] });
    }
  }
}

/** can-move-laterally via ecs:ExecuteCommand onto each exec-enabled task of the principal's account. */
export function* addEcsExecEdges(state: TBuildState): Generator<void, void, void> {
  const execTasksByAccount = new Map<string, string[]>();
  for (const r of readTasks(state)) {
    if (r.configuration.enableExecuteCommand !== true) continue;
    const list = execTasksByAccount.get(r.accountId);
    if (list) list.push(r.resourceId);
    else execTasksByAccount.set(r.accountId, [r.resourceId]);
  }
  if (execTasksByAccount.size === 0) return;
  for (const entry of state.principals.values()) {
    yield;
    const tasks = execTasksByAccount.get(entry.resource.accountId);
    if (!tasks) continue;
    const exec = entry.lateralMovement.find((l) => l.action === EXEC_ACTION && l.decision !== "DENIED");
    if (!exec) continue;
    const details = { action: EXEC_ACTION, reasons: [exec.reasons[0] ?? EXEC_ACTION, "ECS Exec is enabled on the task: a shell in it holds the task role's credentials"] };
    for (const task of tasks) addEdge(state, entry.arn, task, "can-move-laterally", exec.decision as "ALLOWED" | "CONDITIONAL", details, true);
  }
}
