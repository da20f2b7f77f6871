import { listAuditLog } from "@guardrail/core";
import { NextResponse } from "next/server";
import { withApiErrors } from "@/server/http";
import { getDb } from "@/server/services";
import { requireApiScope } from "@/server/session";

export const dynamic = "force-dynamic";

/** `?actor=<userId>&action=<action or prefix.>&from=YYYY-MM-DD&to=YYYY-MM-DD&page=&pageSize=` (audit.read). */
export const GET = withApiErrors("GET /api/v1/audit", async (request: Request) => {
  const scope = await requireApiScope();
  const p = new URL(request.url).searchParams;
  const opt = (k: string) => p.get(k) || undefined;
  const log = await listAuditLog(getDb(), scope, {
    actorUserId: opt("actor"),
    action: opt("action"),
    from: opt("from"),
    to: opt("to"),
    page: opt("page"),
    pageSize: opt("pageSize"),
  });
  return NextResponse.json(log);
});
