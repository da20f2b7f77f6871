import { AppError, previewBusinessUnit, type TBusinessUnitInput } from "@guardrail/core";
import { NextResponse } from "next/server";
import { z } from "zod";
import { withApiErrors } from "@/server/http";
import { readJsonObject } from "@/server/read-json";
import { getDb } from "@/server/services";
import { requireApiScope } from "@/server/session";

export const dynamic = "force-dynamic";

/** What a draft business unit (`{ businessUnitId?, ...input }`) would match; nothing is saved. */
export const POST = withApiErrors("POST /api/v1/business-units/preview", async (request: Request) => {
  const scope = await requireApiScope();
  const { businessUnitId, ...input } = await readJsonObject(request);
  const id = businessUnitId == null ? null : z.guid().safeParse(businessUnitId);
  if (id && !id.success) throw new AppError("VALIDATION", "businessUnitId must be a UUID.");
  const preview = await previewBusinessUnit({
    db: getDb(),
    scope,
    businessUnitId: id ? id.data : null,
    input: input as TBusinessUnitInput,
  });
  return NextResponse.json(preview);
});
