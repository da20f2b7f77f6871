import { AppError, resolveTenantScope, type TTenantScope } from "@guardrail/core";
import { getServerSession } from "next-auth";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getAuthOptions } from "./auth-options";
import { getDb } from "./services";

/** Cookie holding the tenant the user chose in the tenant switcher (checked against memberships). */
export const TENANT_COOKIE = "gr_tenant";

async function currentUserId(): Promise<string | null> {
  const session = await getServerSession(getAuthOptions());
  return session?.user?.id ?? null;
}

async function scopeFor(userId: string): Promise<TTenantScope> {
  const requestedTenantId = (await cookies()).get(TENANT_COOKIE)?.value ?? null;
  return resolveTenantScope(getDb(), { userId, requestedTenantId });
}

/** For pages and server actions: the signed-in user's tenant scope, or a redirect to sign in. */
export async function requirePageScope(): Promise<TTenantScope> {
  const userId = await currentUserId();
  if (!userId) redirect("/signin");
  return scopeFor(userId);
}

/** For route handlers: the scope, or UNAUTHENTICATED (401) / FORBIDDEN (403). */
export async function requireApiScope(): Promise<TTenantScope> {
  const userId = await currentUserId();
  if (!userId) throw new AppError("UNAUTHENTICATED", "Sign in first.");
  return scopeFor(userId);
}
