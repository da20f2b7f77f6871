import Link from "next/link";

export default function NotFound() {
  return (
    <main className="auth-page">
      <div className="auth-card panel">
        <h1>Not found</h1>
        <p>There is nothing at this address, or you do not have access to it.</p>
        <Link href="/">Back to the overview</Link>
      </div>
    </main>
  );
}
