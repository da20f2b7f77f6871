import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadWorld, loadWorldFile, WorldValidationError, type TWorld } from "../src/index";
import { buildTestWorld, MEMBER } from "./test-world";

const NOW = new Date("2026-06-01T00:00:00Z");
// The tests break worlds on purpose, through paths no static type allows.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type TMutableWorld = Record<string, any>;

function expectPath(mutate: (world: TMutableWorld) => void, expectedPath: string, message?: RegExp): void {
  const world = buildTestWorld() as unknown as TMutableWorld;
  mutate(world);
  let caught: unknown;
  try {
    loadWorld(world, { now: NOW });
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(WorldValidationError);
  expect((caught as WorldValidationError).path).toBe(expectedPath);
  if (message) expect((caught as Error).message).toMatch(message);
}

describe("loadWorld", () => {
  it("resolves relative timestamps everywhere, including the credential report", () => {
    const loaded = loadWorld(buildTestWorld(), { now: NOW });
    const member = loaded.accountsById.get(MEMBER)!;
    expect(member.JoinedTimestamp).toBe("2025-01-17T00:00:00.000Z");
    expect(member.regions!["us-east-1"]!.ec2!.Instances![0]!.LaunchTime).toBe("2026-03-03T00:00:00.000Z");
    expect(member.iam!.CredentialReport![1]!.password_last_used).toBe("2026-05-30T12:00:00.000Z");
    expect(member.iam!.CredentialReport![1]!.access_key_1_last_used_date).toBe("2026-05-31T23:45:00.000Z");
    expect(member.iam!.CredentialReport![0]!.password_enabled).toBe("not_supported");
  });

  it("builds indexes: roles by ARN, OU tree, policies by target, regions", () => {
    const loaded = loadWorld(buildTestWorld(), { now: NOW });
    expect(loaded.rolesByArn.get(`arn:aws:iam::${MEMBER}:role/PostureScanner`)?.account.Id).toBe(MEMBER);
    expect(loaded.ousByParent.get("r-test")?.map((ou) => ou.Id)).toEqual(["ou-test-security", "ou-test-workload"]);
    expect(loaded.policiesByTarget.get("ou-test-workload")?.map((p) => p.PolicySummary.Id)).toEqual(["p-FullAWSAccess", "p-denyleave"]);
    expect(loaded.regions).toEqual(["eu-west-1", "us-east-1"]);
    expect(loaded.vendorArn).toBe("arn:aws:iam::999999999999:user/posture-scanner");
  });

  it("ignores unknown extra fields", () => {
    const world = buildTestWorld() as unknown as TMutableWorld;
    world.somethingNew = { a: 1 };
    world.accounts[1].futureField = [1, 2, 3];
    world.accounts[1].regions["us-east-1"].ec2.Instances[0].NewAwsField = "x";
    world.accounts[1].regions["us-east-1"].newService = { Things: [] };
    expect(() => loadWorld(world, { now: NOW })).not.toThrow();
  });

  it("names the JSON path of what does not follow the format", () => {
    expectPath((w) => (w.version = 2), "$.version");
    expectPath((w) => delete w.vendor.secretAccessKey, "$.vendor.secretAccessKey");
    expectPath((w) => (w.accounts = {}), "$.accounts", /expected a list/);
    expectPath((w) => w.accounts.push({ ...w.accounts[1], iam: undefined }), "$.accounts[3].Id", /duplicate account id/);
    expectPath((w) => (w.accounts[1].Id = "12345"), "$.accounts[1].Id", /12 digits/);
    expectPath((w) => (w.accounts[1].regions["moon-base"] = {}), '$.accounts[1].regions["moon-base"]', /region/);
    expectPath((w) => (w.accounts[1].regions["eu-west-1"].ec2.Instances[0] = "i-123"), '$.accounts[1].regions["eu-west-1"].ec2.Instances[0]', /object/);
    expectPath((w) => (w.accounts[1].regions["us-east-1"].ec2.Instances = {}), '$.accounts[1].regions["us-east-1"].ec2.Instances', /list/);
    expectPath((w) => (w.accounts[1].regions["us-east-1"].ec2.Instances[1].LaunchTime = "now-3x"), '$.accounts[1].regions["us-east-1"].ec2.Instances[1].LaunchTime', /relative timestamp/);
    expectPath((w) => (w.accounts[1].regions["us-east-1"].ec2.Instances[1].LaunchTime = "last tuesday"), '$.accounts[1].regions["us-east-1"].ec2.Instances[1].LaunchTime', /bad timestamp/);
    expectPath((w) => (w.accounts[1].iam.CredentialReport[1].password_last_used = "yesterday"), "$.accounts[1].iam.CredentialReport[1].password_last_used", /bad timestamp/);
    expectPath((w) => (w.accounts[1].iam.AuthorizationDetails.RoleDetailList[0].Arn = "arn:aws:iam::444444444444:role/PostureScanner"), "$.accounts[1].iam.AuthorizationDetails.RoleDetailList[0].Arn", /444444444444/);
    expectPath((w) => (w.accounts[1].ParentId = "ou-missing"), "$.accounts[1].ParentId", /ou-missing/);
    expectPath((w) => (w.organization.MasterAccountId = "555555555555"), "$.organization.MasterAccountId");
    expectPath((w) => (w.organization.Policies[1].Targets[0] = "ou-gone"), "$.organization.Policies[1].Targets[0]");
    expectPath((w) => (w.accounts[1].s3.Buckets[0].Name = 7), "$.accounts[1].s3.Buckets[0].Name");
    expectPath((w) => (w.behaviour = { throttle: { ec2: { burst: "lots", refillPerSecond: 1 } } }), "$.behaviour.throttle.ec2.burst");
    expectPath((w) => (w.behaviour = { faults: [{ service: "ec2", error: "InternalError", probability: 3 }] }), "$.behaviour.faults[0].probability");
    expectPath((w) => (w.behaviour = { pageSize: 0 }), "$.behaviour.pageSize");
  });

  it("reads a world file, and names a file it cannot parse", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "sandbox-world-"));
    const good = path.join(dir, "world.json");
    writeFileSync(good, JSON.stringify(buildTestWorld() satisfies TWorld));
    expect(loadWorldFile(good, { now: NOW }).accountsById.size).toBe(3);
    const bad = path.join(dir, "bad.json");
    writeFileSync(bad, "{ not json");
    expect(() => loadWorldFile(bad)).toThrow(WorldValidationError);
  });
});
