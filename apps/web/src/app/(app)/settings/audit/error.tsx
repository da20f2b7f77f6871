"use client";

export default function AuditError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="alert error" role="alert">
      <p>The audit log could not be loaded. The error has been logged.</p>
      <button className="button secondary" type="button" onClick={() => reset()}>
        Try again
      </button>
    </div>
  );
}
