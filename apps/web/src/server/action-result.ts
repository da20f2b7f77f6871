import { isAppError } from "@guardrail/core";

export type TActionResult<T = undefined> = { ok: true; data?: T; message?: string } | { ok: false; error: string };

/** The action-side twin of toErrorResponse: coded errors become messages, others are logged. */
export async function runAction<T>(context: string, fn: () => Promise<T>): Promise<TActionResult<T>> {
  try {
    return { ok: true, data: await fn() };
  } catch (err) {
    if (isAppError(err)) return { ok: false, error: err.message };
    // Next.js uses exceptions for redirects and notFound(): let them through.
    if (err && typeof err === "object" && "digest" in err) throw err;
    console.error(`[action] ${context} failed:`, err instanceof Error ? err.message : "unknown error");
    return { ok: false, error: "Something went wrong. The error has been logged." };
  }
}
