import { headers } from "next/headers";

/** The client address of the current request (first x-forwarded-for hop), for the audit log. */
export async function requestIp(): Promise<string | null> {
  const h = await headers();
  const forwarded = h.get("x-forwarded-for");
  if (forwarded) return forwarded.split(",")[0]!.trim() || null;
  return h.get("x-real-ip");
}
