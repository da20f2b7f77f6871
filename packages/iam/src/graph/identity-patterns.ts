import { matchAction, resourceIntersects } from "../glob.matcher";
import { parsePolicyDocument } from "../policy.parser";
import type { TPolicyInput } from "../policy.types";

// A static pre-check of the identity side: the resource patterns of the Allow statements that
// can grant an action. Boundaries, SCPs and denies only take away, so a resource that no pattern
// intersects cannot be allowed by the identity side, and the evaluation can be skipped (a
// resource policy still may allow: callers evaluate those targets regardless).

export function identityAllowPatterns(policies: readonly { document: TPolicyInput }[], action: string): string[] {
  const out: string[] = [];
  for (const p of policies) {
    const parsed = parsePolicyDocument(p.document);
    // an unreadable policy is ignored by the evaluator too (reported as a warning there)
    if (!parsed.ok) continue;
    for (const st of parsed.policy.Statement) {
      if (st.Effect !== "Allow") continue;
      const grants = st.Action ? st.Action.some((a) => matchAction(a, action)) : st.NotAction ? !st.NotAction.some((a) => matchAction(a, action)) : false;
      if (!grants) continue;
      if (!st.Resource || st.NotResource) out.push("*");
      else for (const r of st.Resource) out.push(r.includes("${") ? "*" : r);
    }
  }
  return out;
}

/** Can some identity Allow statement grant `action` on (some resource matching) `arn`? */
export function patternsReach(patterns: readonly string[], arn: string): boolean {
  for (const pattern of patterns) if (pattern === "*" || resourceIntersects(pattern, arn)) return true;
  return false;
}
