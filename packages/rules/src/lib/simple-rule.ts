import type { TCollectedResource } from "@guardrail/collectors";
import type { TRuleContext } from "../context";
import { fail, pass, type TRuleVerdict } from "../rule";
import { checkDataAvailable } from "./guard";

/** A rule that reads a few fields of its own resource and decides from them. */
export function evaluateFields(
  resource: TCollectedResource,
  ctx: TRuleContext,
  opts: {
    operations?: string[];
    evidence: Record<string, unknown>;
    ok: boolean;
    passMessage: string;
    failMessage: string;
  },
): TRuleVerdict {
  const missing = checkDataAvailable(resource, ctx, { operations: opts.operations ?? [] });
  if (missing) return missing;
  return opts.ok ? pass(opts.passMessage, opts.evidence) : fail(opts.failMessage, opts.evidence);
}
