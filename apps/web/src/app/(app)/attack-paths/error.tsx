"use client";

import Link from "next/link";

/** The attack paths could not be read (database down, a bug): never shown as "no attack paths". */
export default function AttackPathsError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="stack">
      <h1>Attack paths</h1>
      <div className="alert error" role="alert">
        <p>The attack paths could not be loaded. The error has been logged; nothing was changed.</p>
        <div className="row">
          <button className="button secondary" type="button" onClick={() => reset()}>
            Try again
          </button>
          <Link href="/attack-paths">Start over without filters</Link>
        </div>
      </div>
    </div>
  );
}
