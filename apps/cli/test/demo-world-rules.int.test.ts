/**
 * The built-in demo organization exercises the whole rule catalog: after a real scan of the
 * generated demo world (the AWS sandbox over HTTP, the real collectors), every rule fires at
 * least once and passes at least once. An organization has exactly one management account,
 * so the checks of that account pass in a second, small world (a clean landing zone whose
 * management account runs nothing) while they fail in the demo organization.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_VENDOR, generateDemoWorld, generateLandingZoneWorld, startSandbox, type TSandbox, type TWorld } from "@guardrail/aws-sandbox";
import { loadActionCatalog } from "@guardrail/iam";
import { buildRuleContext, evaluateRules, RULE_CATALOG, type TRuleStatus } from "@guardrail/rules";
import { scanOrganizationInProcess } from "../src/scan/in-process-scan";

/**
 * Rules the demo organization does not exercise, found by this test. The test fails when a
 * gap appears *or* is closed, so the lists always say exactly where the demo world and the
 * rules disagree (both are empty: every rule passes and fails at least once).
 */
const KNOWN_NEVER_FAILING: string[] = [];
const KNOWN_NEVER_PASSING: string[] = [];

const EXTERNAL_ID = "demo-world-rules-test-external-id-0001";
const sandboxes: TSandbox[] = [];
/** rule id → world name → statuses seen */
const outcomes = new Map<string, Map<string, Set<TRuleStatus>>>();

async function scanAndEvaluate(name: string, world: TWorld): Promise<void> {
  const sandbox = await startSandbox({ world, port: 0 });
  sandboxes.push(sandbox);
  const scan = await scanOrganizationInProcess({
    managementRoleArn: `arn:aws:iam::${world.organization.MasterAccountId}:role/GuardrailOrgReader`,
    memberRoleName: "GuardrailScanner",
    externalId: EXTERNAL_ID,
    regions: [],
    endpoint: sandbox.url,
    vendorCredentials: async () => ({ accessKeyId: DEMO_VENDOR.accessKeyId, secretAccessKey: DEMO_VENDOR.secretAccessKey }),
    concurrency: 48,
  });
  const ctx = buildRuleContext({ resources: scan.resources, collections: scan.collections, now: new Date(), iamActionCatalog: await loadActionCatalog() });
  evaluateRules({
    rules: RULE_CATALOG,
    ctx,
    onResult: (r) => {
      const byWorld = outcomes.get(r.ruleId) ?? new Map<string, Set<TRuleStatus>>();
      const set = byWorld.get(name) ?? new Set<TRuleStatus>();
      set.add(r.status);
      byWorld.set(name, set);
      outcomes.set(r.ruleId, byWorld);
    },
  });
}

const seen = (ruleId: string, status: TRuleStatus, world?: string): boolean =>
  [...(outcomes.get(ruleId) ?? new Map<string, Set<TRuleStatus>>())].some(([name, set]) => (world === undefined || name === world) && set.has(status));

beforeAll(async () => {
  await scanAndEvaluate("demo", generateDemoWorld({ externalId: EXTERNAL_ID }));
  await scanAndEvaluate("landing-zone", generateLandingZoneWorld({ externalId: EXTERNAL_ID }));
}, 600_000);

afterAll(async () => {
  await Promise.all(sandboxes.map((s) => s.stop()));
});

describe("the demo organization", () => {
  it("makes every rule of the catalog fail at least once (but the known gaps)", () => {
    const neverFailing = RULE_CATALOG.filter((r) => !r.deprecated && !seen(r.id, "FAIL")).map((r) => r.id);
    expect(neverFailing).toEqual(KNOWN_NEVER_FAILING);
  });

  it("makes every rule of the catalog pass at least once (but the known gaps)", () => {
    const neverPassing = RULE_CATALOG.filter((r) => !r.deprecated && !seen(r.id, "PASS")).map((r) => r.id);
    expect(neverPassing).toEqual(KNOWN_NEVER_PASSING);
  });
});

describe("the landing-zone fixture", () => {
  it("passes the management-account check that the demo organization fails", () => {
    expect(seen("aws.organizations.management-account.no-workloads", "FAIL", "demo")).toBe(true);
    expect(seen("aws.organizations.management-account.no-workloads", "PASS", "landing-zone")).toBe(true);
  });

  it("is needed only for checks of the single management account", () => {
    const onlyThere = RULE_CATALOG.filter((r) => !r.deprecated && !seen(r.id, "PASS", "demo")).map((r) => r.id);
    expect(onlyThere).toEqual(["aws.organizations.management-account.no-workloads"]);
  });
});
