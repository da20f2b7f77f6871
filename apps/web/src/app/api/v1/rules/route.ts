import { listRuleCatalog, type TRuleCatalogFilter } from "@guardrail/core";
import { NextResponse } from "next/server";
import { withApiErrors } from "@/server/http";
import { getDb } from "@/server/services";
import { requireApiScope } from "@/server/session";

export const dynamic = "force-dynamic";

/** The rule catalog with the tenant's settings: `?framework=&service=&q=&state=enabled|disabled|overridden`. */
export const GET = withApiErrors("GET /api/v1/rules", async (request: Request) => {
  const scope = await requireApiScope();
  const params = new URL(request.url).searchParams;
  const filter: Record<string, string> = {};
  for (const key of ["framework", "service", "q", "state"]) {
    const v = params.get(key);
    if (v) filter[key] = v;
  }
  return NextResponse.json(await listRuleCatalog({ db: getDb(), scope, filter: filter as TRuleCatalogFilter }));
});
