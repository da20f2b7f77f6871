import { countBusinessUnitContents, createBusinessUnit, listBusinessUnits, type TBusinessUnitInput } from "@guardrail/core";
import { NextResponse } from "next/server";
import { withApiErrors } from "@/server/http";
import { readJsonObject } from "@/server/read-json";
import { requestIp } from "@/server/request-ip";
import { getDb } from "@/server/services";
import { requireApiScope } from "@/server/session";

export const dynamic = "force-dynamic";

/** The business units; `?include=counts` adds resources and open findings per unit (reads the whole inventory). */
export const GET = withApiErrors("GET /api/v1/business-units", async (request: Request) => {
  const scope = await requireApiScope();
  const withCounts = new URL(request.url).searchParams.get("include") === "counts";
  const [list, counts] = await Promise.all([
    listBusinessUnits({ db: getDb(), scope }),
    withCounts ? countBusinessUnitContents({ db: getDb(), scope }) : Promise.resolve(undefined),
  ]);
  return NextResponse.json({ ...list, ...(counts ? { counts } : {}) });
});

export const POST = withApiErrors("POST /api/v1/business-units", async (request: Request) => {
  const scope = await requireApiScope();
  const input = (await readJsonObject(request)) as TBusinessUnitInput;
  const result = await createBusinessUnit({ db: getDb(), scope, input, now: new Date(), ip: await requestIp() });
  return NextResponse.json(result, { status: 201 });
});
