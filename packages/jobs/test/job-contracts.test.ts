import { describe, expect, it } from "vitest";
import { JOBS, ZCollectTaskJob, ZConnectionTestJob, getConnectionSchedulerId } from "../src";

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

describe("connection.test", () => {
  it("carries ids only, and one run is one job", () => {
    const ok = {
      tenantId: "5f0c7c55-1f4e-4c8e-9d43-3b1f1d0b6a11",
      connectionId: "0c1f5f5e-2b0a-4f4e-8f3c-2f6b8c1d9e22",
      testId: "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c33",
    };
    expect(ZConnectionTestJob.parse(ok)).toEqual(ok);
    expect(() => ZConnectionTestJob.parse({ ...ok, externalId: "x" })).toThrow();
    expect(JOBS.connectionTest.jobId(ok)).toBe(`connection.test|${ok.testId}`);
    expect(JOBS.connectionTest.queue).toBe(JOBS.scanStart.queue);
  });
});
