import type { TPostureOverview } from "@guardrail/core";
import { ScoreSparkline } from "@/components/charts/trend-charts";

const SEVERITIES = [
  ["CRITICAL", "openCritical"],
  ["HIGH", "openHigh"],
  ["MEDIUM", "openMedium"],
  ["LOW", "openLow"],
  ["INFO", "openInfo"],
] as const;

/** Posture score with its 30-day sparkline, coverage, open findings by severity, new vs resolved this week. */
export function PostureSummary({ posture }: { posture: TPostureOverview }) {
  const latest = posture.latest;
  if (!latest) {
    return (
      <section className="panel" aria-label="Posture" data-testid="posture-summary">
        <h2>Posture</h2>
        <p className="muted" role="status">
          No snapshot yet — first scan pending. The score appears once a scan has been evaluated.
        </p>
      </section>
    );
  }
  return (
    <section className="panel" aria-label="Posture" data-testid="posture-summary">
      <div
        className="grid"
        style={{ gridTemplateColumns: "repeat(auto-fit, minmax(180px, 1fr))", alignItems: "start" }}
      >
        <div>
          <div className="muted small">Posture score</div>
          <div style={{ fontSize: "2.2rem", fontWeight: 700 }} data-testid="posture-score">
            {latest.score.toFixed(1)}
          </div>
          <ScoreSparkline days={posture.series} />
        </div>
        <div>
          <div className="muted small">Coverage</div>
          <div style={{ fontSize: "1.6rem", fontWeight: 700 }} data-testid="posture-coverage">
            {(latest.coverage * 100).toFixed(1)}%
          </div>
          <div className="muted small">of checks could be evaluated</div>
        </div>
        <div>
          <div className="muted small">Open findings by severity</div>
          <ul
            style={{ listStyle: "none", padding: 0, margin: "0.3rem 0 0" }}
            aria-label="Open findings by severity"
          >
            {SEVERITIES.map(([label, key]) => (
              <li
                key={key}
                className="row"
                style={{ justifyContent: "space-between", gap: "0.5rem" }}
              >
                <span className={`badge sev-${label}`}>{label.toLowerCase()}</span>
                <strong>{latest[key].toLocaleString("en-US")}</strong>
              </li>
            ))}
          </ul>
        </div>
        <div>
          <div className="muted small">This week (last 7 days)</div>
          <div className="row" style={{ marginTop: "0.3rem" }}>
            <div>
              <div
                style={{ fontSize: "1.4rem", fontWeight: 700, color: "var(--high)" }}
                data-testid="week-new"
              >
                {posture.week.newCount}
              </div>
              <div className="muted small">new or reopened</div>
            </div>
            <div>
              <div
                style={{ fontSize: "1.4rem", fontWeight: 700, color: "var(--ok)" }}
                data-testid="week-resolved"
              >
                {posture.week.resolvedCount}
              </div>
              <div className="muted small">resolved</div>
            </div>
          </div>
          <div className="muted small" style={{ marginTop: "0.5rem" }}>
            as of {latest.day}
            {latest.carriedForward ? " (carried forward)" : ""}
          </div>
        </div>
      </div>
    </section>
  );
}
