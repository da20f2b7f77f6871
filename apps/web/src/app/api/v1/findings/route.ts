import { listFindings, parseFindingsSearchParams } from "@guardrail/core";
import { NextResponse } from "next/server";
import { getFindingsCatalog } from "@/components/findings/rule-catalog";
import { withApiErrors } from "@/server/http";
import { getDb } from "@/server/services";
import { requireApiScope } from "@/server/session";

export const dynamic = "force-dynamic";

function record(url: URL): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of url.searchParams) (out[k] ??= []).push(v);
  return out;
}

/**
 * GET /api/v1/findings?severity=HIGH&status=OPEN&sort=dueAt&dir=asc&page=2&size=50[&mine=1]
 * The same filters as the Findings page (OPEN by default); a BU owner gets only their reach.
 */
export const GET = withApiErrors("GET /api/v1/findings", async (request: Request) => {
  const scope = await requireApiScope();
  const url = new URL(request.url);
  const q = parseFindingsSearchParams(record(url));
  const result = await listFindings({
    db: getDb(),
    scope,
    filters: q.filters,
    sort: q.sort,
    page: { size: q.size, offset: (q.page - 1) * q.size },
    rules: getFindingsCatalog().view,
    mine: url.searchParams.get("mine") === "1",
  });
  return NextResponse.json({ page: q.page, size: q.size, ...result });
});
