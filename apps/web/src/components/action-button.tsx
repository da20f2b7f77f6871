"use client";

import { useState, useTransition } from "react";
import { useHydrated } from "@/components/hydration-gate";

export interface TActionButtonResult {
  ok: boolean;
  error?: string;
}

/** A button that runs a server action, shows that it is pending, and shows its error. */
export function ActionButton(props: {
  label: string;
  pendingLabel: string;
  secondary?: boolean;
  run: () => Promise<TActionButtonResult>;
}) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const hydrated = useHydrated();
  return (
    <span className="row">
      <button
        className={props.secondary ? "button secondary" : "button"}
        type="button"
        disabled={pending || !hydrated}
        onClick={() =>
          start(async () => {
            const r = await props.run();
            setError(r.ok ? null : (r.error ?? "Something went wrong."));
          })
        }
      >
        {pending ? props.pendingLabel : props.label}
      </button>
      {error ? (
        <span className="alert error" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}
