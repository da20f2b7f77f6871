import { describe, expect, it } from "vitest";
import { evaluate, failed, makeResource } from "../../../test/fixtures";
import { eksClusterAuditLoggingRule } from "./cluster-audit-logging.rule";
import { eksClusterEndpointNotPublicRule } from "./cluster-endpoint-not-public.rule";
import { eksClusterSecretsEncryptedRule } from "./cluster-secrets-encrypted.rule";

const good = {
  name: "c",
  resourcesVpcConfig: { endpointPublicAccess: false, endpointPrivateAccess: true, publicAccessCidrs: [] },
  encryptionConfig: [{ resources: ["secrets"], provider: { keyArn: "arn:aws:kms:us-east-1:111122223333:key/k" } }],
  logging: { clusterLogging: [{ types: ["audit", "api"], enabled: true }] },
};
const cluster = (over: Record<string, unknown> = {}) => makeResource("AWS::EKS::Cluster", { ...good, ...over });

describe.each([
  { rule: eksClusterEndpointNotPublicRule, bad: { resourcesVpcConfig: { endpointPublicAccess: true, publicAccessCidrs: ["0.0.0.0/0"] } }, key: "resourcesVpcConfig.publicAccessCidrs", value: ["0.0.0.0/0"] },
  { rule: eksClusterSecretsEncryptedRule, bad: { encryptionConfig: [] }, key: "encryptionConfig[].resources", value: [] },
  { rule: eksClusterAuditLoggingRule, bad: { logging: { clusterLogging: [{ types: ["audit"], enabled: false }] } }, key: "logging.clusterLogging[enabled].types", value: [] },
])("$rule.id", ({ rule, bad, key, value }) => {
  it("passes on a hardened cluster", () => expect(evaluate(rule, cluster()).status).toBe("PASS"));
  it("fails with evidence", () => {
    const v = evaluate(rule, cluster(bad));
    expect(v.status).toBe("FAIL");
    expect(v.evidence[key]).toEqual(value);
  });
  it("is unable to evaluate when the eks collection failed", () => expect(evaluate(rule, cluster(bad), [], { statuses: [failed("eks")] }).status).toBe("UNABLE_TO_EVALUATE"));
});

describe("endpoint restricted to CIDRs", () => {
  it("passes", () => {
    const v = evaluate(eksClusterEndpointNotPublicRule, cluster({ resourcesVpcConfig: { endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] } }));
    expect(v.status).toBe("PASS");
  });
});
