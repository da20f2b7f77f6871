import type { TDb } from "@guardrail/db";
import {
  FRAMEWORKS,
  RULE_CATALOG,
  SEVERITIES,
  toRuleMetadata,
  type TFramework,
  type TRuleDefinition,
  type TRuleMetadata,
  type TRuleSetting,
  type TSeverity,
} from "@guardrail/rules";
import { z } from "zod";
import { recordAudit } from "../audit/audit.service";
import { authorize } from "../auth/roles";
import { AppError } from "../common/app-error";
import type { TTenantScope } from "../common/tenant-scope";

export const FRAMEWORK_LABELS: Record<TFramework, string> = {
  "CIS-AWS-3.0.0": "CIS AWS Foundations v3.0.0",
  "AWS-FSBP": "AWS Foundational Security Best Practices",
  "NIST-800-53-r5": "NIST SP 800-53 Rev. 5",
  "PCI-DSS-4.0": "PCI DSS v4.0",
};

export const ZRuleCatalogFilter = z.object({
  framework: z.enum(FRAMEWORKS as unknown as [TFramework, ...TFramework[]]).optional(),
  service: z.string().trim().max(40).optional(),
  q: z.string().trim().max(200).optional(),
  state: z.enum(["enabled", "disabled", "overridden"]).optional(),
});
export type TRuleCatalogFilter = z.input<typeof ZRuleCatalogFilter>;

export interface TRuleCatalogEntry extends TRuleMetadata {
  enabled: boolean;
  severityOverride: TSeverity | null;
  effectiveSeverity: TSeverity;
  updatedAt: Date | null;
}

/** The tenant's per-rule settings as the rule engine takes them (`evaluateRules({ settings })`). */
export async function loadRuleSettings(db: TDb, tenantId: string): Promise<Map<string, TRuleSetting>> {
  const rows = await db.ruleSetting.findMany({
    where: { tenantId },
    select: { ruleId: true, enabled: true, severityOverride: true },
  });
  return new Map(rows.map((s) => [s.ruleId, { enabled: s.enabled, severityOverride: s.severityOverride }]));
}

function matches(rule: TRuleDefinition, q: string): boolean {
  const needle = q.toLowerCase();
  return (
    rule.id.toLowerCase().includes(needle) ||
    rule.title.toLowerCase().includes(needle) ||
    rule.description.toLowerCase().includes(needle) ||
    rule.frameworks.some((f) => f.controlId.toLowerCase() === needle)
  );
}

/**
 * The rule catalog with the tenant's settings: browsable by framework and service, searchable
 * by id, title, description or control id. Every role that reads the inventory may browse it.
 */
export async function listRuleCatalog(opts: {
  db: TDb;
  scope: TTenantScope;
  filter?: TRuleCatalogFilter;
  rules?: readonly TRuleDefinition[];
}): Promise<{
  rules: TRuleCatalogEntry[];
  total: number;
  frameworks: { id: TFramework; label: string; rules: number }[];
  services: string[];
}> {
  const { db, scope } = opts;
  authorize(scope, "inventory.read");
  const parsed = ZRuleCatalogFilter.safeParse(opts.filter ?? {});
  if (!parsed.success) throw new AppError("VALIDATION", parsed.error.issues.map((i) => i.message).join(" "));
  const f = parsed.data;
  const catalog = (opts.rules ?? RULE_CATALOG).filter((r) => !r.deprecated);
  const settings = await db.ruleSetting.findMany({ where: { tenantId: scope.tenantId } });
  const byRule = new Map(settings.map((s) => [s.ruleId, s]));
  const entries = catalog
    .filter(
      (r) =>
        (!f.framework || r.frameworks.some((m) => m.framework === f.framework)) &&
        (!f.service || r.service === f.service) &&
        (!f.q || matches(r, f.q)),
    )
    .map((r): TRuleCatalogEntry => {
      const s = byRule.get(r.id);
      return {
        ...toRuleMetadata(r),
        enabled: s?.enabled ?? true,
        severityOverride: s?.severityOverride ?? null,
        effectiveSeverity: s?.severityOverride ?? r.severity,
        updatedAt: s?.updatedAt ?? null,
      };
    })
    .filter(
      (r) =>
        !f.state ||
        (f.state === "enabled" && r.enabled) ||
        (f.state === "disabled" && !r.enabled) ||
        (f.state === "overridden" && r.severityOverride !== null),
    )
    .sort(
      (a, b) =>
        SEVERITIES.indexOf(a.effectiveSeverity) - SEVERITIES.indexOf(b.effectiveSeverity) || a.id.localeCompare(b.id),
    );
  return {
    rules: entries,
    total: catalog.length,
    frameworks: FRAMEWORKS.map((id) => ({
      id,
      label: FRAMEWORK_LABELS[id],
      rules: catalog.filter((r) => r.frameworks.some((m) => m.framework === id)).length,
    })),
    services: [...new Set(catalog.map((r) => r.service))].sort(),
  };
}

export const ZRuleSettingInput = z.object({
  enabled: z.boolean(),
  severityOverride: z
    .enum(SEVERITIES as unknown as [TSeverity, ...TSeverity[]])
    .nullable()
    .default(null),
});
export type TRuleSettingInput = z.input<typeof ZRuleSettingInput>;

/**
 * Enables/disables a rule or overrides its severity for the tenant (`rules.manage`), audited
 * with the before and after values. Takes effect at the next evaluation: a disabled rule
 * opens nothing and its open findings resolve ("rule disabled").
 */
export async function updateRuleSetting(opts: {
  db: TDb;
  scope: TTenantScope;
  ruleId: string;
  input: TRuleSettingInput;
  ip?: string | null;
  rules?: readonly TRuleDefinition[];
}): Promise<{ ruleId: string; enabled: boolean; severityOverride: TSeverity | null }> {
  const { db, scope } = opts;
  authorize(scope, "rules.manage");
  const rule = (opts.rules ?? RULE_CATALOG).find((r) => r.id === opts.ruleId);
  if (!rule) throw new AppError("NOT_FOUND", `No rule ${opts.ruleId} in the catalog.`);
  const parsed = ZRuleSettingInput.safeParse(opts.input);
  if (!parsed.success) throw new AppError("VALIDATION", parsed.error.issues.map((i) => i.message).join(" "));
  // Overriding to the rule's own severity is no override.
  const severityOverride = parsed.data.severityOverride === rule.severity ? null : parsed.data.severityOverride;
  return db.$transaction(async (tx) => {
    const before = await tx.ruleSetting.findUnique({
      where: { tenantId_ruleId: { tenantId: scope.tenantId, ruleId: rule.id } },
    });
    const saved = await tx.ruleSetting.upsert({
      where: { tenantId_ruleId: { tenantId: scope.tenantId, ruleId: rule.id } },
      update: { enabled: parsed.data.enabled, severityOverride, updatedById: scope.userId },
      create: {
        tenantId: scope.tenantId,
        ruleId: rule.id,
        enabled: parsed.data.enabled,
        severityOverride,
        updatedById: scope.userId,
      },
    });
    await recordAudit(tx, scope, {
      action: "rule.update",
      targetType: "Rule",
      targetId: rule.id,
      data: {
        before: { enabled: before?.enabled ?? true, severityOverride: before?.severityOverride ?? null },
        after: { enabled: saved.enabled, severityOverride: saved.severityOverride },
      },
      ip: opts.ip,
    });
    return { ruleId: saved.ruleId, enabled: saved.enabled, severityOverride: saved.severityOverride };
  });
}
