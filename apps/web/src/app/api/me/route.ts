import { listMemberships } from "@guardrail/core";
import { NextResponse } from "next/server";
import { withApiErrors } from "@/server/http";
import { getDb } from "@/server/services";
import { requireApiScope } from "@/server/session";

export const dynamic = "force-dynamic";

export const GET = withApiErrors("GET /api/me", async () => {
  const scope = await requireApiScope();
  const db = getDb();
  const user = await db.user.findUniqueOrThrow({ where: { id: scope.userId }, select: { id: true, email: true, name: true } });
  const memberships = await listMemberships(db, scope.userId);
  return NextResponse.json({ user, tenantId: scope.tenantId, role: scope.role, memberships });
});
