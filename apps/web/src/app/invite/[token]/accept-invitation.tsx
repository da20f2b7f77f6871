"use client";

import { signIn } from "next-auth/react";
import Link from "next/link";
import { useState, useTransition, type FormEvent } from "react";
import { acceptAsNewUserAction, acceptAsSignedInUserAction } from "./actions";
import { HydrationGate } from "@/components/hydration-gate";

export function AcceptInvitation(props: {
  token: string;
  email: string;
  existingUser: boolean;
  signedInEmail: string | null;
  signInHref: string;
}) {
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  if (props.signedInEmail) {
    if (props.signedInEmail.toLowerCase() !== props.email) {
      return (
        <p className="alert error" role="alert">
          You are signed in as {props.signedInEmail}, but this invitation is for {props.email}.{" "}
          <Link href="/signout">Sign out</Link> and open the link again.
        </p>
      );
    }
    return (
      <>
        {error ? (
          <p className="alert error" role="alert">
            {error}
          </p>
        ) : null}
        <button
          className="button"
          type="button"
          disabled={pending}
          onClick={() =>
            start(async () => {
              const r = await acceptAsSignedInUserAction(props.token);
              if (r.ok) window.location.assign("/");
              else setError(r.error);
            })
          }
        >
          {pending ? "Joining…" : "Join the organization"}
        </button>
      </>
    );
  }

  if (props.existingUser) {
    return (
      <p>
        You already have a Guardrail account. <Link href={props.signInHref}>Sign in as {props.email}</Link> to accept.
      </p>
    );
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get("password") ?? "");
    if (password !== String(form.get("confirm") ?? "")) {
      setError("The two passwords differ.");
      return;
    }
    start(async () => {
      const r = await acceptAsNewUserAction(props.token, { name: String(form.get("name") ?? ""), password });
      if (!r.ok) {
        setError(r.error);
        return;
      }
      await signIn("credentials", { email: props.email, password, callbackUrl: "/" });
    });
  };

  return (
    <form onSubmit={onSubmit} aria-label="Create your account">
      <HydrationGate>
      {error ? (
        <p className="alert error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="invite-account-email">Email</label>
        <input id="invite-account-email" type="email" value={props.email} readOnly autoComplete="username" />
      </div>
      <div className="field">
        <label htmlFor="name">Your name</label>
        <input id="name" name="name" required maxLength={100} autoComplete="name" />
      </div>
      <div className="field">
        <label htmlFor="password">Password (at least 12 characters)</label>
        <input id="password" name="password" type="password" required minLength={12} autoComplete="new-password" />
      </div>
      <div className="field">
        <label htmlFor="confirm">Repeat the password</label>
        <input id="confirm" name="confirm" type="password" required minLength={12} autoComplete="new-password" />
      </div>
      <button className="button" type="submit" disabled={pending}>
        {pending ? "Creating your account…" : "Create account and join"}
      </button>
      </HydrationGate>
    </form>
  );
}
