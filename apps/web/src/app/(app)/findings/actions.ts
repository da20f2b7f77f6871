"use server";

import {
  AppError,
  authorize,
  addFindingComment,
  bulkAssign,
  bulkSuppress,
  createSavedView,
  deleteSavedView,
  reopenFindings,
  type TSavedViewPage,
} from "@guardrail/core";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type TActionResult } from "@/server/action-result";
import { getDb } from "@/server/services";
import { requirePageScope } from "@/server/session";

const ZIds = z.array(z.string()).max(10_000);

function revalidateFindings(ids: readonly string[] = []) {
  revalidatePath("/findings");
  revalidatePath("/findings/mine");
  for (const id of ids.slice(0, 20)) revalidatePath(`/findings/${id}`);
}

/** Assigns the selected findings to a member of the tenant (or unassigns them). ANALYST+. */
export async function assignFindingsAction(
  findingIds: string[],
  ownerUserId: string | null,
): Promise<TActionResult<{ updated: number }>> {
  return runAction("assign findings", async () => {
    const scope = await requirePageScope();
    authorize(scope, "findings.triage");
    const ids = ZIds.parse(findingIds);
    const r = await bulkAssign({
      db: getDb(),
      scope,
      findingIds: ids,
      ownerUserId: ownerUserId || null,
      now: new Date(),
    });
    revalidateFindings(ids);
    return r;
  });
}

const ZSuppressForm = z.object({
  reason: z.enum(["ACCEPTED_RISK", "FALSE_POSITIVE"], "Choose a reason."),
  justification: z.string(),
  expiresOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Choose an expiry date."),
});

/**
 * Suppresses the selected findings until the end of the expiry day (UTC). ANALYST+ suppress
 * at once; a BU owner's request waits for an analyst's approval.
 */
export async function suppressFindingsAction(
  findingIds: string[],
  form: { reason: string; justification: string; expiresOn: string },
): Promise<TActionResult<{ suppressed: number; requested: number }>> {
  return runAction("suppress findings", async () => {
    const scope = await requirePageScope();
    authorize(scope, "findings.requestSuppression");
    const ids = ZIds.parse(findingIds);
    const f = ZSuppressForm.safeParse(form);
    if (!f.success)
      throw new AppError("VALIDATION", f.error.issues[0]?.message ?? "Check the form.");
    const changes = await bulkSuppress({
      db: getDb(),
      scope,
      findingIds: ids,
      reason: f.data.reason,
      justification: f.data.justification,
      expiresAt: new Date(`${f.data.expiresOn}T23:59:59.000Z`),
      now: new Date(),
    });
    revalidateFindings(ids);
    return {
      suppressed: changes.reduce((n, c) => n + c.findingsSuppressed, 0),
      requested: changes.filter((c) => c.status === "REQUESTED").length,
    };
  });
}

/** Reopens resolved findings, or suppressed ones by revoking their own suppression. ANALYST+. */
export async function reopenFindingsAction(
  findingIds: string[],
): Promise<TActionResult<{ reopened: number }>> {
  return runAction("reopen findings", async () => {
    const scope = await requirePageScope();
    authorize(scope, "findings.triage");
    const ids = ZIds.parse(findingIds);
    const r = await reopenFindings({ db: getDb(), scope, findingIds: ids, now: new Date() });
    revalidateFindings(ids);
    return r;
  });
}

export async function commentOnFindingAction(
  findingId: string,
  body: string,
): Promise<TActionResult> {
  return runAction("comment on finding", async () => {
    const scope = await requirePageScope();
    authorize(scope, "findings.comment");
    await addFindingComment({
      db: getDb(),
      scope,
      findingId: String(findingId),
      body: String(body),
      now: new Date(),
    });
    revalidatePath(`/findings/${findingId}`);
    return undefined;
  });
}

export async function saveViewAction(
  page: TSavedViewPage,
  name: string,
  query: string,
): Promise<TActionResult<{ id: string; query: string }>> {
  return runAction("save view", async () => {
    const scope = await requirePageScope();
    const v = await createSavedView({ db: getDb(), scope, input: { page, name, query } });
    revalidateFindings();
    return { id: v.id, query: v.query };
  });
}

export async function deleteViewAction(savedViewId: string): Promise<TActionResult> {
  return runAction("delete view", async () => {
    const scope = await requirePageScope();
    await deleteSavedView({ db: getDb(), scope, savedViewId: String(savedViewId) });
    revalidateFindings();
    return undefined;
  });
}
