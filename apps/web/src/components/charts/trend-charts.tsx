"use client";

import type { ReactNode } from "react";
import { useId } from "react";
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import styles from "./charts.module.css";

export interface TChartDay {
  day: string;
  score: number;
  coverage: number;
  openCritical: number;
  openHigh: number;
  openMedium: number;
  openLow: number;
  openInfo: number;
  newCount: number;
  resolvedCount: number;
  slaBreached: number;
  carriedForward: boolean;
}

export const SEVERITY_COLORS = {
  openCritical: "#8b1a1a",
  openHigh: "#c2410c",
  openMedium: "#a16207",
  openLow: "#2563eb",
  openInfo: "#64748b",
} as const;

const SEVERITY_LABELS: Record<keyof typeof SEVERITY_COLORS, string> = {
  openCritical: "Critical",
  openHigh: "High",
  openMedium: "Medium",
  openLow: "Low",
  openInfo: "Info",
};

const AXIS = { fontSize: 12, fill: "#526070" };
const shortDay = (d: string) => {
  const [, m, day] = d.split("-");
  return `${["", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][Number(m)]} ${Number(day)}`;
};

/**
 * A chart with an accessible name (role="img" + aria-label carrying a one-line summary) and its
 * data as a table behind a disclosure: screen readers and keyboard users get the numbers.
 */
export function ChartFrame(props: {
  title: string;
  summary: string;
  testId?: string;
  columns: string[];
  rows: (string | number)[][];
  empty?: boolean;
  emptyText?: string;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <figure className={styles.figure} aria-labelledby={`${id}-t`} data-testid={props.testId}>
      <figcaption id={`${id}-t`}>{props.title}</figcaption>
      <p className={styles.summary}>{props.summary}</p>
      {props.empty ? (
        <div className={styles.empty} role="status">
          {props.emptyText ?? "No snapshot yet — first scan pending."}
        </div>
      ) : (
        <div className={styles.plot} role="img" aria-label={`${props.title}. ${props.summary}`}>
          {props.children}
        </div>
      )}
      {props.rows.length > 0 ? (
        <details className={styles.details}>
          <summary>Data table: {props.title}</summary>
          <div className={styles.scroll}>
            <table className="data compact">
              <caption className="sr-only">{props.title}</caption>
              <thead>
                <tr>
                  {props.columns.map((c) => (
                    <th key={c} scope="col">
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {props.rows.map((r, i) => (
                  <tr key={i}>
                    {r.map((v, j) => (
                      <td key={j}>{v}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ) : null}
    </figure>
  );
}

function describeScore(days: TChartDay[]): string {
  if (days.length === 0) return "No snapshot yet.";
  const first = days[0]!;
  const last = days.at(-1)!;
  const delta = Math.round((last.score - first.score) * 10) / 10;
  return `Score ${last.score.toFixed(1)} on ${last.day}${days.length > 1 ? `, ${delta >= 0 ? "up" : "down"} ${Math.abs(delta)} since ${first.day}` : ""}.`;
}

export function ScoreChart({
  days,
  title = "Posture score",
}: {
  days: TChartDay[];
  title?: string;
}) {
  const data = days.map((d) => ({ ...d, coveragePct: Math.round(d.coverage * 1000) / 10 }));
  return (
    <ChartFrame
      title={title}
      testId="score-chart"
      summary={describeScore(days)}
      empty={days.length === 0}
      columns={["Day", "Score", "Coverage %", "Carried forward"]}
      rows={data.map((d) => [
        d.day,
        d.score.toFixed(1),
        d.coveragePct,
        d.carriedForward ? "yes" : "no",
      ])}
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e5e7eb" vertical={false} />
          <XAxis dataKey="day" tickFormatter={shortDay} tick={AXIS} minTickGap={24} />
          <YAxis
            domain={[0, 100]}
            tick={AXIS}
            width={40}
            label={{ value: "score", angle: -90, position: "insideLeft", ...AXIS }}
          />
          <Tooltip
            labelFormatter={(l) => String(l)}
            formatter={(value, name) => [
              name === "Coverage %" ? `${String(value)}%` : Number(value).toFixed(1),
              name,
            ]}
          />
          <Legend itemSorter={(item) => (item.dataKey === "score" ? 0 : 1)} />
          <Line
            type="monotone"
            dataKey="score"
            name="Score"
            stroke="#1f5fbf"
            strokeWidth={2}
            dot={days.length < 40}
            isAnimationActive={false}
          />
          <Line
            type="monotone"
            dataKey="coveragePct"
            name="Coverage %"
            stroke="#15803d"
            strokeDasharray="4 3"
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

export function SeverityAreaChart({ days }: { days: TChartDay[] }) {
  const last = days.at(-1);
  const keys = Object.keys(SEVERITY_COLORS) as (keyof typeof SEVERITY_COLORS)[];
  return (
    <ChartFrame
      title="Open findings by severity"
      testId="severity-chart"
      summary={
        last
          ? `On ${last.day}: ${keys.map((k) => `${last[k]} ${SEVERITY_LABELS[k].toLowerCase()}`).join(", ")}.`
          : "No snapshot yet."
      }
      empty={days.length === 0}
      columns={["Day", ...keys.map((k) => SEVERITY_LABELS[k])]}
      rows={days.map((d) => [d.day, ...keys.map((k) => d[k])])}
    >
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={days} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e5e7eb" vertical={false} />
          <XAxis dataKey="day" tickFormatter={shortDay} tick={AXIS} minTickGap={24} />
          <YAxis allowDecimals={false} tick={AXIS} width={48} />
          <Tooltip itemSorter={(item) => keys.indexOf(item.dataKey as (typeof keys)[number])} />
          <Legend itemSorter={(item) => keys.indexOf(item.dataKey as (typeof keys)[number])} />
          {keys.map((k) => (
            <Area
              key={k}
              type="monotone"
              dataKey={k}
              name={SEVERITY_LABELS[k]}
              stackId="open"
              stroke={SEVERITY_COLORS[k]}
              fill={SEVERITY_COLORS[k]}
              fillOpacity={0.55}
              isAnimationActive={false}
            />
          ))}
        </AreaChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

export function WeeklyFlowChart({
  weeks,
}: {
  weeks: { week: string; newCount: number; resolvedCount: number }[];
}) {
  const opened = weeks.reduce((n, w) => n + w.newCount, 0);
  const resolved = weeks.reduce((n, w) => n + w.resolvedCount, 0);
  return (
    <ChartFrame
      title="New vs resolved findings per week"
      testId="weekly-chart"
      summary={`${opened} opened or reopened, ${resolved} resolved over ${weeks.length} week(s).`}
      empty={weeks.length === 0}
      columns={["Week of", "New", "Resolved"]}
      rows={weeks.map((w) => [w.week, w.newCount, w.resolvedCount])}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={weeks} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e5e7eb" vertical={false} />
          <XAxis dataKey="week" tickFormatter={shortDay} tick={AXIS} minTickGap={16} />
          <YAxis allowDecimals={false} tick={AXIS} width={48} />
          <Tooltip labelFormatter={(l) => `Week of ${String(l)}`} />
          <Legend />
          <Bar dataKey="newCount" name="New" fill="#c2410c" isAnimationActive={false} />
          <Bar dataKey="resolvedCount" name="Resolved" fill="#15803d" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

export function SlaBreachChart({ days }: { days: TChartDay[] }) {
  const last = days.at(-1);
  const peak = days.reduce((m, d) => Math.max(m, d.slaBreached), 0);
  return (
    <ChartFrame
      title="Findings past their SLA"
      testId="sla-chart"
      summary={
        last
          ? `${last.slaBreached} open past their due date on ${last.day}; peak ${peak}.`
          : "No snapshot yet."
      }
      empty={days.length === 0}
      columns={["Day", "Past SLA"]}
      rows={days.map((d) => [d.day, d.slaBreached])}
    >
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={days} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e5e7eb" vertical={false} />
          <XAxis dataKey="day" tickFormatter={shortDay} tick={AXIS} minTickGap={24} />
          <YAxis allowDecimals={false} tick={AXIS} width={48} />
          <Tooltip />
          <Legend />
          <Area
            type="stepAfter"
            dataKey="slaBreached"
            name="Past SLA"
            stroke="#b42318"
            fill="#fca5a5"
            isAnimationActive={false}
          />
        </AreaChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

export function MttrChart({
  mttr,
}: {
  mttr: { severity: string; resolved: number; meanDays: number | null }[];
}) {
  const known = mttr.filter((m) => m.meanDays !== null);
  return (
    <ChartFrame
      title="Mean time to remediate by severity (days)"
      testId="mttr-chart"
      summary={
        known.length
          ? known
              .map((m) => `${m.severity.toLowerCase()} ${m.meanDays} days (${m.resolved} resolved)`)
              .join(", ") + "."
          : "No finding was resolved in this range."
      }
      empty={known.length === 0}
      emptyText="No finding was resolved in this range."
      columns={["Severity", "Resolved", "Mean days"]}
      rows={mttr.map((m) => [m.severity, m.resolved, m.meanDays ?? "—"])}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={mttr.map((m) => ({ ...m, meanDays: m.meanDays ?? 0 }))}
          margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
        >
          <CartesianGrid stroke="#e5e7eb" vertical={false} />
          <XAxis dataKey="severity" tick={AXIS} />
          <YAxis
            tick={AXIS}
            width={48}
            label={{ value: "days", angle: -90, position: "insideLeft", ...AXIS }}
          />
          <Tooltip formatter={(v) => [`${String(v)} days`, "Mean time to remediate"]} />
          <Bar
            dataKey="meanDays"
            name="Mean days to remediate"
            fill="#1f5fbf"
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

/** A small score line for the overview (no axes); its summary is its accessible name. */
export function ScoreSparkline({ days }: { days: { day: string; score: number }[] }) {
  if (days.length === 0)
    return <p className="muted small">No snapshot yet — first scan pending.</p>;
  return (
    <div
      className={styles.plotSmall}
      role="img"
      aria-label={`Posture score over 30 days. ${describeScore(days as TChartDay[])}`}
      data-testid="score-sparkline"
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={days} margin={{ top: 4, right: 4, bottom: 4, left: 4 }}>
          <YAxis hide domain={[0, 100]} />
          <XAxis hide dataKey="day" />
          <Tooltip formatter={(v) => [Number(v).toFixed(1), "Score"]} />
          <Line
            type="monotone"
            dataKey="score"
            stroke="#1f5fbf"
            strokeWidth={2}
            dot={days.length === 1}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
