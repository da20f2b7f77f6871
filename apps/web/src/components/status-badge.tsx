const TONE: Record<string, string> = {
  SUCCEEDED: "ok",
  CONNECTED: "ok",
  PARTIAL: "warn",
  DEGRADED: "warn",
  FAILED: "bad",
  ERROR: "bad",
  CANCELLED: "muted",
  DISABLED: "muted",
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <span className={`badge status-${TONE[status] ?? "active"}`} data-status={status}>
      {status.replaceAll("_", " ").toLowerCase()}
    </span>
  );
}
