"use server";

import { acceptInvitation } from "@guardrail/core";
import { getServerSession } from "next-auth";
import { cookies } from "next/headers";
import { getEnv } from "@/env";
import { runAction, type TActionResult } from "@/server/action-result";
import { getAuthOptions } from "@/server/auth-options";
import { requestIp } from "@/server/request-ip";
import { getDb } from "@/server/services";
import { TENANT_COOKIE } from "@/server/session";

async function remember(tenantId: string) {
  (await cookies()).set(TENANT_COOKIE, tenantId, { httpOnly: true, sameSite: "lax", path: "/", secure: getEnv().NODE_ENV === "production" });
}

/** A new user accepts: creates the account with the invited email, name and password. */
export async function acceptAsNewUserAction(
  token: string,
  input: { name: string; password: string },
): Promise<TActionResult<{ email: string }>> {
  return runAction("accept invitation (new user)", async () => {
    const r = await acceptInvitation({
      db: getDb(),
      token: String(token),
      now: new Date(),
      newUser: { name: String(input.name ?? ""), password: String(input.password ?? "") },
      ip: await requestIp(),
    });
    await remember(r.tenantId);
    return { email: r.email };
  });
}

/** The signed-in user (whose email was invited) joins the organization. */
export async function acceptAsSignedInUserAction(token: string): Promise<TActionResult> {
  return runAction("accept invitation (signed in)", async () => {
    const session = await getServerSession(getAuthOptions());
    const userId = session?.user?.id;
    const r = await acceptInvitation({
      db: getDb(),
      token: String(token),
      now: new Date(),
      signedInUserId: userId ?? null,
      newUser: userId ? null : { name: "", password: "" },
      ip: await requestIp(),
    });
    await remember(r.tenantId);
    return undefined;
  });
}
