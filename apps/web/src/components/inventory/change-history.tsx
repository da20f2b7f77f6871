import Link from "next/link";
import { formatDateTime } from "@/components/format";
import { diffFromResourceChange, formatValue } from "./field-diff";
import styles from "./inventory.module.css";

export interface TChangeView {
  id: string;
  type: string;
  at: string;
  scanId: string | null;
  diff: unknown;
}

const WHAT: Record<string, string> = {
  CREATED: "First seen",
  UPDATED: "Configuration changed",
  DELETED: "No longer found (deleted)",
  RESTORED: "Seen again (restored)",
};

/** The resource's changes, newest first, each UPDATED one with its field-level diff. */
export function ChangeHistory({ changes }: { changes: TChangeView[] }) {
  if (changes.length === 0)
    return <p className="muted">No change recorded since the resource was first seen.</p>;
  return (
    <ol className={`stack ${styles.changes}`}>
      {changes.map((c) => {
        const fields = diffFromResourceChange(c.diff);
        return (
          <li key={c.id}>
            <div className="row">
              <strong>{WHAT[c.type] ?? c.type}</strong>
              <time className="muted" dateTime={c.at}>
                {formatDateTime(c.at)}
              </time>
              {c.scanId ? (
                <Link className="muted" href={`/scans/${c.scanId}`} prefetch={false}>
                  scan
                </Link>
              ) : null}
            </div>
            {fields.length > 0 ? (
              <details open={fields.length <= 8}>
                <summary>
                  {fields.length} field{fields.length === 1 ? "" : "s"} changed
                </summary>
                <table
                  className={`${styles.table} ${styles.diff}`}
                  aria-label={`Changes at ${formatDateTime(c.at)}`}
                >
                  <thead>
                    <tr>
                      <th scope="col">Field</th>
                      <th scope="col">Before</th>
                      <th scope="col">After</th>
                    </tr>
                  </thead>
                  <tbody>
                    {fields.map((f) => (
                      <tr key={f.path}>
                        <td>{f.path}</td>
                        <td className={f.kind === "added" ? undefined : styles.before}>
                          {f.kind === "added" ? "—" : formatValue(f.before)}
                        </td>
                        <td className={f.kind === "removed" ? undefined : styles.after}>
                          {f.kind === "removed" ? "—" : formatValue(f.after)}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
