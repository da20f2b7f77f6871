"use server";

import {
  AppError,
  createBusinessUnit,
  deleteBusinessUnit,
  previewBusinessUnit,
  setTenantSlaDays,
  updateBusinessUnit,
  type TBusinessUnitInput,
  type TMappingPreview,
  type TSlaDays,
} from "@guardrail/core";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type TActionResult } from "@/server/action-result";
import { requestIp } from "@/server/request-ip";
import { getDb } from "@/server/services";
import { requirePageScope } from "@/server/session";

const ZId = z.guid();

function parseId(value: unknown): string {
  const id = ZId.safeParse(value);
  if (!id.success) throw new AppError("VALIDATION", "Invalid business unit id.");
  return id.data;
}

/** Creates (no id) or updates a business unit; core authorizes, validates and re-assigns findings. */
export async function saveBusinessUnitAction(
  businessUnitId: string | null,
  input: TBusinessUnitInput,
): Promise<TActionResult<{ id: string; findingsReassigned: number }>> {
  return runAction("save business unit", async () => {
    const scope = await requirePageScope();
    const ctx = { db: getDb(), scope, now: new Date(), ip: await requestIp() };
    const result = businessUnitId
      ? await updateBusinessUnit({ ...ctx, businessUnitId: parseId(businessUnitId), input })
      : await createBusinessUnit({ ...ctx, input });
    revalidatePath("/business-units");
    return result;
  });
}

export async function deleteBusinessUnitAction(businessUnitId: string): Promise<TActionResult<{ findingsReassigned: number }>> {
  return runAction("delete business unit", async () => {
    const scope = await requirePageScope();
    const result = await deleteBusinessUnit({
      db: getDb(),
      scope,
      businessUnitId: parseId(businessUnitId),
      now: new Date(),
      ip: await requestIp(),
    });
    revalidatePath("/business-units");
    return result;
  });
}

/** What a draft would own (rolled back, nothing saved). */
export async function previewBusinessUnitAction(
  businessUnitId: string | null,
  input: TBusinessUnitInput,
): Promise<TActionResult<TMappingPreview>> {
  return runAction("preview business unit", async () => {
    const scope = await requirePageScope();
    return previewBusinessUnit({
      db: getDb(),
      scope,
      businessUnitId: businessUnitId ? parseId(businessUnitId) : null,
      input,
    });
  });
}

export async function saveTenantSlaAction(slaDays: TSlaDays): Promise<TActionResult> {
  return runAction("save tenant SLA", async () => {
    const scope = await requirePageScope();
    await setTenantSlaDays({ db: getDb(), scope, now: new Date(), slaDays, ip: await requestIp() });
    revalidatePath("/business-units");
    return undefined;
  });
}
