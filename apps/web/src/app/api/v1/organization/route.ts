import { getOrganizationOverview } from "@guardrail/core";
import { NextResponse } from "next/server";
import { withApiErrors } from "@/server/http";
import { getDb } from "@/server/services";
import { requireApiScope } from "@/server/session";

export const dynamic = "force-dynamic";

/** GET /api/v1/organization: OU/account tree, SCPs and RCPs, guardrail coverage matrix (not for BU_OWNER). */
export const GET = withApiErrors("GET /api/v1/organization", async () => {
  const scope = await requireApiScope();
  return NextResponse.json(await getOrganizationOverview({ db: getDb(), scope, now: new Date() }));
});
