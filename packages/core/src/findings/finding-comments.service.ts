import type { TDb } from "@guardrail/db";
import { z } from "zod";
import { authorize } from "../auth/roles";
import { AppError } from "../common/app-error";
import type { TTenantScope } from "../common/tenant-scope";
import { findReachableFinding } from "./findings-query.service";

export const ZFindingComment = z
  .string()
  .trim()
  .min(1, "Write a comment.")
  .max(4000, "Use at most 4,000 characters.");

/**
 * Adds a comment to a finding's history (a COMMENTED event). ANALYST+ on any finding of the
 * tenant, a BU_OWNER on the findings they can see; VIEWER cannot.
 */
export async function addFindingComment(opts: {
  db: TDb;
  scope: TTenantScope;
  findingId: string;
  body: string;
  now: Date;
}): Promise<{ eventId: string }> {
  const { db, scope } = opts;
  authorize(scope, "findings.comment");
  const body = ZFindingComment.safeParse(opts.body);
  if (!body.success) throw new AppError("VALIDATION", z.prettifyError(body.error));
  const finding = await findReachableFinding(db, scope, opts.findingId);
  const e = await db.findingEvent.create({
    data: {
      tenantId: scope.tenantId,
      findingId: finding.id,
      type: "COMMENTED",
      cause: "user",
      actorUserId: scope.userId,
      data: { comment: body.data },
      at: opts.now,
    },
    select: { id: true },
  });
  return { eventId: e.id };
}
