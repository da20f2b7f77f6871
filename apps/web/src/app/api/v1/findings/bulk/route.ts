import { AppError, authorize, bulkAssign, bulkSuppress, reopenFindings } from "@guardrail/core";
import { NextResponse } from "next/server";
import { z } from "zod";
import { withApiErrors } from "@/server/http";
import { getDb } from "@/server/services";
import { requireApiScope } from "@/server/session";

export const dynamic = "force-dynamic";

const ZIds = z.array(z.string()).min(1).max(10_000);
const ZBulk = z.discriminatedUnion("action", [
  z.object({ action: z.literal("assign"), findingIds: ZIds, ownerUserId: z.string().nullable() }),
  z.object({
    action: z.literal("suppress"),
    findingIds: ZIds,
    reason: z.enum(["ACCEPTED_RISK", "FALSE_POSITIVE"]),
    justification: z.string(),
    expiresAt: z.iso.datetime({ message: "expiresAt is required (ISO 8601)." }),
  }),
  z.object({ action: z.literal("reopen"), findingIds: ZIds }),
]);

/**
 * POST /api/v1/findings/bulk — {"action": "assign" | "suppress" | "reopen", "findingIds": […], …}.
 * assign/reopen need triage rights; a BU owner's suppress becomes a request; VIEWER: 403.
 */
export const POST = withApiErrors("POST /api/v1/findings/bulk", async (request: Request) => {
  const scope = await requireApiScope();
  authorize(scope, "findings.requestSuppression");
  const parsed = ZBulk.safeParse(await request.json().catch(() => null));
  if (!parsed.success) throw new AppError("VALIDATION", z.prettifyError(parsed.error));
  const db = getDb();
  const now = new Date();
  const b = parsed.data;
  if (b.action === "assign")
    return NextResponse.json(
      await bulkAssign({ db, scope, findingIds: b.findingIds, ownerUserId: b.ownerUserId, now }),
    );
  if (b.action === "reopen")
    return NextResponse.json(await reopenFindings({ db, scope, findingIds: b.findingIds, now }));
  const changes = await bulkSuppress({
    db,
    scope,
    findingIds: b.findingIds,
    reason: b.reason,
    justification: b.justification,
    expiresAt: new Date(b.expiresAt),
    now,
  });
  return NextResponse.json({ suppressions: changes });
});
