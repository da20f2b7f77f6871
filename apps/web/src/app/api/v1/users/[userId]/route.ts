import { changeMemberRole, removeMember, type TRole } from "@guardrail/core";
import { NextResponse } from "next/server";
import { z } from "zod";
import { withApiErrors } from "@/server/http";
import { readJsonObject } from "@/server/read-json";
import { requestIp } from "@/server/request-ip";
import { getDb } from "@/server/services";
import { requireApiScope } from "@/server/session";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ userId: string }> };

async function idOf(context: TContext): Promise<string> {
  const { userId } = await context.params;
  return z.uuid().safeParse(userId).success ? userId : "00000000-0000-0000-0000-000000000000";
}

/** `{ role }`: change a member's role (users.manage; never the last OWNER). */
export const PATCH = withApiErrors("PATCH /api/v1/users/[userId]", async (request: Request, context: TContext) => {
  const scope = await requireApiScope();
  const body = await readJsonObject(request);
  await changeMemberRole({
    db: getDb(),
    scope,
    userId: await idOf(context),
    role: body.role as TRole,
    now: new Date(),
    ip: await requestIp(),
  });
  return new NextResponse(null, { status: 204 });
});

export const DELETE = withApiErrors("DELETE /api/v1/users/[userId]", async (_request: Request, context: TContext) => {
  const scope = await requireApiScope();
  await removeMember({ db: getDb(), scope, userId: await idOf(context), now: new Date(), ip: await requestIp() });
  return new NextResponse(null, { status: 204 });
});
