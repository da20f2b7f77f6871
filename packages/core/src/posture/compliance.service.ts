import { Prisma, type TDb } from "@guardrail/db";
import { authorize } from "../auth/roles";
import type { TEvaluationCount } from "../findings/apply-evaluation.service";
import { readRuleEvaluationCounts } from "../findings/rule-evaluation-count.repository";
import type { TTenantScope } from "../common/tenant-scope";

export type TComplianceRuleView = readonly {
  id: string;
  frameworks: readonly { framework: string; controlId: string }[];
}[];

export interface TComplianceCell {
  framework: string;
  accountId: string;
  passing: number;
  failing: number;
  unable: number;
  /** control ids failing in this account, for drill-down */
  failingControls: string[];
}

/**
 * Pure: per framework and account, how many controls pass, fail or cannot be evaluated. A
 * control fails in an account when any of its rules has an open finding (or a FAIL count)
 * there; else it is unable when any of its rules was UNABLE_TO_EVALUATE; else it passes when
 * any of its rules passed. Controls with no data in an account are not counted.
 */
export function summarizeCompliance(input: {
  rules: TComplianceRuleView;
  counts: readonly Pick<TEvaluationCount, "ruleId" | "accountId" | "pass" | "fail" | "unable">[];
  openFindings: readonly { ruleId: string; accountId: string }[];
}): TComplianceCell[] {
  const state = new Map<string, { pass: boolean; fail: boolean; unable: boolean }>();
  const touch = (ruleId: string, accountId: string) => {
    const k = `${ruleId}\u0000${accountId}`;
    let s = state.get(k);
    if (!s) state.set(k, (s = { pass: false, fail: false, unable: false }));
    return s;
  };
  for (const c of input.counts) {
    const s = touch(c.ruleId, c.accountId);
    if (c.pass > 0) s.pass = true;
    if (c.fail > 0) s.fail = true;
    if (c.unable > 0) s.unable = true;
  }
  for (const f of input.openFindings) touch(f.ruleId, f.accountId).fail = true;
  const accounts = new Set([...state.keys()].map((k) => k.split("\u0000")[1] ?? ""));
  const controls = new Map<string, Map<string, string[]>>(); // framework → control → rules
  for (const r of input.rules) {
    for (const m of r.frameworks) {
      const byControl = controls.get(m.framework) ?? new Map<string, string[]>();
      controls.set(m.framework, byControl);
      byControl.set(m.controlId, [...(byControl.get(m.controlId) ?? []), r.id]);
    }
  }
  const out: TComplianceCell[] = [];
  for (const [framework, byControl] of controls) {
    for (const accountId of accounts) {
      const cell: TComplianceCell = {
        framework,
        accountId,
        passing: 0,
        failing: 0,
        unable: 0,
        failingControls: [],
      };
      for (const [controlId, ruleIds] of byControl) {
        const states = ruleIds.flatMap((id) => state.get(`${id}\u0000${accountId}`) ?? []);
        if (states.some((s) => s.fail)) {
          cell.failing++;
          cell.failingControls.push(controlId);
        } else if (states.some((s) => s.unable)) cell.unable++;
        else if (states.some((s) => s.pass)) cell.passing++;
      }
      if (cell.passing + cell.failing + cell.unable > 0) out.push(cell);
    }
  }
  return out.sort(
    (a, b) => a.framework.localeCompare(b.framework) || a.accountId.localeCompare(b.accountId),
  );
}

/**
 * The compliance view of the tenant, per framework and account: open findings from the
 * database; pass / fail / unable from `counts` when given (`applyEvaluation(...).counts`), else
 * from the persisted RuleEvaluationCount rows (the latest evaluation of every account, region
 * and rule).
 */
export async function getComplianceView(opts: {
  db: TDb;
  scope: TTenantScope;
  rules: TComplianceRuleView;
  counts?: readonly TEvaluationCount[];
  /** only these frameworks (e.g. ["CIS-AWS-3.0.0"]) */
  frameworks?: readonly string[];
}): Promise<TComplianceCell[]> {
  authorize(opts.scope, "trends.read");
  const tenantId = opts.scope.tenantId;
  const [openFindings, counts] = await Promise.all([
    opts.db.$queryRaw<{ ruleId: string; accountId: string }[]>(Prisma.sql`
    SELECT DISTINCT "ruleId", "accountId" FROM "Finding"
     WHERE "tenantId" = ${tenantId}::uuid AND status = 'OPEN'`),
    opts.counts ?? readRuleEvaluationCounts({ db: opts.db, tenantId }),
  ]);
  const cells = summarizeCompliance({ rules: opts.rules, counts, openFindings });
  return opts.frameworks ? cells.filter((c) => opts.frameworks!.includes(c.framework)) : cells;
}
