import { describe, expect, it } from "vitest";
import { ACCOUNT, evaluate, failed, iamRole } from "../../../test/fixtures";
import { iamRoleThirdPartyExternalIdRule } from "./role-third-party-external-id.rule";
import { iamRoleTrustNotPublicRule } from "./role-trust-not-public.rule";

const vendor = "999988887777";
const trust = (statement: Record<string, unknown>) => ({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", ...statement }] });

describe(iamRoleThirdPartyExternalIdRule.id, () => {
  const rule = iamRoleThirdPartyExternalIdRule;
  it("fails for a vendor trust without external id", () => {
    const v = evaluate(rule, iamRole("vendor", trust({ Principal: { AWS: `arn:aws:iam::${vendor}:root` } })));
    expect(v.status).toBe("FAIL");
    expect(v.evidence.trustWithoutExternalId).toEqual([{ accountId: vendor, principal: `arn:aws:iam::${vendor}:root`, sid: null }]);
  });
  it("passes with an external id", () => {
    const role = iamRole("vendor", trust({ Principal: { AWS: vendor }, Condition: { StringEquals: { "sts:ExternalId": "abc-123" } } }));
    expect(evaluate(rule, role).status).toBe("PASS");
  });
  it("is not applicable to same-account trust", () => {
    expect(evaluate(rule, iamRole("local", trust({ Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` } }))).status).toBe("NOT_APPLICABLE");
  });
  it("is unable to evaluate when the iam collection failed", () => {
    const v = evaluate(rule, iamRole("vendor", trust({ Principal: { AWS: vendor } })), [], { statuses: [failed("iam", "global")] });
    expect(v.status).toBe("UNABLE_TO_EVALUATE");
  });
});

describe(iamRoleTrustNotPublicRule.id, () => {
  const rule = iamRoleTrustNotPublicRule;
  it("fails for Principal *", () => {
    const v = evaluate(rule, iamRole("open", trust({ Principal: { AWS: "*" } })));
    expect(v).toMatchObject({ status: "FAIL", evidence: { trustsAnyone: true } });
  });
  it("passes for * restricted to the organization", () => {
    const role = iamRole("org", trust({ Principal: { AWS: "*" }, Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc" } } }));
    expect(evaluate(rule, role)).toMatchObject({ status: "PASS", evidence: { trustsAnyone: false } });
  });
  it("is unable to evaluate when the iam collection failed", () => {
    const v = evaluate(rule, iamRole("open", trust({ Principal: "*" })), [], { statuses: [failed("iam", "global")] });
    expect(v.status).toBe("UNABLE_TO_EVALUATE");
  });
});
