import type { TCoverageRow, TGuardrailCell } from "@guardrail/core";
import Link from "next/link";
import styles from "./organization.module.css";

const LABEL: Record<TGuardrailCell["status"], string> = {
  PASS: "✓ covered",
  FAIL: "✗ gap",
  NOT_APPLICABLE: "n/a",
  UNABLE_TO_EVALUATE: "? unknown",
  NOT_COLLECTED: "? not collected",
};

function describe(cell: TGuardrailCell): string {
  const by = cell.providedBy.map((p) => `${p.policy} on ${p.attachedTo}`).join("; ");
  return by ? `${cell.message} — ${by}` : cell.message;
}

/**
 * Accounts × guardrails, one page of accounts (the gap totals count every account). Each cell is
 * the verdict of the rule that checks that guardrail on the account's effective SCPs/RCPs
 * (root → OUs → account); its title says which policy provides it.
 */
export function CoverageMatrix(props: {
  guardrails: { key: string; title: string; ruleId: string }[];
  rows: TCoverageRow[];
  /** per guardrail key, accounts with a gap among all accounts (not only this page) */
  gaps: Record<string, number>;
  /** the pages of accounts, when there are several */
  pages?: { page: number; count: number; total: number; href: (page: number) => string };
}) {
  if (props.rows.length === 0) return <p className="muted">No account yet — first scan pending.</p>;
  const gaps = props.guardrails.map((g) => props.gaps[g.key] ?? 0);
  const pages = props.pages;
  return (
    <div className="table-scroll">
      <table className={`data compact ${styles.matrix}`} data-testid="coverage-matrix">
        <caption className="sr-only">Guardrail coverage per account</caption>
        <thead>
          <tr>
            <th scope="col">Account</th>
            {props.guardrails.map((g) => (
              <th scope="col" key={g.key} title={g.ruleId}>
                {g.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr key={r.accountId} data-account-id={r.accountId}>
              <th scope="row" style={{ fontWeight: 400 }}>
                <strong>{r.name}</strong> <span className="muted small">{r.accountId}</span>
                {r.isManagement ? <span className="badge status-warn">management</span> : null}
                <div className="muted small">{r.path.join(" / ")}</div>
              </th>
              {r.cells.map((c) => (
                <td key={c.guardrail}>
                  <span
                    className={`${styles.cell} ${styles[c.status]}`}
                    title={describe(c)}
                    data-status={c.status}
                  >
                    {LABEL[c.status]}
                  </span>
                  <span className="sr-only">{describe(c)}</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Accounts with a gap</th>
            {gaps.map((n, i) => (
              <td key={props.guardrails[i]!.key} data-testid={`gaps-${props.guardrails[i]!.key}`}>
                <strong style={{ color: n > 0 ? "var(--danger)" : "var(--ok)" }}>{n}</strong>
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
      {pages && pages.count > 1 ? (
        <nav className="row" aria-label="Coverage pages">
          {pages.page > 1 ? <Link href={pages.href(pages.page - 1)}>Previous accounts</Link> : null}
          <span className="muted">
            Page {pages.page} of {pages.count} ({pages.total.toLocaleString("en-US")} accounts)
          </span>
          {pages.page < pages.count ? (
            <Link href={pages.href(pages.page + 1)}>Next accounts</Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
