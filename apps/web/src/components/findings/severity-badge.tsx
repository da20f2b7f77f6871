import styles from "./findings.module.css";

export function SeverityBadge({ severity }: { severity: string }) {
  const tone = styles[severity.toLowerCase()] ?? styles.info;
  return (
    <span className={`${styles.sev} ${tone}`} data-severity={severity}>
      {severity.charAt(0) + severity.slice(1).toLowerCase()}
    </span>
  );
}

export function SlaState({ state, dueAt }: { state: string; dueAt: string | Date | null }) {
  if (state === "NONE") return <span className="muted">No SLA</span>;
  const label =
    { BREACHED: "Breached", DUE_SOON: "Due soon", ON_TRACK: "Within SLA", NONE: "—" }[state] ??
    state;
  return (
    <span
      className={`${styles.sla} ${styles[`sla${state}`] ?? ""}`}
      title={dueAt ? `Due ${new Date(dueAt).toISOString().slice(0, 10)}` : undefined}
    >
      {label}
      {dueAt && state !== "NONE" ? (
        <span className="muted"> · {new Date(dueAt).toISOString().slice(0, 10)}</span>
      ) : null}
    </span>
  );
}
