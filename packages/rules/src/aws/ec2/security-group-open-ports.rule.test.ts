import { describe, expect, it } from "vitest";
import { evaluate, failed, securityGroup, tcpRule } from "../../../test/fixtures";
import { ec2SecurityGroupNoPublicAdminDbPortsRule as adminDb } from "./security-group-no-public-admin-db-ports.rule";
import { ec2SecurityGroupNoPublicAllPortsRule as allPorts } from "./security-group-no-public-all-ports.rule";
import { ec2SecurityGroupNoPublicRdpRule as rdp } from "./security-group-no-public-rdp.rule";
import { ec2SecurityGroupNoPublicSshRule as ssh } from "./security-group-no-public-ssh.rule";

const allTraffic = { IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }], Ipv6Ranges: [] };

describe.each([
  { rule: ssh, port: 22 },
  { rule: rdp, port: 3389 },
  { rule: adminDb, port: 5432 },
])("$rule.id", ({ rule, port }) => {
  it("fails when the port is open to 0.0.0.0/0", () => {
    const v = evaluate(rule, securityGroup("sg-1", [tcpRule(port)]));
    expect(v.status).toBe("FAIL");
    expect(v.evidence.openIngress).toEqual([{ GroupId: "sg-1", port, cidr: "0.0.0.0/0", IpProtocol: "tcp" }]);
  });
  it("fails when a range open to ::/0 covers the port", () => {
    const v = evaluate(rule, securityGroup("sg-1", [tcpRule(0, "::/0", 65535)]));
    expect(v.status).toBe("FAIL");
    expect(v.evidence.openIngress).toContainEqual({ GroupId: "sg-1", port, cidr: "::/0", IpProtocol: "tcp" });
  });
  it("passes when the port is open only to a private network", () => {
    const v = evaluate(rule, securityGroup("sg-1", [tcpRule(port, "10.0.0.0/8"), tcpRule(443)]));
    expect(v.status).toBe("PASS");
    expect(v.evidence.openIngress).toEqual([]);
  });
  it("is unable to evaluate when the ec2 collection failed", () => {
    expect(evaluate(rule, securityGroup("sg-1", []), [], { statuses: [failed("ec2")] }).status).toBe(
      "UNABLE_TO_EVALUATE",
    );
  });
});

describe(allPorts.id, () => {
  it("fails on an all-traffic rule", () => {
    const v = evaluate(allPorts, securityGroup("sg-2", [allTraffic]));
    expect(v.status).toBe("FAIL");
    expect(v.evidence.openIngress).toEqual([
      { GroupId: "sg-2", IpProtocol: "-1", FromPort: null, ToPort: null, cidr: "0.0.0.0/0" },
    ]);
  });
  it("passes on a single open port", () => {
    expect(evaluate(allPorts, securityGroup("sg-2", [tcpRule(443)])).status).toBe("PASS");
  });
  it("is unable to evaluate when the ec2 collection failed", () => {
    expect(evaluate(allPorts, securityGroup("sg-2", []), [], { statuses: [failed("ec2")] }).status).toBe(
      "UNABLE_TO_EVALUATE",
    );
  });
});
