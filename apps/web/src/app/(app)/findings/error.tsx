"use client";

export default function FindingsError({
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div className="alert error" role="alert">
      <p>
        The findings could not be loaded (this is an error, not an empty list). It has been logged.
      </p>
      <button className="button secondary" type="button" onClick={() => reset()}>
        Try again
      </button>
    </div>
  );
}
