"use client";

import Link from "next/link";

/** The graph could not be read (database down, a bug): never shown as "nothing reachable". */
export default function BlastRadiusError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="stack">
      <h1>Blast radius</h1>
      <div className="alert error" role="alert">
        <p>The blast radius could not be computed. The error has been logged; nothing was changed.</p>
        <div className="row">
          <button className="button secondary" type="button" onClick={() => reset()}>
            Try again
          </button>
          <Link href="/attack-paths">Back to attack paths</Link>
        </div>
      </div>
    </div>
  );
}
