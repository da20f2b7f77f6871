import type { TDb } from "@guardrail/db";
import { AppError } from "../common/app-error";
import { getDecoyHash, verifyPassword } from "./password";

/** A counter with expiry (Redis INCR + EXPIRE in the web app; in memory in tests). */
export interface TAttemptCounter {
  /** Increments the key and returns the count within the current window. */
  increment(key: string, windowSeconds: number): Promise<number>;
  reset(key: string): Promise<void>;
}

export const SIGN_IN_LIMITS = {
  /** attempts per email (any IP) per window */
  perEmail: 10,
  /** attempts per client IP (any email) per window */
  perIp: 100,
  windowSeconds: 15 * 60,
};

export interface TSignInInput {
  email: string;
  password: string;
  ip: string | null;
}

export interface TSignedInUser {
  id: string;
  email: string;
  name: string;
}

/**
 * Verifies an email + password. Rate-limited per email and per IP; unknown emails cost the
 * same time as known ones; disabled users cannot sign in. Returns null for bad credentials,
 * throws RATE_LIMITED when the limit is reached.
 */
export async function verifySignIn(
  deps: { db: TDb; attempts: TAttemptCounter },
  input: TSignInInput,
): Promise<TSignedInUser | null> {
  const email = input.email.trim().toLowerCase();
  const emailKey = `signin:email:${email}`;
  const ipKey = `signin:ip:${input.ip ?? "unknown"}`;
  const [byEmail, byIp] = await Promise.all([
    deps.attempts.increment(emailKey, SIGN_IN_LIMITS.windowSeconds),
    deps.attempts.increment(ipKey, SIGN_IN_LIMITS.windowSeconds),
  ]);
  if (byEmail > SIGN_IN_LIMITS.perEmail || byIp > SIGN_IN_LIMITS.perIp) {
    throw new AppError("RATE_LIMITED", "Too many sign-in attempts. Try again in 15 minutes.");
  }

  const user = await deps.db.user.findUnique({
    where: { email },
    omit: { passwordHash: false },
  });
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await getDecoyHash()));
  if (!user || !ok || user.disabledAt) return null;

  await Promise.all([
    deps.attempts.reset(emailKey),
    deps.db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } }),
  ]);
  return { id: user.id, email: user.email, name: user.name };
}

export function createInMemoryAttemptCounter(): TAttemptCounter {
  const counts = new Map<string, { count: number; expiresAt: number }>();
  return {
    async increment(key, windowSeconds) {
      const now = Date.now();
      const current = counts.get(key);
      if (!current || current.expiresAt <= now) {
        counts.set(key, { count: 1, expiresAt: now + windowSeconds * 1000 });
        return 1;
      }
      current.count += 1;
      return current.count;
    },
    async reset(key) {
      counts.delete(key);
    },
  };
}
