import { listScans } from "@guardrail/core";
import { NextResponse } from "next/server";
import { withApiErrors } from "@/server/http";
import { getDb } from "@/server/services";
import { requireApiScope } from "@/server/session";

export const dynamic = "force-dynamic";

export const GET = withApiErrors("GET /api/v1/scans", async () => {
  const scope = await requireApiScope();
  return NextResponse.json({ scans: await listScans({ db: getDb(), scope, take: 100 }) });
});
