import { describe, expect, it } from "vitest";
import { evaluate, failed, makeResource, withErrors } from "../../../test/fixtures";
import { kmsKeyNotPendingDeletionRule } from "./key-not-pending-deletion.rule";
import { kmsKeyRotationEnabledRule } from "./key-rotation-enabled.rule";

const key = (meta: Record<string, unknown>, rotation: boolean) =>
  makeResource("AWS::KMS::Key", {
    KeyMetadata: { KeyId: "k", KeyManager: "CUSTOMER", KeySpec: "SYMMETRIC_DEFAULT", KeyState: "Enabled", Origin: "AWS_KMS", ...meta },
    KeyRotationEnabled: rotation,
    Policy: null,
  });

describe(kmsKeyRotationEnabledRule.id, () => {
  const rule = kmsKeyRotationEnabledRule;
  it("passes with rotation", () => expect(evaluate(rule, key({}, true)).status).toBe("PASS"));
  it("fails without rotation", () => expect(evaluate(rule, key({}, false))).toMatchObject({ status: "FAIL", evidence: { KeyId: "k", KeyRotationEnabled: false } }));
  it("is not applicable to AWS managed or asymmetric keys", () => {
    expect(evaluate(rule, key({ KeyManager: "AWS" }, false)).status).toBe("NOT_APPLICABLE");
    expect(evaluate(rule, key({ KeySpec: "RSA_2048" }, false)).status).toBe("NOT_APPLICABLE");
  });
  it("is unable to evaluate when GetKeyRotationStatus was denied", () => {
    expect(evaluate(rule, withErrors(key({}, false), { GetKeyRotationStatus: "AccessDeniedException" })).status).toBe("UNABLE_TO_EVALUATE");
  });
});

describe(kmsKeyNotPendingDeletionRule.id, () => {
  const rule = kmsKeyNotPendingDeletionRule;
  it("passes for an enabled key", () => expect(evaluate(rule, key({}, true)).status).toBe("PASS"));
  it("fails when pending deletion", () => {
    const v = evaluate(rule, key({ KeyState: "PendingDeletion", DeletionDate: "2026-06-20T00:00:00Z" }, true));
    expect(v).toMatchObject({ status: "FAIL", evidence: { KeyState: "PendingDeletion", DeletionDate: "2026-06-20T00:00:00Z" } });
  });
  it("is unable to evaluate when the kms collection failed", () => {
    expect(evaluate(rule, key({}, true), [], { statuses: [failed("kms")] }).status).toBe("UNABLE_TO_EVALUATE");
  });
});
