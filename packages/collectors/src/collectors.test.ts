import { describe, expect, it } from "vitest";
import { COLLECTORS, findCollector, listCollectionTasks } from "./collectors";
import { GLOBAL_SERVICES, RESOURCE_TYPES, SERVICE_KEYS } from "./resource-model";

describe("COLLECTORS", () => {
  it("has one collector per service key except organizations, global exactly for the global services", () => {
    expect(COLLECTORS.map((c) => c.key).sort()).toEqual(
      SERVICE_KEYS.filter((k) => k !== "organizations").sort(),
    );
    for (const collector of COLLECTORS) {
      expect(collector.global, collector.key).toBe(GLOBAL_SERVICES.includes(collector.key));
    }
    expect(findCollector("organizations")).toBeUndefined();
    expect(findCollector("ec2")?.key).toBe("ec2");
  });

  it("declares every resource type of the model except the Organizations ones", () => {
    const declared = new Set(COLLECTORS.flatMap((c) => c.resourceTypes));
    const expected = Object.values(RESOURCE_TYPES).filter(
      (t) => !t.startsWith("AWS::Organizations::"),
    );
    expect([...declared].sort()).toEqual([...expected].sort());
  });

  it("plans global collectors once and regional ones per region", () => {
    const tasks = listCollectionTasks(["us-east-1", "eu-west-3"]);
    const globalCount = COLLECTORS.filter((c) => c.global).length;
    expect(tasks).toHaveLength(globalCount + (COLLECTORS.length - globalCount) * 2);
    expect(tasks.filter((t) => t.collector.key === "iam").map((t) => t.region)).toEqual(["global"]);
    expect(tasks.filter((t) => t.collector.key === "ec2").map((t) => t.region)).toEqual([
      "us-east-1",
      "eu-west-3",
    ]);
  });
});
