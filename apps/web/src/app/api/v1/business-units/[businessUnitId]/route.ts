import { deleteBusinessUnit, updateBusinessUnit, type TBusinessUnitInput } from "@guardrail/core";
import { NextResponse } from "next/server";
import { z } from "zod";
import { withApiErrors } from "@/server/http";
import { readJsonObject } from "@/server/read-json";
import { requestIp } from "@/server/request-ip";
import { getDb } from "@/server/services";
import { requireApiScope } from "@/server/session";

export const dynamic = "force-dynamic";

type TContext = { params: Promise<{ businessUnitId: string }> };

async function idOf(context: TContext): Promise<string> {
  const { businessUnitId } = await context.params;
  // An id that is not a UUID cannot exist: answer like any unknown id.
  return z.guid().safeParse(businessUnitId).success ? businessUnitId : "00000000-0000-0000-0000-000000000000";
}

export const PUT = withApiErrors("PUT /api/v1/business-units/[id]", async (request: Request, context: TContext) => {
  const scope = await requireApiScope();
  const input = (await readJsonObject(request)) as TBusinessUnitInput;
  const result = await updateBusinessUnit({
    db: getDb(),
    scope,
    businessUnitId: await idOf(context),
    input,
    now: new Date(),
    ip: await requestIp(),
  });
  return NextResponse.json(result);
});

export const DELETE = withApiErrors("DELETE /api/v1/business-units/[id]", async (_request: Request, context: TContext) => {
  const scope = await requireApiScope();
  const result = await deleteBusinessUnit({
    db: getDb(),
    scope,
    businessUnitId: await idOf(context),
    now: new Date(),
    ip: await requestIp(),
  });
  return NextResponse.json(result);
});
