"use client";

import Link from "next/link";
import { useId, useState, useTransition } from "react";
import { deleteViewAction, saveViewAction } from "@/app/(app)/findings/actions";
import { HydrationGate } from "@/components/hydration-gate";
import styles from "./findings.module.css";

type TSavedView = { id: string; name: string; query: string };

/**
 * The user's saved views of this page: apply (a link), delete, and save the current filters.
 * The list shows what the server confirmed at once (views saved or deleted here), without waiting
 * for the page's re-render after the action, which can lag on a busy server.
 */
export function SavedViews(props: {
  page: "findings" | "findings/mine";
  path: string;
  query: string;
  views: readonly TSavedView[];
}) {
  const id = useId();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const [saved, setSaved] = useState<readonly TSavedView[]>([]);
  const [deleted, setDeleted] = useState<ReadonlySet<string>>(new Set());
  const fromServer = new Set(props.views.map((v) => v.id));
  const views = [...props.views, ...saved.filter((v) => !fromServer.has(v.id))].filter(
    (v) => !deleted.has(v.id),
  );
  return (
    <div className={styles.views} aria-label="Saved views" role="group">
      <HydrationGate>
        {views.length > 0 ? <span className="muted">Saved views:</span> : null}
        {views.map((v) => (
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
                  setError(r.ok ? null : r.error);
                  if (r.ok) setDeleted((d) => new Set(d).add(v.id));
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
            const viewName = name.trim();
            start(async () => {
              const r = await saveViewAction(props.page, viewName, props.query);
              setError(r.ok ? null : r.error);
              if (r.ok && r.data) {
                const view = { id: r.data.id, name: viewName, query: r.data.query };
                setSaved((list) => [...list, view]);
                setName("");
              }
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
