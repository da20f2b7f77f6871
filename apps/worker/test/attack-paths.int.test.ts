/**
 * Attack paths end to end: a real scan of the generated demo organization (sandbox over HTTP,
 * BullMQ worker, Postgres) opens a finding for each toxic combination through the normal findings
 * lifecycle, and the evaluation stores the access graph it built for those rules (built once per
 * scan), whose blast radius answers multi-hop questions.
 */
import { generateDemoWorld } from "@guardrail/aws-sandbox";
import { getBlastRadius } from "@guardrail/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type THarness, type TWorld } from "./scan-harness";

const EXTERNAL_ID = "attack-paths-int-test-external-id-0001";
let h: THarness;
/** ruleId → names (or ARNs) of the resources with an OPEN finding */
const open = new Map<string, string[]>();

beforeAll(async () => {
  const world = generateDemoWorld({ externalId: EXTERNAL_ID }) as unknown as TWorld;
  h = await createHarness({ world, externalId: EXTERNAL_ID, memberRoleName: "GuardrailScanner" });
  await h.t.db.awsConnection.update({
    where: { id: h.connectionId },
    data: { managementRoleArn: `arn:aws:iam::${world.organization.MasterAccountId}:role/GuardrailOrgReader` },
  });
  h.startInProcessWorker();
  const scanId = await h.requestScan();
  const scan = await h.waitForScan(scanId, 300_000);
  expect(scan.status).toBe("SUCCEEDED");
  const rows = await h.t.db.$queryRaw<{ ruleId: string; arn: string; name: string | null }[]>`
    SELECT f."ruleId", r."resourceId" AS arn, r.name FROM "Finding" f JOIN "Resource" r ON r.id = f."resourceId"
     WHERE f."tenantId" = ${h.tenantId}::uuid AND f.status = 'OPEN' AND f."ruleId" LIKE 'aws.attack-path.%'`;
  for (const r of rows) open.set(r.ruleId, [...(open.get(r.ruleId) ?? []), r.name ?? r.arn, r.arn]);
  // the evaluation stored its graph before finishing the scan: one READY build, of this scan
  const builds = await h.t.db.accessGraphBuild.findMany({ where: { tenantId: h.tenantId } });
  expect(builds.map((b) => [b.status, b.scanId])).toEqual([["READY", scanId]]);
}, 480_000);

afterAll(async () => {
  await h?.close();
}, 60_000);

const has = (ruleId: string, name: string) => (open.get(ruleId) ?? []).some((n) => n.includes(name));

describe("attack paths of the demo organization", () => {
  it.each([
    ["aws.attack-path.instance.public-imdsv1-privileged-role", "payments-web-1"],
    ["aws.attack-path.lambda.public-privileged-role", "retail-webhook"],
    ["aws.attack-path.role.external-privileged", "legacy-ci-vendor"],
    ["aws.attack-path.role.external-privileged", "public-assume-test"],
    ["aws.attack-path.role.external-privileged", "datadog-legacy"],
    ["aws.attack-path.eks.public-endpoint-privileged-node-role", "data-platform"],
    ["aws.attack-path.principal.can-modify-admin-trust", "deploy-automation"],
    ["aws.attack-path.principal.escalation-to-admin", "legacy-ci-vendor"],
    ["aws.attack-path.principal.unintended-admin", "admin-legacy"],
  ])("%s fails for %s", (ruleId, name) => {
    expect(has(ruleId, name), `${ruleId}: ${JSON.stringify(open.get(ruleId) ?? [])}`).toBe(true);
  });

  it("does not flag the passing counterparts", () => {
    expect(has("aws.attack-path.instance.public-imdsv1-privileged-role", "edge-proxy")).toBe(false);
    expect(has("aws.attack-path.lambda.public-privileged-role", "payments-s3-trigger")).toBe(false);
    expect(has("aws.attack-path.role.external-privileged", "DatadogIntegration")).toBe(false);
    expect(has("aws.attack-path.principal.unintended-admin", "break-glass-admin")).toBe(false);
    expect(has("aws.attack-path.principal.unintended-admin", "platform-admin")).toBe(false);
  });

  it("stores the graph: the analytics worker reaches data-admin through a three-role assume chain", async () => {
    const instance = await h.t.db.resource.findFirstOrThrow({ where: { tenantId: h.tenantId, resourceType: "AWS::EC2::Instance", name: "analytics-worker-1" } });
    const radius = await getBlastRadius({
      db: h.t.db,
      scope: { tenantId: h.tenantId, userId: h.tenantId, role: "VIEWER" },
      query: { nodeId: instance.resourceId },
    });
    const dataAdmin = radius.reachable.find((r) => r.node.kind === "iam-role" && r.node.name === "data-admin");
    expect(dataAdmin?.path.map((e) => e.kind)).toEqual(["runs-as", "can-assume", "can-assume"]);
    expect(radius.classification.some((c) => c.kind === "administrator" && c.via?.name === "data-admin")).toBe(true);
    expect(radius.total).toBeGreaterThan(3);
  });

  it("stores the graph: retail-oncall reaches an administrator task role through ECS Exec, and that role reads the public secret", async () => {
    const scope = { tenantId: h.tenantId, userId: h.tenantId, role: "VIEWER" as const };
    const oncall = await h.t.db.resource.findFirstOrThrow({ where: { tenantId: h.tenantId, resourceType: "AWS::IAM::Role", name: "retail-oncall" } });
    const radius = await getBlastRadius({ db: h.t.db, scope, query: { nodeId: oncall.resourceId } });
    const taskRole = radius.reachable.find((r) => r.node.kind === "iam-role" && r.node.name === "storefront-task-role");
    expect(taskRole?.path.map((e) => [e.kind, e.action])).toEqual([["can-move-laterally", "ecs:ExecuteCommand"], ["runs-as", null]]);
    expect(radius.reachable.filter((r) => r.node.kind === "ecs-task" && r.node.name === "storefront-api")).toHaveLength(2);
    expect(radius.reachable.some((r) => r.node.kind === "ecs-task" && r.node.name === "order-worker")).toBe(false);
    const secret = radius.reachable.find((r) => r.node.kind === "secret" && r.node.name === "retail/legacy-export-token");
    expect(secret?.path.at(-1)).toMatchObject({ kind: "can-read", action: "secretsmanager:GetSecretValue" });
  });
});
