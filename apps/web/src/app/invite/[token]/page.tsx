import { getInvitationByToken, isAppError, type TInvitationPreview } from "@guardrail/core";
import type { Metadata } from "next";
import Link from "next/link";
import { getServerSession } from "next-auth";
import { formatDateTime } from "@/components/format";
import { getAuthOptions } from "@/server/auth-options";
import { getDb } from "@/server/services";
import { AcceptInvitation } from "./accept-invitation";

// The token is in the address: never send it to another site in a Referer header.
export const metadata: Metadata = { title: "Join an organization", referrer: "no-referrer", robots: { index: false } };
export const dynamic = "force-dynamic";

export default async function InvitePage(props: { params: Promise<{ token: string }> }) {
  const { token } = await props.params;
  let invitation: TInvitationPreview | null = null;
  let problem: string | null = null;
  try {
    invitation = await getInvitationByToken({ db: getDb(), token, now: new Date() });
  } catch (err) {
    if (!isAppError(err)) throw err;
    problem = err.message;
  }
  const session = await getServerSession(getAuthOptions());
  const signedInEmail = session?.user?.email ?? null;
  return (
    <main className="auth-page">
      <div className="auth-card panel">
        <p className="brand">Guardrail</p>
        {problem || !invitation ? (
          <>
            <h1>Invitation not valid</h1>
            <p className="alert error" role="alert">
              {problem}
            </p>
            <Link href="/signin">Go to sign in</Link>
          </>
        ) : (
          <>
            <h1>Join {invitation.tenantName}</h1>
            <p>
              You are invited as <strong>{invitation.role}</strong> with the email <strong>{invitation.email}</strong>. The
              invitation expires {formatDateTime(invitation.expiresAt)}.
            </p>
            <AcceptInvitation
              token={token}
              email={invitation.email}
              existingUser={invitation.existingUser}
              signedInEmail={signedInEmail}
              signInHref={`/signin?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`}
            />
          </>
        )}
      </div>
    </main>
  );
}
