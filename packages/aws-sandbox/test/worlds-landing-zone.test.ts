import { describe, expect, it } from "vitest";
import { loadWorld } from "../src/world/load-world";
import { generateLandingZoneWorld } from "../src/worlds/index";

describe("generateLandingZoneWorld", () => {
  const world = generateLandingZoneWorld({ externalId: "ext-lz" });

  it("is an organization of two accounts whose management account runs no workload", () => {
    expect(world.accounts.map((a) => a.Name)).toEqual(["lz-management", "lz-workload"]);
    const management = world.accounts.find((a) => a.Id === world.organization.MasterAccountId);
    const regions = Object.values(management?.regions ?? {});
    expect(regions.length).toBeGreaterThan(0);
    for (const region of regions) {
      expect(region.ec2?.Instances ?? []).toEqual([]);
      expect(region.lambda?.Functions ?? []).toEqual([]);
      expect(region.eks?.Clusters ?? []).toEqual([]);
    }
    expect(management?.regions?.["us-east-1"]?.cloudtrail?.Trails?.[0]?.IsOrganizationTrail).toBe(
      true,
    );
    const workload = world.accounts.find((a) => a.Name === "lz-workload");
    expect(workload?.regions?.["us-east-1"]?.ec2?.Instances).toHaveLength(1);
  });

  it("is deterministic and loads in the sandbox", () => {
    expect(JSON.stringify(generateLandingZoneWorld({ externalId: "ext-lz" }))).toBe(
      JSON.stringify(world),
    );
    expect(() => loadWorld(world)).not.toThrow();
  });

  it("refuses an empty external ID", () => {
    expect(() => generateLandingZoneWorld({ externalId: "" })).toThrow(/externalId/);
  });
});
