"use client";

import type { TMappingPreview } from "@guardrail/core";
import { describeMapping, type TDraftMapping } from "./types";

/** A preview count: exact, or "more than" the cap it stopped at. */
function count(value: number, overCap: boolean): string {
  return overCap ? `more than ${value.toLocaleString("en-US")}` : String(value);
}

/** What the draft rules match, refreshed as they are edited (nothing is saved). */
export function MappingPreview(props: {
  preview: TMappingPreview | null;
  error: string | null;
  loading: boolean;
  drafts: TDraftMapping[];
}) {
  const { preview } = props;
  return (
    <aside className="preview" aria-label="Preview of what matches" aria-busy={props.loading}>
      <h3>
        Preview <span className="muted small">{props.loading ? "updating…" : "live, not saved"}</span>
      </h3>
      {props.error ? (
        <p className="alert error" role="alert">
          {props.error}
        </p>
      ) : null}
      {!preview ? (
        <p className="muted">{props.loading ? "Computing what matches…" : "Add a rule to see what it matches."}</p>
      ) : (
        <>
          <dl className="preview-totals" data-testid="preview-totals">
            <div>
              <dt>Accounts</dt>
              <dd data-testid="preview-accounts">{preview.accountsTotal}</dd>
            </div>
            <div>
              <dt>Resources</dt>
              <dd data-testid="preview-resources">{count(preview.resourcesTotal, preview.resourcesOverCap)}</dd>
            </div>
            <div>
              <dt>Open findings</dt>
              <dd data-testid="preview-findings">{count(preview.openFindings, preview.openFindingsOverCap)}</dd>
            </div>
          </dl>
          <p className="muted small">After precedence: what this business unit would own once saved.</p>
          {preview.mappings.length > 0 ? (
            <table className="data compact" aria-label="Matches per rule">
              <thead>
                <tr>
                  <th scope="col">Rule</th>
                  <th scope="col">Accounts</th>
                  <th scope="col">Resources</th>
                </tr>
              </thead>
              <tbody>
                {preview.mappings.map((m) => {
                  const draft = props.drafts[m.index];
                  return (
                    <tr key={m.mappingId}>
                      <td>
                        {draft ? describeMapping({ ...draft, tagValue: draft.tagValue || null }) : `rule ${m.index + 1}`}
                        {m.sampleAccounts.length ? (
                          <div className="muted small">
                            {m.sampleAccounts.map((a) => `${a.name} (${a.accountId})`).join(", ")}
                            {m.accounts > m.sampleAccounts.length ? ", …" : ""}
                          </div>
                        ) : null}
                      </td>
                      <td>{m.accountsOverCap ? `at least ${m.accounts}` : m.accounts}</td>
                      <td>{count(m.resources, m.resourcesOverCap)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          ) : null}
          {preview.accounts.length > 0 ? (
            <>
              <h4>Accounts it would own</h4>
              <ul className="plain small">
                {preview.accounts.map((a) => (
                  <li key={a.accountId}>
                    {a.name} <span className="muted">({a.accountId}, by {a.step.toLowerCase().replace("_", " ")})</span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      )}
    </aside>
  );
}
