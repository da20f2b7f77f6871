import { getScanProgress, listCoverageGaps } from "@guardrail/core";
import { NextResponse } from "next/server";
import { z } from "zod";
import { withApiErrors } from "@/server/http";
import { getDb } from "@/server/services";
import { requireApiScope } from "@/server/session";

export const dynamic = "force-dynamic";

/** Live progress of one scan of the caller's tenant: tasks done / total, per account, coverage gaps. */
export const GET = withApiErrors(
  "GET /api/v1/scans/:id/progress",
  async (_req: Request, ctx: { params: Promise<{ scanId: string }> }) => {
    const scope = await requireApiScope();
    const parsed = z.string().uuid().safeParse((await ctx.params).scanId);
    if (!parsed.success) return NextResponse.json({ error: { code: "NOT_FOUND", message: "Scan not found." } }, { status: 404 });
    const db = getDb();
    const [progress, gaps] = await Promise.all([
      getScanProgress({ db, scope, scanId: parsed.data }),
      listCoverageGaps({ db, scope, scanId: parsed.data }),
    ]);
    return NextResponse.json({ ...progress, coverageGaps: gaps });
  },
);
