import { listResourceFacets, listResources } from "@guardrail/core";
import { NextResponse, type NextRequest } from "next/server";
import { parseInventoryParams } from "@/components/inventory/inventory-params";
import { withApiErrors } from "@/server/http";
import { getDb } from "@/server/services";
import { requireApiScope } from "@/server/session";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/resources?q=&accountId=&ouId=&businessUnitId=&region=&service=&resourceType=
 * &tag=key[=value]&hasFindings=yes|no&deleted=exclude|include|only&sort=arn|type|lastSeen
 * &dir=asc|desc&size=1..200&after=|before=<cursor>&facets=1
 * One keyset page of the inventory (and the facet counts with `facets=1`).
 */
export const GET = withApiErrors("GET /api/v1/resources", async (request: NextRequest) => {
  const scope = await requireApiScope();
  const params = request.nextUrl.searchParams;
  const query = parseInventoryParams(params);
  const db = getDb();
  const [list, facets] = await Promise.all([
    listResources({ db, scope, filters: query.filters, sort: query.sort, page: query.page }),
    params.get("facets") === "1" ? listResourceFacets({ db, scope, filters: query.filters }) : null,
  ]);
  return NextResponse.json({ ...list, ...(facets ? { facets } : {}) });
});
