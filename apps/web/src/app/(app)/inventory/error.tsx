"use client";

import Link from "next/link";

/** The inventory could not be read (database down, a bug): never shown as "no resources". */
export default function InventoryError({
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div className="stack">
      <h1>Inventory</h1>
      <div className="alert error" role="alert">
        <p>The inventory could not be loaded. The error has been logged; nothing was changed.</p>
        <div className="row">
          <button className="button secondary" type="button" onClick={() => reset()}>
            Try again
          </button>
          <Link href="/inventory">Start over without filters</Link>
        </div>
      </div>
    </div>
  );
}
