"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { cancelScanAction, scanNowAction } from "./actions";

export function ScanNowButton({ connectionId, label }: { connectionId: string; label: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="row">
      <button
        className="button"
        type="button"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const r = await scanNowAction(connectionId);
            if (!r.ok) return setError(r.error);
            setError(null);
            if (r.data) router.push(`/scans/${r.data.scanId}`);
          })
        }
      >
        {pending ? "Requesting…" : label}
      </button>
      {error ? (
        <span className="alert error" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}

export function CancelScanButton({ scanId }: { scanId: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="row">
      <button
        className="button secondary"
        type="button"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const r = await cancelScanAction(scanId);
            if (!r.ok) return setError(r.error);
            router.refresh();
          })
        }
      >
        {pending ? "Cancelling…" : "Cancel scan"}
      </button>
      {error ? (
        <span className="alert error" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}
