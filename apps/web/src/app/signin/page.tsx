import type { Metadata } from "next";
import { z } from "zod";
import { safeCallbackPath } from "@/server/safe-callback";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

const ZSearch = z.object({
  callbackUrl: z.string().optional(),
  error: z.string().optional(),
});

const ERRORS: Record<string, string> = {
  CredentialsSignin: "That email and password do not match an account.",
  RATE_LIMITED: "Too many sign-in attempts. Try again in 15 minutes.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const parsed = ZSearch.safeParse(await searchParams);
  const search = parsed.success ? parsed.data : {};
  const error = search.error ? (ERRORS[search.error] ?? "Sign-in failed. Try again.") : null;
  return (
    <main className="auth-page">
      <div className="auth-card panel">
        <p className="brand">Guardrail</p>
        <h1>Sign in</h1>
        {error ? (
          <p className="alert error" role="alert">
            {error}
          </p>
        ) : null}
        <SignInForm callbackUrl={safeCallbackPath(search.callbackUrl)} />
      </div>
    </main>
  );
}
