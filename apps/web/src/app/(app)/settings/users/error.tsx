"use client";

export default function UsersError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="alert error" role="alert">
      <p>Users and invitations could not be loaded. The error has been logged.</p>
      <button className="button secondary" type="button" onClick={() => reset()}>
        Try again
      </button>
    </div>
  );
}
