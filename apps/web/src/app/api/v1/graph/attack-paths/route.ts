import { listAttackPaths } from "@guardrail/core";
import { NextResponse } from "next/server";
import { withApiErrors } from "@/server/http";
import { getDb } from "@/server/services";
import { requireApiScope } from "@/server/session";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/graph/attack-paths[?accountId=…][&businessUnitId=…][&ruleId=…][&page=1&size=50]
 * Open attack-path findings, ranked, with their path; a BU owner gets only their reach.
 */
export const GET = withApiErrors("GET /api/v1/graph/attack-paths", async (request: Request) => {
  const scope = await requireApiScope();
  const sp = new URL(request.url).searchParams;
  const filters: Record<string, string> = {};
  for (const key of ["accountId", "businessUnitId", "ruleId", "page", "size"]) {
    const value = sp.get(key);
    if (value) filters[key] = value;
  }
  return NextResponse.json(await listAttackPaths({ db: getDb(), scope, filters }));
});
