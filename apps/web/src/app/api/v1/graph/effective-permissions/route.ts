import { AppError, getEffectivePermissions } from "@guardrail/core";
import { NextResponse } from "next/server";
import { withApiErrors } from "@/server/http";
import { getDb } from "@/server/services";
import { requireApiScope } from "@/server/session";

export const dynamic = "force-dynamic";

/** GET /api/v1/graph/effective-permissions?principalArn=<user or role ARN>: by service and access level. */
export const GET = withApiErrors("GET /api/v1/graph/effective-permissions", async (request: Request) => {
  const scope = await requireApiScope();
  const principalArn = new URL(request.url).searchParams.get("principalArn");
  if (!principalArn) throw new AppError("VALIDATION", "principalArn is required.");
  const result = await getEffectivePermissions({ db: getDb(), scope, principalArn });
  return NextResponse.json(result);
});
