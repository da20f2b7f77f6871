"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { trendHref } from "@/components/charts/trend-href";
import { HydrationGate } from "@/components/hydration-gate";

type TTarget = { type: "TENANT" } | { type: "OU" | "BUSINESS_UNIT" | "ACCOUNT"; id: string };
interface TOption {
  type: TTarget["type"];
  id: string;
  label: string;
}

const GROUPS: { type: TTarget["type"]; label: string }[] = [
  { type: "TENANT", label: "Organization" },
  { type: "OU", label: "Organizational units" },
  { type: "BUSINESS_UNIT", label: "Business units" },
  { type: "ACCOUNT", label: "Accounts" },
];
const RANGES = [
  { value: "30d", label: "30 days" },
  { value: "90d", label: "90 days" },
  { value: "365d", label: "365 days" },
] as const;

const keyOf = (t: { type: string; id?: string }) =>
  `${t.type}:${t.type === "TENANT" ? "" : (t.id ?? "")}`;
const toTarget = (o: TOption): TTarget =>
  o.type === "TENANT" ? { type: "TENANT" } : { type: o.type, id: o.id };

/** Range (links: shareable URLs) and scope selector (OU, business unit, account). */
export function TrendControls(props: {
  range: "30d" | "90d" | "365d";
  target: TTarget;
  options: TOption[];
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const current = keyOf(props.target);
  return (
    <div className="filters" aria-busy={pending}>
      <HydrationGate>
        <div className="field">
          <label htmlFor="trend-scope">Scope</label>
          <select
            id="trend-scope"
            value={current}
            onChange={(e) => {
              const o = props.options.find((x) => keyOf(x) === e.target.value);
              if (o) startTransition(() => router.push(trendHref(props.range, toTarget(o))));
            }}
          >
            {GROUPS.map((g) => {
              const items = props.options.filter((o) => o.type === g.type);
              return items.length ? (
                <optgroup key={g.type} label={g.label}>
                  {items.map((o) => (
                    <option key={keyOf(o)} value={keyOf(o)}>
                      {o.label}
                    </option>
                  ))}
                </optgroup>
              ) : null;
            })}
          </select>
        </div>
        <nav aria-label="Time range" className="row">
          {RANGES.map((r) => (
            <Link
              key={r.value}
              href={trendHref(r.value, props.target)}
              className={r.value === props.range ? "button" : "button secondary"}
              aria-current={r.value === props.range ? "true" : undefined}
            >
              {r.label}
            </Link>
          ))}
        </nav>
        {pending ? (
          <span className="muted small" role="status">
            Loading…
          </span>
        ) : null}
      </HydrationGate>
    </div>
  );
}
