import type { TAccessLevel, TActionCatalog } from "./action-catalog";
import { actionSetMatches, compileActionSet } from "./action-set";
import { createConditionContext } from "./condition.evaluator";
import type { TDecision, TPolicyStatement } from "./policy.types";
import type { TPrincipalPolicies } from "./principal-capabilities.analyzer";
import { decideRequest, derivePrincipalContext } from "./request.evaluator";
import { preparePolicies, type TPolicySource, type TStatementRef } from "./policy-set.evaluator";

// Effective permissions of a principal by service and access level, with the deciding
// statements: every catalog action is evaluated on "some resource" (identity policies,
// boundary, SCPs). Meant for a principal's detail page (tens of milliseconds), not for graphs.

export interface TEffectiveAction {
  action: string;
  accessLevels: TAccessLevel[];
  decision: Exclude<TDecision, "DENIED">;
  explanations: TStatementRef[];
}

export interface TEffectiveService {
  service: string;
  allowed: number;
  conditional: number;
  /** per access level: actions allowed / allowed under conditions */
  byAccessLevel: Partial<Record<TAccessLevel, { allowed: number; conditional: number }>>;
  actions: TEffectiveAction[];
}

function mayMatchService(statement: TPolicyStatement, service: string): boolean {
  if (statement.NotAction) return true;
  const set = compileActionSet(statement.Action ?? []);
  return set.matchesAll || set.byService.has(service) || set.crossService.length > 0;
}

/** Services (sorted) in which the principal can perform at least one action. */
export function summarizeEffectivePermissions(
  p: TPrincipalPolicies,
  catalog: TActionCatalog,
): TEffectiveService[] {
  const prepared = preparePolicies({
    identityPolicies: p.identityPolicies as TPolicySource[],
    permissionsBoundary: p.permissionsBoundary ?? null,
    scps: p.scps ?? [],
    scpsApply: !p.isManagementAccount && !p.isServiceLinkedRole,
  });
  const principal: Parameters<typeof derivePrincipalContext>[0] = { arn: p.principalArn };
  if (p.tags) principal.tags = p.tags;
  if (p.organizationId) principal.organizationId = p.organizationId;
  const context = createConditionContext({
    values: derivePrincipalContext(principal, p.accountId, new Date()),
    completePrefixes: p.tags ? ["aws:PrincipalTag/"] : [],
  });
  const allows = prepared.identity.flatMap((policy) =>
    policy.statements.filter((s) => s.Effect === "Allow"),
  );
  const out: TEffectiveService[] = [];
  for (const [service, actions] of [...catalog.byService].sort(([a], [b]) => a.localeCompare(b))) {
    if (!allows.some((statement) => mayMatchService(statement, service))) continue;
    const summary: TEffectiveService = {
      service,
      allowed: 0,
      conditional: 0,
      byAccessLevel: {},
      actions: [],
    };
    for (const info of actions) {
      const actionLower = info.action.toLowerCase();
      if (
        !allows.some((s) =>
          s.Action ? actionSetMatches(compileActionSet(s.Action), actionLower) : true,
        )
      ) {
        continue;
      }
      const result = decideRequest({
        prepared,
        request: {
          action: info.action,
          actionLower,
          resource: "*",
          resourceMatch: "any",
          caller: { kind: "AWS", arn: p.principalArn, accountId: p.accountId },
          context,
        },
        resourcePolicy: null,
        resourceKind: "generic",
        sameAccount: true,
        rcpsApply: false,
      });
      if (result.decision === "DENIED") continue;
      const decision = result.decision;
      summary[decision === "ALLOWED" ? "allowed" : "conditional"]++;
      for (const level of info.accessLevels) {
        const counts = (summary.byAccessLevel[level] ??= { allowed: 0, conditional: 0 });
        counts[decision === "ALLOWED" ? "allowed" : "conditional"]++;
      }
      summary.actions.push({
        action: info.action,
        accessLevels: info.accessLevels,
        decision,
        explanations: result.explanations,
      });
    }
    if (summary.actions.length > 0) out.push(summary);
  }
  return out;
}
