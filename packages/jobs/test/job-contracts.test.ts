import { describe, expect, it } from "vitest";
import { JOBS, ZCollectTaskJob, getConnectionSchedulerId, resolveRateBudget } from "../src";

const scanId = "6f1c1f43-3c2a-4f59-9d7f-2c5f9b1c8a10";
const tenantId = "0b0c5d8e-6a4f-4a57-8a2d-9f5a3c6b7d21";

describe("job contracts", () => {
  it("gives a collect task a deterministic id without ':' (BullMQ refuses it)", () => {
    const payload = {
      tenantId,
      scanId,
      accountId: "222222222222",
      region: "eu-west-1",
      service: "ec2",
    };
    expect(JOBS.collectTask.jobId(payload)).toBe(`${scanId}|222222222222|eu-west-1|ec2`);
    expect(JOBS.collectTask.jobId(payload)).toBe(JOBS.collectTask.jobId({ ...payload }));
    expect(JOBS.collectTask.jobId(payload)).not.toContain(":");
    expect(JOBS.scanStart.jobId({ tenantId, scanId })).toBe(`scan.start|${scanId}`);
    expect(getConnectionSchedulerId(scanId)).toBe(`connection.schedule|${scanId}`);
  });

  it("refuses payloads that carry anything but ids (no credentials)", () => {
    const ok = { tenantId, scanId, accountId: "222222222222", region: "eu-west-1", service: "ec2" };
    expect(ZCollectTaskJob.parse(ok)).toEqual(ok);
    expect(() => ZCollectTaskJob.parse({ ...ok, secretAccessKey: "x" })).toThrow();
    expect(() => ZCollectTaskJob.parse({ ...ok, accountId: "12" })).toThrow(/12 digits/);
  });
});

describe("rate budgets", () => {
  it("defaults EC2 to a third of AWS's Describe bucket (100 tokens, 20/s)", () => {
    const ec2 = resolveRateBudget("ec2");
    expect(ec2.perSecond).toBeCloseTo(20 / 3);
    expect(ec2.burst).toBeLessThanOrEqual(34);
  });
  it("applies overrides, and `default` only to services without their own budget", () => {
    expect(resolveRateBudget("ec2", { ec2: { perSecond: 2 } })).toEqual({
      perSecond: 2,
      burst: 33,
    });
    expect(resolveRateBudget("unknown", { default: { perSecond: 1, burst: 2 } })).toEqual({
      perSecond: 1,
      burst: 2,
    });
    expect(resolveRateBudget("iam", { default: { perSecond: 1, burst: 2 } })).toEqual({
      perSecond: 5,
      burst: 10,
    });
    expect(() => resolveRateBudget("ec2", { ec2: { perSecond: 0 } })).toThrow(/perSecond/);
  });
});
