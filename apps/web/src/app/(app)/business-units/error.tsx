"use client";

export default function BusinessUnitsError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="alert error" role="alert">
      <p>Business units could not be loaded. The error has been logged.</p>
      <button className="button secondary" type="button" onClick={() => reset()}>
        Try again
      </button>
    </div>
  );
}
