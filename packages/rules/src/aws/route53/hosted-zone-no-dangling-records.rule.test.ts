import { describe, expect, it } from "vitest";
import { accountSettings, evaluate, makeResource, s3Bucket, withErrors } from "../../../test/fixtures";
import { route53HostedZoneNoDanglingRecordsRule as rule } from "./hosted-zone-no-dangling-records.rule";

const zone = (records: Record<string, unknown>[]) =>
  makeResource("AWS::Route53::HostedZone", { Id: "/hostedzone/Z1", Name: "example.com.", Config: { PrivateZone: false }, ResourceRecordSets: records });
const eip = makeResource("AWS::EC2::EIP", { PublicIp: "52.1.2.3", AllocationId: "eipalloc-1" });
const cname = (name: string, value: string) => ({ Name: name, Type: "CNAME", TTL: 300, ResourceRecords: [{ Value: value }] });

describe(rule.id, () => {
  it("fails for a CNAME to a bucket that is gone", () => {
    const v = evaluate(rule, zone([cname("assets.example.com.", "assets.example.com.s3-website-us-east-1.amazonaws.com")]), [accountSettings(), eip]);
    expect(v.status).toBe("FAIL");
    expect(v.evidence.danglingRecords).toEqual([
      { Name: "assets.example.com.", Type: "CNAME", target: "assets.example.com.s3-website-us-east-1.amazonaws.com", reason: 'S3 bucket "assets.example.com" does not exist in the inventory' },
    ]);
  });
  it("fails for an A record to a released IP", () => {
    const v = evaluate(rule, zone([{ Name: "old.example.com.", Type: "A", TTL: 300, ResourceRecords: [{ Value: "54.9.9.9" }] }]), [eip]);
    expect(v.status).toBe("FAIL");
    expect(v.evidence.danglingRecords).toMatchObject([{ Name: "old.example.com.", target: "54.9.9.9" }]);
  });
  it("passes when the targets exist", () => {
    const records = [
      cname("assets.example.com.", "assets.example.com.s3-website-us-east-1.amazonaws.com"),
      { Name: "www.example.com.", Type: "A", TTL: 300, ResourceRecords: [{ Value: "52.1.2.3" }] },
      cname("app.example.com.", "ec2-52-1-2-3.compute-1.amazonaws.com"),
      { Name: "int.example.com.", Type: "A", TTL: 300, ResourceRecords: [{ Value: "10.0.0.5" }] },
    ];
    const v = evaluate(rule, zone(records), [eip, s3Bucket("assets.example.com")]);
    expect(v).toMatchObject({ status: "PASS", evidence: { danglingRecords: [] } });
  });
  it("is unable to evaluate when ListResourceRecordSets was denied", () => {
    expect(evaluate(rule, withErrors(zone([]), { ListResourceRecordSets: "AccessDenied" })).status).toBe("UNABLE_TO_EVALUATE");
  });
  it("is unable to evaluate a missing target when the s3 collection failed", () => {
    const v = evaluate(rule, zone([cname("a.example.com.", "a.example.com.s3.amazonaws.com")]), [accountSettings()], {
      statuses: [{ accountId: "111122223333", region: "global", service: "s3", status: "FAILED" }],
    });
    expect(v.status).toBe("UNABLE_TO_EVALUATE");
  });
});
