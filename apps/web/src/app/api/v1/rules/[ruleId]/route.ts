import { updateRuleSetting, type TRuleSettingInput } from "@guardrail/core";
import { NextResponse } from "next/server";
import { withApiErrors } from "@/server/http";
import { readJsonObject } from "@/server/read-json";
import { requestIp } from "@/server/request-ip";
import { getDb } from "@/server/services";
import { requireApiScope } from "@/server/session";

export const dynamic = "force-dynamic";

/** `{ enabled, severityOverride }` for one rule (rules.manage). */
export const PUT = withApiErrors(
  "PUT /api/v1/rules/[ruleId]",
  async (request: Request, context: { params: Promise<{ ruleId: string }> }) => {
    const scope = await requireApiScope();
    const { ruleId } = await context.params;
    const input = (await readJsonObject(request)) as TRuleSettingInput;
    const saved = await updateRuleSetting({ db: getDb(), scope, ruleId, input, ip: await requestIp() });
    return NextResponse.json(saved);
  },
);
