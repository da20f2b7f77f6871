"use client";

/** The organization could not be read (no permission, database down): never shown as "no data". */
export default function OrganizationError({
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div className="stack">
      <h1>Organization</h1>
      <div className="alert error" role="alert">
        <p>The organization could not be loaded. The error has been logged; nothing was changed.</p>
        <button className="button secondary" type="button" onClick={() => reset()}>
          Try again
        </button>
      </div>
    </div>
  );
}
