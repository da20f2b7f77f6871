import { getTenant } from "@guardrail/core";
import { NextResponse } from "next/server";
import { withApiErrors } from "@/server/http";
import { getDb } from "@/server/services";
import { requireApiScope } from "@/server/session";

export const dynamic = "force-dynamic";

export const GET = withApiErrors("GET /api/v1/tenant", async () => {
  const scope = await requireApiScope();
  const tenant = await getTenant(getDb(), scope);
  return NextResponse.json({ id: tenant.id, name: tenant.name, slug: tenant.slug, role: scope.role });
});
