"use client";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="alert error" role="alert">
      <p>This page could not be loaded. The error has been logged.</p>
      <button className="button secondary" type="button" onClick={() => reset()}>
        Try again
      </button>
    </div>
  );
}
