import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { generateDemoWorld, generateLandingZoneWorld } from "../src/worlds/index";

const cli = join(dirname(fileURLToPath(import.meta.url)), "../src/worlds/cli.ts");
const tsx = createRequire(import.meta.url).resolve("tsx");
const directory = mkdtempSync(join(tmpdir(), "guardrail-worlds-cli-"));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function runCli(args: string[]) {
  return spawnSync(process.execPath, ["--import", tsx, cli, ...args], {
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("worlds cli", () => {
  it("writes the demo world for an external ID, the same as generateDemoWorld", () => {
    const out = join(directory, "demo.json");
    const run = runCli(["demo", "--external-id", "ext-cli-1", "--out", out]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/13 accounts, 6 OUs/);
    expect(run.stdout).not.toContain(generateDemoWorld({ externalId: "x" }).vendor.secretAccessKey);
    expect(JSON.parse(readFileSync(out, "utf8"))).toEqual(
      generateDemoWorld({ externalId: "ext-cli-1" }),
    );
  }, 120000);

  it("writes the landing-zone fixture world", () => {
    const out = join(directory, "landing-zone.json");
    const run = runCli(["landing-zone", "--external-id", "ext-cli-2", "--out", out]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/2 accounts, 1 OUs/);
    expect(JSON.parse(readFileSync(out, "utf8"))).toEqual(
      generateLandingZoneWorld({ externalId: "ext-cli-2" }),
    );
  }, 120000);

  it("writes a synthetic world with behaviour", () => {
    const out = join(directory, "synthetic.json");
    const run = runCli([
      "synthetic",
      "--accounts",
      "7",
      "--regions",
      "us-east-1,eu-west-1",
      "--resources",
      "30",
      "--latency-ms",
      "4",
      "--out",
      out,
    ]);
    expect(run.status).toBe(0);
    const world = JSON.parse(readFileSync(out, "utf8"));
    expect(world.accounts).toHaveLength(7);
    expect(world.behaviour).toEqual({ latencyMs: 4 });
  }, 120000);

  it("exits 2 with the usage on a bad command line", () => {
    const missing = runCli(["demo", "--out", join(directory, "x.json")]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("--external-id is required");
    const unknown = runCli(["nonsense", "--out", "x.json"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("usage:");
  }, 120000);
});
