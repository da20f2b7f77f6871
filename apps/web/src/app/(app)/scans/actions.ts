"use server";

import { cancelScan, listScanTargets, requestManualScan } from "@guardrail/core";
import { enqueueScanEvaluate, enqueueScanStart } from "@guardrail/jobs";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type TActionResult } from "@/server/action-result";
import { getQueues } from "@/server/queues";
import { getDb } from "@/server/services";
import { requirePageScope } from "@/server/session";

const ZUuid = z.string().uuid();

/** "Scan now": one active scan per connection; a second request joins the running one. */
export async function scanNowAction(connectionId: string): Promise<TActionResult<{ scanId: string; joined: boolean }>> {
  return runAction("scan now", async () => {
    const scope = await requirePageScope();
    const db = getDb();
    const id = ZUuid.parse(connectionId);
    const result = await requestManualScan({ db, scope, connectionId: id });
    if (!result.joined) await enqueueScanStart(getQueues(), { tenantId: scope.tenantId, scanId: result.scanId });
    revalidatePath("/scans");
    return result;
  });
}

/** Scans every connection of the tenant (the Scans page's button when there are several). */
export async function scanAllAction(): Promise<TActionResult<{ scans: number }>> {
  return runAction("scan all", async () => {
    const scope = await requirePageScope();
    const db = getDb();
    const connections = await listScanTargets({ db, scope });
    for (const c of connections) {
      const r = await requestManualScan({ db, scope, connectionId: c.id });
      if (!r.joined) await enqueueScanStart(getQueues(), { tenantId: scope.tenantId, scanId: r.scanId });
    }
    revalidatePath("/scans");
    return { scans: connections.length };
  });
}

export async function cancelScanAction(scanId: string): Promise<TActionResult> {
  return runAction("cancel scan", async () => {
    const scope = await requirePageScope();
    const id = ZUuid.parse(scanId);
    const result = await cancelScan({ db: getDb(), scope, scanId: id });
    // When nothing is left running, the evaluate step finishes the scan as CANCELLED.
    if (result.collectionDone) await enqueueScanEvaluate(getQueues(), { tenantId: scope.tenantId, scanId: id });
    revalidatePath("/scans");
    revalidatePath(`/scans/${id}`);
    return undefined;
  });
}
