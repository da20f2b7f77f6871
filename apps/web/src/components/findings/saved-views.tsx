"use client";

import Link from "next/link";
import { useId, useState, useTransition } from "react";
import { deleteViewAction, saveViewAction } from "@/app/(app)/findings/actions";
import { HydrationGate } from "@/components/hydration-gate";
import styles from "./findings.module.css";

/** The user's saved views of this page: apply (a link), delete, and save the current filters. */
export function SavedViews(props: {
  page: "findings" | "findings/mine";
  path: string;
  query: string;
  views: readonly { id: string; name: string; query: string }[];
}) {
  const id = useId();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <div className={styles.views} aria-label="Saved views" role="group">
      <HydrationGate>
        {props.views.length > 0 ? <span className="muted">Saved views:</span> : null}
        {props.views.map((v) => (
          <span key={v.id} className="badge">
            <Link href={v.query ? `${props.path}?${v.query}` : props.path}>{v.name}</Link>{" "}
            <button
              type="button"
              aria-label={`Delete saved view ${v.name}`}
              style={{ border: 0, background: "none", cursor: "pointer", font: "inherit" }}
              disabled={pending}
              onClick={() =>
                start(async () => {
                  const r = await deleteViewAction(v.id);
                  // the action revalidates this page: the list comes back without the view
                  setError(r.ok ? null : r.error);
                })
              }
            >
              ×
            </button>
          </span>
        ))}
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            start(async () => {
              const r = await saveViewAction(props.page, name, props.query);
              setError(r.ok ? null : r.error);
              // the action revalidates this page: the list comes back with the new view
              if (r.ok) setName("");
            });
          }}
        >
          <label htmlFor={`${id}-name`} className="muted">
            Save these filters as
          </label>
          <input
            id={`${id}-name`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={80}
            placeholder="View name"
            style={{
              font: "inherit",
              padding: "0.35rem 0.5rem",
              border: "1px solid var(--border)",
              borderRadius: 6,
            }}
          />
          <button className="button secondary" type="submit" disabled={pending}>
            Save view
          </button>
        </form>
        {error ? (
          <span className="alert error" role="alert" style={{ marginBottom: 0 }}>
            {error}
          </span>
        ) : null}
      </HydrationGate>
    </div>
  );
}
