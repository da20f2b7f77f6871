import type { TKpi } from "@guardrail/core";

function formatValue(k: TKpi): string {
  if (k.value === null) return "—";
  if (k.denominator === 1 && k.id.includes("workloads")) return String(k.value);
  return `${Math.round(k.value * 1000) / 10}%`;
}

/** The organization's KPIs beside the published industry figures (with the report cited). */
export function KpiPanel({ kpis }: { kpis: TKpi[] }) {
  return (
    <section className="panel" aria-labelledby="kpi-title" data-testid="kpi-panel">
      <h2 id="kpi-title">Organization KPIs vs industry</h2>
      {kpis[0] ? (
        <p className="muted small">
          Measured on the inventory after the latest scan (
          {kpis[0].computedAt.slice(0, 16).replace("T", " ")} UTC).
        </p>
      ) : null}
      <div className="table-scroll">
        <table className="data compact">
          <thead>
            <tr>
              <th scope="col">Indicator</th>
              <th scope="col">Your organization</th>
              <th scope="col">Industry (published)</th>
            </tr>
          </thead>
          <tbody>
            {kpis.map((k) => (
              <tr key={k.id} data-kpi={k.id}>
                <th scope="row" style={{ fontWeight: 400 }}>
                  {k.title}
                </th>
                <td>
                  <strong>{formatValue(k)}</strong>
                  {k.denominator > 1 || (k.denominator === 1 && !k.id.includes("workloads")) ? (
                    <span className="muted small">
                      {" "}
                      ({k.numerator.toLocaleString("en-US")} of{" "}
                      {k.denominator.toLocaleString("en-US")})
                    </span>
                  ) : null}
                </td>
                <td>
                  {k.industry ? (
                    <>
                      {Math.round(k.industry.value * 10000) / 100}%{" "}
                      <a
                        href={k.industry.url}
                        target="_blank"
                        rel="noreferrer noopener"
                        className="small"
                      >
                        {k.industry.report}, {k.industry.year}
                      </a>
                      {k.industry.note ? (
                        <div className="muted small">{k.industry.note}</div>
                      ) : null}
                    </>
                  ) : (
                    // core gives every KPI without a figure its reason
                    <details className="small">
                      <summary className="muted">no published figure found: why</summary>
                      <p className="muted">{k.industryUnavailableReason}</p>
                    </details>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
