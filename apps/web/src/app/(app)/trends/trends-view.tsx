"use client";

import {
  MttrChart,
  ScoreChart,
  SeverityAreaChart,
  SlaBreachChart,
  WeeklyFlowChart,
  type TChartDay,
} from "@/components/charts/trend-charts";

export interface TTrendsViewProps {
  days: TChartDay[];
  weeks: { week: string; newCount: number; resolvedCount: number }[];
  mttr: { severity: string; resolved: number; meanDays: number | null }[];
  scopeLabel: string;
}

/** The trend charts (drawn on the client from data the page fetched on the server). */
export function TrendsView({ days, weeks, mttr, scopeLabel }: TTrendsViewProps) {
  return (
    <div className="grid" style={{ gridTemplateColumns: "repeat(auto-fit, minmax(420px, 1fr))" }}>
      <section className="panel">
        <ScoreChart days={days} title={`Posture score — ${scopeLabel}`} />
      </section>
      <section className="panel">
        <SeverityAreaChart days={days} />
      </section>
      <section className="panel">
        <WeeklyFlowChart weeks={weeks} />
      </section>
      <section className="panel">
        <MttrChart mttr={mttr} />
      </section>
      <section className="panel">
        <SlaBreachChart days={days} />
      </section>
    </div>
  );
}
