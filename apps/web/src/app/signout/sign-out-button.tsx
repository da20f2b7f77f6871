"use client";

import { signOut } from "next-auth/react";
import { useHydrated } from "@/components/hydration-gate";

export function SignOutButton() {
  const hydrated = useHydrated();
  return (
    <button
      className="button"
      type="button"
      disabled={!hydrated}
      onClick={() => signOut({ callbackUrl: "/signin" })}
    >
      Sign out
    </button>
  );
}
