import { isAppError, verifySignIn } from "@guardrail/core";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getEnv } from "@/env";
import { getAttemptCounter, getDb } from "./services";

const EIGHT_HOURS = 8 * 60 * 60;

function clientIp(headers: Record<string, unknown> | undefined): string | null {
  const forwarded = headers?.["x-forwarded-for"];
  if (typeof forwarded === "string" && forwarded.length > 0) return forwarded.split(",")[0]!.trim();
  const real = headers?.["x-real-ip"];
  return typeof real === "string" ? real : null;
}

/** next-auth: email + password, JWT session in an HttpOnly cookie, 8-hour sessions. */
export function getAuthOptions(): NextAuthOptions {
  const env = getEnv();
  return {
    secret: env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: EIGHT_HOURS },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
        },
        async authorize(credentials, req) {
          const email = credentials?.email ?? "";
          const password = credentials?.password ?? "";
          if (!email || !password) return null;
          try {
            const user = await verifySignIn(
              { db: getDb(), attempts: getAttemptCounter() },
              { email, password, ip: clientIp(req?.headers) },
            );
            return user ? { id: user.id, email: user.email, name: user.name } : null;
          } catch (err) {
            if (isAppError(err) && err.code === "RATE_LIMITED") throw new Error("RATE_LIMITED");
            throw err;
          }
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) token.uid = user.id;
        return token;
      },
      session({ session, token }) {
        if (session.user && typeof token.uid === "string") session.user.id = token.uid;
        return session;
      },
    },
    // next-auth's default logger prints request metadata; keep only codes and messages so
    // that no credential or token can reach a log.
    logger: {
      error(code, metadata) {
        const message = metadata instanceof Error ? metadata.message : (metadata as { message?: string })?.message;
        console.error(`[auth] ${code}${message ? `: ${message}` : ""}`);
      },
      warn(code) {
        console.warn(`[auth] ${code}`);
      },
      debug() {},
    },
  };
}
