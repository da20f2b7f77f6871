import { describe, expect, it } from "vitest";
import { ACCOUNT, REGION, evaluate, makeResource } from "../../../test/fixtures";
import { ec2VpcFlowLogsEnabledRule as rule } from "./vpc-flow-logs-enabled.rule";

const vpc = makeResource("AWS::EC2::VPC", { VpcId: "vpc-1", IsDefault: false });
const flowLog = makeResource("AWS::EC2::FlowLog", {
  FlowLogId: "fl-1",
  ResourceId: "vpc-1",
  FlowLogStatus: "ACTIVE",
  TrafficType: "ALL",
});

describe(rule.id, () => {
  it("passes with an active flow log", () => {
    const v = evaluate(rule, vpc, [flowLog]);
    expect(v.status).toBe("PASS");
    expect(v.evidence.flowLogs).toEqual([{ FlowLogId: "fl-1", FlowLogStatus: "ACTIVE", TrafficType: "ALL" }]);
  });
  it("fails without a flow log", () => {
    const v = evaluate(rule, vpc);
    expect(v.status).toBe("FAIL");
    expect(v.evidence).toEqual({ VpcId: "vpc-1", flowLogs: [] });
  });
  it("is unable to evaluate when the ec2 collection is partial", () => {
    const v = evaluate(rule, vpc, [], { statuses: [{ accountId: ACCOUNT, region: REGION, service: "ec2", status: "PARTIAL" }] });
    expect(v.status).toBe("UNABLE_TO_EVALUATE");
  });
});
