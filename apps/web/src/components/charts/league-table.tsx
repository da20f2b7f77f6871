import type { TBusinessUnitLeagueRow } from "@guardrail/core";
import Link from "next/link";
import { trendHref } from "./trend-href";

/** Business units ranked worst score first: score, open critical/high, MTTR, SLA breaches. */
export function LeagueTable({
  rows,
  range,
}: {
  rows: TBusinessUnitLeagueRow[];
  range: "30d" | "90d" | "365d";
}) {
  return (
    <section className="panel" aria-labelledby="league-title" data-testid="bu-league">
      <h2 id="league-title">Business units league table</h2>
      {rows.length === 0 ? (
        <p className="muted">
          No business unit yet. Create them under Business units to compare owners.
        </p>
      ) : (
        <div className="table-scroll">
          <table className="data compact">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Business unit</th>
                <th scope="col">Score</th>
                <th scope="col">Change ({range})</th>
                <th scope="col">Open critical</th>
                <th scope="col">Open high</th>
                <th scope="col">MTTR (days)</th>
                <th scope="col">Past SLA</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={r.businessUnitId}>
                  <td>{i + 1}</td>
                  <td>
                    <Link href={trendHref(range, { type: "BUSINESS_UNIT", id: r.businessUnitId })}>
                      {r.name}
                    </Link>
                  </td>
                  <td>
                    {r.score === null ? (
                      <span className="muted">no snapshot yet</span>
                    ) : (
                      r.score.toFixed(1)
                    )}
                  </td>
                  <td>
                    {r.scoreChange === null
                      ? "—"
                      : `${r.scoreChange > 0 ? "+" : ""}${r.scoreChange.toFixed(1)}`}
                  </td>
                  <td>
                    {r.openCritical > 0 ? (
                      <span className="badge sev-CRITICAL">{r.openCritical}</span>
                    ) : (
                      0
                    )}
                  </td>
                  <td>
                    {r.openHigh > 0 ? <span className="badge sev-HIGH">{r.openHigh}</span> : 0}
                  </td>
                  <td>{r.mttrDays ?? "—"}</td>
                  <td>{r.slaBreached}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
