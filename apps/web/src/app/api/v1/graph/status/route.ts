import { getAccessGraphStatus } from "@guardrail/core";
import { NextResponse } from "next/server";
import { withApiErrors } from "@/server/http";
import { getDb } from "@/server/services";
import { requireApiScope } from "@/server/session";

export const dynamic = "force-dynamic";

/** GET /api/v1/graph/status: the current access-graph build (null before the first scan finished). */
export const GET = withApiErrors("GET /api/v1/graph/status", async () => {
  const scope = await requireApiScope();
  return NextResponse.json({ build: await getAccessGraphStatus({ db: getDb(), scope }) });
});
