import type { Metadata } from "next";
import { SignOutButton } from "./sign-out-button";

export const metadata: Metadata = { title: "Sign out" };

export default function SignOutPage() {
  return (
    <main className="auth-page">
      <div className="auth-card panel">
        <p className="brand">Guardrail</p>
        <h1>Sign out</h1>
        <p>You will need your email and password to come back.</p>
        <SignOutButton />
      </div>
    </main>
  );
}
