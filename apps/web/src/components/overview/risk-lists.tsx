import type { TFailingRule, TRiskRow } from "@guardrail/core";
import Link from "next/link";

function Counts({ critical, high, open }: { critical: number; high: number; open: number }) {
  return (
    <span className="small">
      {critical > 0 ? <span className="badge sev-CRITICAL">{critical} critical</span> : null}{" "}
      {high > 0 ? <span className="badge sev-HIGH">{high} high</span> : null}{" "}
      <span className="muted">{open} open</span>
    </span>
  );
}

export function TopFailingRules({ rules }: { rules: TFailingRule[] }) {
  return (
    <section className="panel" aria-labelledby="top-rules" data-testid="top-failing-rules">
      <h2 id="top-rules">Top failing rules</h2>
      {rules.length === 0 ? (
        <p className="muted">No open finding.</p>
      ) : (
        <ol style={{ margin: 0, paddingLeft: "1.2rem" }}>
          {rules.map((r) => (
            <li key={r.ruleId} style={{ marginBottom: "0.4rem" }}>
              <Link href={`/findings?ruleId=${encodeURIComponent(r.ruleId)}`}>{r.title}</Link>
              <br />
              <Counts critical={r.openCritical} high={r.openHigh} open={r.open} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function RiskiestList(props: {
  title: string;
  rows: TRiskRow[];
  href: (id: string) => string;
  testId: string;
  empty: string;
}) {
  return (
    <section className="panel" aria-label={props.title} data-testid={props.testId}>
      <h2>{props.title}</h2>
      {props.rows.length === 0 ? (
        <p className="muted">{props.empty}</p>
      ) : (
        <table className="data compact">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Score</th>
              <th scope="col">Open</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link href={props.href(r.id)}>{r.name}</Link>
                </td>
                <td>{r.score.toFixed(1)}</td>
                <td>
                  <Counts critical={r.openCritical} high={r.openHigh} open={r.open} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
