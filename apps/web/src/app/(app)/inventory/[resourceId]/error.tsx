"use client";

import Link from "next/link";

export default function ResourceError({
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div className="alert error" role="alert">
      <p>This resource could not be loaded. The error has been logged.</p>
      <div className="row">
        <button className="button secondary" type="button" onClick={() => reset()}>
          Try again
        </button>
        <Link href="/inventory">Back to the inventory</Link>
      </div>
    </div>
  );
}
