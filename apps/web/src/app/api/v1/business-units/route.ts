import { createBusinessUnit, listBusinessUnits, type TBusinessUnitInput } from "@guardrail/core";
import { NextResponse } from "next/server";
import { withApiErrors } from "@/server/http";
import { readJsonObject } from "@/server/read-json";
import { requestIp } from "@/server/request-ip";
import { getDb } from "@/server/services";
import { requireApiScope } from "@/server/session";

export const dynamic = "force-dynamic";

export const GET = withApiErrors("GET /api/v1/business-units", async () => {
  const scope = await requireApiScope();
  return NextResponse.json(await listBusinessUnits({ db: getDb(), scope }));
});

export const POST = withApiErrors("POST /api/v1/business-units", async (request: Request) => {
  const scope = await requireApiScope();
  const input = (await readJsonObject(request)) as TBusinessUnitInput;
  const result = await createBusinessUnit({ db: getDb(), scope, input, now: new Date(), ip: await requestIp() });
  return NextResponse.json(result, { status: 201 });
});
