import { listMembers } from "@guardrail/core";
import { NextResponse } from "next/server";
import { withApiErrors } from "@/server/http";
import { getDb } from "@/server/services";
import { requireApiScope } from "@/server/session";

export const dynamic = "force-dynamic";

export const GET = withApiErrors("GET /api/v1/users", async () => {
  const scope = await requireApiScope();
  return NextResponse.json({ members: await listMembers({ db: getDb(), scope }) });
});
