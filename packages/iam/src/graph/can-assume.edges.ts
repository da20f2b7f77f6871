import { matchAction } from "../glob.matcher";
import type { TPolicyInput } from "../policy.types";
import { accountNode, addEdge, addNode, anyoneNode, lastSegment, reasonsOf, type TBuildState, type TPrincipalEntry } from "./build-state";
import { asString } from "./graph-inventory";

// can-assume: who can assume each role. Services, anyone and accounts outside the organization
// come from the trust policy alone; principals of the organization need their identity side too
// (trust policy and caller evaluated together, SCPs of the caller's account, RCPs of the role's).

export function* addAssumeEdges(state: TBuildState): Generator<void, void, void> {
  const { org } = state;
  for (const role of state.roles) {
    yield;
    const roleArn = asString(role.configuration.Arn) ?? role.resourceId;
    const trust = state.trusts.get(roleArn);
    if (!trust || trust.parseError) continue;
    const trustDoc = (role.configuration.AssumeRolePolicyDocument ?? "") as TPolicyInput;
    const rcps = org.rcpLevels(role.accountId);
    const candidates = new Map<string, TPrincipalEntry>();
    for (const statement of trust.statements) {
      if (!statement.actions.some((a) => matchAction(a, "sts:AssumeRole"))) continue;
      const conditional = statement.conditionKeys.length > 0;
      const decision = conditional ? "CONDITIONAL" : "ALLOWED";
      for (const ref of statement.principals) {
        if (ref.kind === "Service") {
          const id = `service:${ref.value}`;
          addNode(state, { id, kind: "service", accountId: null, region: null, name: ref.value, properties: {} });
          addEdge(state, id, roleArn, "can-assume", decision, { action: "sts:AssumeRole", conditions: statement.conditionKeys, reasons: [`trust policy ${statement.sid ? `statement "${statement.sid}"` : ""} trusts ${ref.value}`.replace("  ", " ")] });
          continue;
        }
        if (ref.kind === "Anyone" || (ref.kind === "Federated" && trust.federatedWithoutSubjectCondition.includes(ref.value))) {
          if (!trust.trustsAnyone && ref.kind === "Anyone") continue;
          addEdge(state, anyoneNode(state), roleArn, "can-assume", decision, {
            action: ref.kind === "Federated" ? "sts:AssumeRoleWithWebIdentity" : "sts:AssumeRole",
            conditions: statement.conditionKeys,
            reasons: [ref.kind === "Federated" ? `trust policy trusts ${ref.value} without pinning the subject: anyone with a token from it` : "trust policy trusts any AWS principal (\"*\")"],
          });
          continue;
        }
        if (ref.kind !== "AWS" || !ref.accountId) continue;
        if (!state.organizationAccountIds.has(ref.accountId) && ref.accountId !== role.accountId) {
          addEdge(state, accountNode(state, ref.accountId), roleArn, "can-assume", decision, {
            action: "sts:AssumeRole",
            conditions: statement.conditionKeys,
            reasons: [`trust policy trusts ${ref.value} outside the organization${statement.hasExternalIdCondition ? " (sts:ExternalId required)" : " without sts:ExternalId"}`],
          });
          continue;
        }
        const named = state.principals.get(ref.value);
        if (named) candidates.set(named.arn, named);
        else if (/^\d{12}$/.test(ref.value) || ref.value.endsWith(":root")) {
          for (const p of state.principalsByAccount.get(ref.accountId) ?? []) if (p.mayAssume) candidates.set(p.arn, p);
        }
      }
    }
    if (candidates.size === 0) continue;
    const resource = { arn: roleArn, accountId: role.accountId, policy: { name: "trust policy", document: trustDoc }, kind: "role-trust" as const, tags: role.tags ?? {} };
    const target = lastSegment(roleArn);
    const resourceAccountIsManagement = org.managementAccountId === role.accountId;
    for (const p of candidates.values()) {
      if (p.arn === roleArn) continue;
      state.evaluations++;
      const res = p.evaluator.evaluate({ action: "sts:AssumeRole", resource, ...(rcps ? { rcps } : {}), resourceAccountIsManagement });
      if (res.decision === "DENIED") continue;
      addEdge(state, p.arn, roleArn, "can-assume", res.decision, { action: "sts:AssumeRole", conditions: res.unresolvedConditions, reasons: reasonsOf("sts:AssumeRole", target, res) });
    }
  }
}
