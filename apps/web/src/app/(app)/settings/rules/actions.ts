"use server";

import { updateRuleSetting, type TRuleSettingInput } from "@guardrail/core";
import { revalidatePath } from "next/cache";
import { runAction, type TActionResult } from "@/server/action-result";
import { requestIp } from "@/server/request-ip";
import { getDb } from "@/server/services";
import { requirePageScope } from "@/server/session";

/** Enable/disable a rule or override its severity for the tenant (`rules.manage`, audited). */
export async function updateRuleSettingAction(ruleId: string, input: TRuleSettingInput): Promise<TActionResult> {
  return runAction("update rule setting", async () => {
    const scope = await requirePageScope();
    await updateRuleSetting({ db: getDb(), scope, ruleId: String(ruleId), input, ip: await requestIp() });
    revalidatePath("/settings/rules");
    return undefined;
  });
}
