"use client";

import { useState, useTransition } from "react";
import { commentOnFindingAction } from "@/app/(app)/findings/actions";
import { HydrationGate } from "@/components/hydration-gate";

export function CommentForm({ findingId }: { findingId: string }) {
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const r = await commentOnFindingAction(findingId, body);
          setError(r.ok ? null : r.error);
          // the action revalidates this page: the timeline comes back with the comment
          if (r.ok) setBody("");
        });
      }}
    >
      <HydrationGate>
        <div className="field" style={{ marginBottom: 0 }}>
          <label htmlFor="finding-comment">Add a comment</label>
          <textarea
            id="finding-comment"
            required
            maxLength={4000}
            rows={3}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            style={{
              font: "inherit",
              padding: "0.5rem",
              border: "1px solid var(--border)",
              borderRadius: 8,
            }}
          />
        </div>
        <div className="row">
          <button className="button" type="submit" disabled={pending}>
            {pending ? "Posting…" : "Comment"}
          </button>
          {error ? (
            <span className="alert error" role="alert" style={{ marginBottom: 0 }}>
              {error}
            </span>
          ) : null}
        </div>
      </HydrationGate>
    </form>
  );
}
