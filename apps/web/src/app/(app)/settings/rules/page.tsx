import { can, FRAMEWORK_LABELS, listRuleCatalog, ZRuleCatalogFilter } from "@guardrail/core";
import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { RuleDetail } from "@/components/settings/rule-detail";
import { getDb } from "@/server/services";
import { requirePageScope } from "@/server/session";

export const metadata: Metadata = { title: "Rules" };
export const dynamic = "force-dynamic";

const ZSearch = ZRuleCatalogFilter.extend({ rule: z.string().max(200).optional() });

function first(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  return s === "" ? undefined : s;
}

export default async function RulesPage(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const scope = await requirePageScope();
  const raw = await props.searchParams;
  const parsed = ZSearch.safeParse({
    framework: first(raw.framework),
    service: first(raw.service),
    q: first(raw.q),
    state: first(raw.state),
    rule: first(raw.rule),
  });
  const search = parsed.success ? parsed.data : {};
  const { rule: selectedId, ...filter } = search as z.infer<typeof ZSearch>;
  const catalog = await listRuleCatalog({ db: getDb(), scope, filter });
  const canManage = can(scope.role, "rules.manage");
  const selected = selectedId ? catalog.rules.find((r) => r.id === selectedId) : undefined;
  const hrefWith = (rule?: string) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(filter)) if (v) p.set(k, String(v));
    if (rule) p.set("rule", rule);
    const s = p.toString();
    return s ? `/settings/rules?${s}` : "/settings/rules";
  };
  return (
    <div className="stack">
      <h1>Rules</h1>
      <p className="muted">
        {catalog.total} rules check your AWS Organization. {canManage ? "Disable a rule or override its severity for your organization: it takes effect at the next scan (a disabled rule's open findings resolve)." : "Read-only: only an OWNER or ADMIN can change rule settings."}
      </p>
      {!parsed.success ? (
        <p className="alert error" role="alert">
          Some filters in the address were not valid and were ignored.
        </p>
      ) : null}
      <form className="filters panel" method="get" action="/settings/rules" aria-label="Filter rules">
        <div className="field">
          <label htmlFor="framework">Framework</label>
          <select id="framework" name="framework" defaultValue={filter.framework ?? ""}>
            <option value="">All frameworks</option>
            {catalog.frameworks.map((f) => (
              <option key={f.id} value={f.id}>
                {f.label} ({f.rules})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="service">Service</label>
          <select id="service" name="service" defaultValue={filter.service ?? ""}>
            <option value="">All services</option>
            {catalog.services.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="state">Setting</label>
          <select id="state" name="state" defaultValue={filter.state ?? ""}>
            <option value="">Any</option>
            <option value="enabled">Enabled</option>
            <option value="disabled">Disabled</option>
            <option value="overridden">Severity overridden</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="q">Search</label>
          <input id="q" name="q" type="search" defaultValue={filter.q ?? ""} placeholder="id, title or control (e.g. 1.4)" />
        </div>
        <button className="button" type="submit">
          Apply
        </button>
        <Link className="button secondary" href="/settings/rules">
          Clear
        </Link>
      </form>
      {selected ? (
        <RuleDetail
          key={selected.id}
          rule={{ ...selected, updatedAt: selected.updatedAt?.toISOString() ?? null }}
          frameworkLabels={FRAMEWORK_LABELS}
          canManage={canManage}
          closeHref={hrefWith()}
        />
      ) : selectedId ? (
        <p className="alert error" role="alert">
          No rule {selectedId} matches the current filters.
        </p>
      ) : null}
      {catalog.rules.length === 0 ? (
        <p className="panel muted">No rule matches these filters.</p>
      ) : (
        <div className="panel table-scroll">
          <p className="muted small">{catalog.rules.length} rules shown</p>
          <table className="data" aria-label="Rule catalog">
            <thead>
              <tr>
                <th scope="col">Rule</th>
                <th scope="col">Service</th>
                <th scope="col">Severity</th>
                <th scope="col">Frameworks</th>
                <th scope="col">Status</th>
                <th scope="col">Findings</th>
              </tr>
            </thead>
            <tbody>
              {catalog.rules.map((r) => (
                <tr key={r.id} data-testid={`rule-row-${r.id}`}>
                  <td>
                    <Link href={hrefWith(r.id)} scroll={false}>
                      {r.title}
                    </Link>
                    <div className="muted small">
                      <code>{r.id}</code>
                    </div>
                  </td>
                  <td>{r.service}</td>
                  <td>
                    <span className={`badge sev-${r.effectiveSeverity}`}>{r.effectiveSeverity}</span>
                    {r.severityOverride ? <div className="muted small">overridden (was {r.severity})</div> : null}
                  </td>
                  <td className="small">
                    {[...new Set(r.frameworks.map((f) => f.framework))].map((fw) => (
                      <div key={fw}>
                        {fw}:{" "}
                        {r.frameworks
                          .filter((f) => f.framework === fw)
                          .map((f) => f.controlId)
                          .slice(0, 6)
                          .join(", ")}
                        {r.frameworks.filter((f) => f.framework === fw).length > 6 ? ", …" : ""}
                      </div>
                    ))}
                  </td>
                  <td data-testid="rule-status">
                    {r.enabled ? <span className="badge status-ok">enabled</span> : <span className="badge status-muted">disabled</span>}
                  </td>
                  <td>
                    <Link href={`/findings?ruleId=${encodeURIComponent(r.id)}&status=OPEN`}>Open findings</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
