"use client";

import Link from "next/link";

/** Trends could not be read (database down, a bug): never shown as "no data". */
export default function TrendsError({
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div className="stack">
      <h1>Trends</h1>
      <div className="alert error" role="alert">
        <p>
          The posture trends could not be loaded. The error has been logged; nothing was changed.
        </p>
        <div className="row">
          <button className="button secondary" type="button" onClick={() => reset()}>
            Try again
          </button>
          <Link href="/trends">Back to the organization&apos;s trend</Link>
        </div>
      </div>
    </div>
  );
}
