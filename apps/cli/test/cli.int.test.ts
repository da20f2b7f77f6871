import { execFile } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const BIN = join(dirname(fileURLToPath(import.meta.url)), "../bin/guardrail.mjs");
const WORLD = join(dirname(fileURLToPath(import.meta.url)), "../../../../shared/sandbox/demo-small.json");
const DEMO_FLAGS = [
  "--world", WORLD,
  "--role-arn", "arn:aws:iam::111111111111:role/PostureOrgReader",
  "--member-role-name", "PostureScanner",
  "--external-id", "ext-demo-7f3a9c51",
];

async function guardrail(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("guardrail scan against the sandbox (real SDK over HTTP)", () => {
  it("scans every account of demo-small.json and reports failing checks as JSON", async () => {
    const { code, stdout, stderr } = await guardrail(["scan", ...DEMO_FLAGS, "--format", "json"]);
    expect(code, stderr).toBe(0);
    const report = JSON.parse(stdout) as { organizationId: string; accounts: number; resources: number; findings: { ruleId: string; resourceId: string; severity: string; evidence: object }[] };
    expect(report.organizationId).toBe("o-exampleorg1");
    expect(report.accounts).toBe(3);
    expect(report.resources).toBeGreaterThan(40);
    // the legacy admin user in the management account has AdministratorAccess attached directly
    expect(report.findings.some((f) => f.ruleId === "aws.iam.user.no-attached-policies" && f.resourceId.endsWith(":user/admin-legacy"))).toBe(true);
    expect(report.findings.every((f) => Object.keys(f.evidence).length > 0)).toBe(true);
  }, 120_000);

  it("exits 1 with --fail-on when a failing check is at or above the threshold, and writes OCSF", async () => {
    const { code, stdout } = await guardrail(["scan", ...DEMO_FLAGS, "--format", "ocsf", "--fail-on", "high"]);
    expect(code).toBe(1);
    const findings = JSON.parse(stdout) as { class_uid: number; severity_id: number; cloud: { provider: string } }[];
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.class_uid === 2003 && f.cloud.provider === "AWS")).toBe(true);
  }, 120_000);

  it("fails clearly on a wrong external ID", async () => {
    const flags = [...DEMO_FLAGS];
    flags[flags.indexOf("ext-demo-7f3a9c51")] = "wrong-external-id";
    const { code, stderr } = await guardrail(["scan", ...flags]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/AccessDenied|not authorized to perform: sts:AssumeRole/);
  }, 120_000);

  it("rejects bad usage with exit code 2", async () => {
    const { code, stderr } = await guardrail(["scan", "--world", WORLD]);
    expect(code).toBe(2);
    expect(stderr).toContain("--role-arn is required");
  }, 60_000);
});

describe("guardrail rules", () => {
  it("prints the catalog as JSON with framework mappings", async () => {
    const { code, stdout } = await guardrail(["rules", "--format", "json"]);
    expect(code).toBe(0);
    const rules = JSON.parse(stdout) as { id: string; frameworks: unknown[] }[];
    expect(rules.length).toBeGreaterThanOrEqual(80);
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
  }, 60_000);
});
