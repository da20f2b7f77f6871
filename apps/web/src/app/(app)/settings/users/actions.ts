"use server";

import {
  changeMemberRole,
  createInvitation,
  removeMember,
  revokeInvitation,
  type TInvitationInput,
  type TRole,
} from "@guardrail/core";
import { revalidatePath } from "next/cache";
import { runAction, type TActionResult } from "@/server/action-result";
import { requestIp } from "@/server/request-ip";
import { getDb } from "@/server/services";
import { requirePageScope } from "@/server/session";

async function context() {
  return { db: getDb(), scope: await requirePageScope(), now: new Date(), ip: await requestIp() };
}

/** Creates an invitation; the token comes back once (the link is built in the browser from it). */
export async function createInvitationAction(
  input: TInvitationInput,
): Promise<TActionResult<{ id: string; token: string; expiresAt: string }>> {
  return runAction("create invitation", async () => {
    const r = await createInvitation({ ...(await context()), input });
    revalidatePath("/settings/users");
    return { id: r.id, token: r.token, expiresAt: r.expiresAt.toISOString() };
  });
}

export async function revokeInvitationAction(invitationId: string): Promise<TActionResult> {
  return runAction("revoke invitation", async () => {
    await revokeInvitation({ ...(await context()), invitationId: String(invitationId) });
    revalidatePath("/settings/users");
    return undefined;
  });
}

export async function changeMemberRoleAction(userId: string, role: TRole): Promise<TActionResult> {
  return runAction("change member role", async () => {
    await changeMemberRole({ ...(await context()), userId: String(userId), role });
    revalidatePath("/settings/users");
    return undefined;
  });
}

export async function removeMemberAction(userId: string): Promise<TActionResult> {
  return runAction("remove member", async () => {
    await removeMember({ ...(await context()), userId: String(userId) });
    revalidatePath("/settings/users");
    return undefined;
  });
}
