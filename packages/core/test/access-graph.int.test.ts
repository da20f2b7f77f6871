import type { Prisma } from "@guardrail/db";
import { createTestDatabase, type TTestDatabase } from "@guardrail/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActionCatalog } from "@guardrail/iam";
import { getBlastRadius, getEffectivePermissions, getGraphNode, listAttackPaths, rebuildAccessGraph, storeAccessGraph, type TTenantScope } from "../src";
import type { TAccessGraph } from "@guardrail/iam";

const ACCT = "222222222222";
const doc = (...Statement: unknown[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const ROLE = `arn:aws:iam::${ACCT}:role/web`;
const DEPLOY = `arn:aws:iam::${ACCT}:role/deploy`;
const INSTANCE = `arn:aws:ec2:us-east-1:${ACCT}:instance/i-1`;
const BUCKET = "arn:aws:s3:::payroll";

let t: TTestDatabase;
let scope: TTenantScope;
let otherScope: TTenantScope;

function resource(resourceType: string, resourceId: string, configuration: Prisma.InputJsonObject, region = "global") {
  return { tenantId: scope.tenantId, accountId: ACCT, region, service: resourceType.split("::")[1]?.toLowerCase() ?? "x", resourceType, resourceId, name: resourceId.split(/[/:]/).pop() ?? null, configuration, configurationHash: "h" };
}

beforeAll(async () => {
  t = await createTestDatabase();
  const tenant = await t.db.tenant.create({ data: { name: "Graph", slug: "graph" } });
  const other = await t.db.tenant.create({ data: { name: "Other", slug: "other" } });
  scope = { tenantId: tenant.id, userId: "00000000-0000-4000-8000-000000000001", role: "VIEWER" };
  otherScope = { tenantId: other.id, userId: "00000000-0000-4000-8000-000000000002", role: "OWNER" };
  await t.db.resource.createMany({
    data: [
      resource("AWS::IAM::Role", ROLE, {
        RoleName: "web", Arn: ROLE, Path: "/",
        AssumeRolePolicyDocument: doc({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }),
        RolePolicyList: [{ PolicyName: "assume", PolicyDocument: doc({ Effect: "Allow", Action: "sts:AssumeRole", Resource: DEPLOY }) }],
        AttachedManagedPolicies: [], InstanceProfileList: [{ Arn: `arn:aws:iam::${ACCT}:instance-profile/web` }],
      }),
      resource("AWS::IAM::Role", DEPLOY, {
        RoleName: "deploy", Arn: DEPLOY, Path: "/",
        AssumeRolePolicyDocument: doc({ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCT}:root` }, Action: "sts:AssumeRole" }),
        RolePolicyList: [{ PolicyName: "data", PolicyDocument: doc({ Effect: "Allow", Action: ["s3:GetObject", "iam:CreatePolicyVersion"], Resource: "*" }) }],
        AttachedManagedPolicies: [],
      }),
      resource("AWS::EC2::SecurityGroup", `arn:aws:ec2:us-east-1:${ACCT}:security-group/sg-1`, { GroupId: "sg-1", IpPermissions: [{ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }] }] }, "us-east-1"),
      resource("AWS::EC2::Instance", INSTANCE, {
        InstanceId: "i-1", State: { Name: "running" }, PublicIpAddress: "198.51.100.7", SecurityGroups: [{ GroupId: "sg-1" }],
        MetadataOptions: { HttpTokens: "optional" }, IamInstanceProfile: { Arn: `arn:aws:iam::${ACCT}:instance-profile/web` },
      }, "us-east-1"),
      resource("AWS::S3::Bucket", BUCKET, { Name: "payroll", Policy: null }, "us-east-1"),
    ],
  });
});
afterAll(async () => {
  await t?.drop();
});

describe("access graph in Postgres", () => {
  it("rebuilds the graph and answers a multi-hop blast radius with the permission of each hop", async () => {
    const first = await rebuildAccessGraph({ db: t.db, tenantId: scope.tenantId, scanId: null, now: new Date() });
    expect(first.nodes).toBeGreaterThanOrEqual(5);
    const second = await rebuildAccessGraph({ db: t.db, tenantId: scope.tenantId, scanId: null, now: new Date() });
    expect(await t.db.accessGraphBuild.count({ where: { tenantId: scope.tenantId } })).toBe(1);
    expect(await t.db.accessGraphEdge.count({ where: { buildId: first.buildId } })).toBe(0);

    const radius = await getBlastRadius({ db: t.db, scope, query: { nodeId: INSTANCE } });
    expect(radius.build.id).toBe(second.buildId);
    const toBucket = radius.reachable.find((r) => r.node.nodeId === BUCKET);
    expect(toBucket?.path.map((h) => [h.kind, h.target])).toEqual([
      ["runs-as", ROLE],
      ["can-assume", DEPLOY],
      ["can-read", BUCKET],
    ]);
    expect(toBucket?.path[2]?.action).toBe("s3:GetObject");
    expect(toBucket?.path[1]?.reasons[0]).toContain("sts:AssumeRole");
    expect(radius.byKind.find((k) => k.kind === "s3-bucket")?.count).toBe(1);
    expect(radius.byAccount[0]?.accountId).toBe(ACCT);
    // deploy can escalate with iam:CreatePolicyVersion (iam-001): the instance can take over the account
    expect(radius.accountTakeover).toEqual([{ accountId: ACCT, methodIds: ["iam-001"] }]);
    const escalation = radius.classification.find((c) => c.kind === "escalation-to-administrator");
    expect(escalation?.via?.nodeId).toBe(DEPLOY);
    expect(escalation?.methodIds).toContain("iam-001");
  });

  it("writes each build into partitions of its own and drops the older build's tables", async () => {
    const partitionsOf = (buildId: string) =>
      t.db.$queryRaw<{ parent: string; child: string }[]>`
        SELECT p.relname::text AS parent, c.relname::text AS child FROM pg_inherits i
          JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
         WHERE c.relname IN (${`AccessGraphNode_${buildId.replace(/-/g, "")}`}, ${`AccessGraphEdge_${buildId.replace(/-/g, "")}`})
         ORDER BY 1`;
    const tablesOf = async (buildId: string) =>
      (await t.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_class WHERE relname LIKE ${`AccessGraph%_${buildId.replace(/-/g, "")}`}`)[0]?.n;
    const first = await rebuildAccessGraph({ db: t.db, tenantId: scope.tenantId, scanId: null, now: new Date() });
    expect((await partitionsOf(first.buildId)).map((r) => r.parent)).toEqual(["AccessGraphEdge", "AccessGraphNode"]);
    const edges = await t.db.accessGraphEdge.findMany({ where: { buildId: first.buildId }, select: { id: true, kind: true, conditions: true, reasons: true }, orderBy: { id: "asc" } });
    expect(edges.length).toBe(first.edges);
    expect(edges[0]?.id).toBe(1n);
    expect(edges.every((e) => Array.isArray(e.conditions) && (e.reasons?.length ?? 0) > 0)).toBe(true);
    const second = await rebuildAccessGraph({ db: t.db, tenantId: scope.tenantId, scanId: null, now: new Date() });
    expect(await tablesOf(first.buildId)).toBe(0);
    expect(await t.db.accessGraphBuild.findUnique({ where: { id: first.buildId } })).toBeNull();
    expect(await t.db.accessGraphNode.count({ where: { buildId: second.buildId } })).toBe(second.nodes);
    // the query plans read the build's partition only, with its own statistics
    const [stats] = await t.db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pg_stats WHERE tablename = ${`AccessGraphEdge_${second.buildId.replace(/-/g, "")}`}`;
    expect(stats?.n).toBeGreaterThan(0);
  });

  it("a write that fails leaves the current graph in place and no tables behind", async () => {
    const current = await t.db.accessGraphBuild.findFirstOrThrow({ where: { tenantId: scope.tenantId, status: "READY" } });
    const broken: TAccessGraph = {
      nodes: new Map([["x", { id: "x", kind: "iam-role", accountId: ACCT, region: null, name: null as unknown as string, properties: {} }]]),
      edges: [],
      stats: { principals: 0, evaluations: 0, durationMs: 0, byEdgeKind: {} },
    };
    await expect(storeAccessGraph({ db: t.db, tenantId: scope.tenantId, scanId: null, graph: broken, startedAt: new Date() })).rejects.toThrow(/null value/);
    const failed = await t.db.accessGraphBuild.findFirstOrThrow({ where: { tenantId: scope.tenantId, status: "FAILED" } });
    expect(failed.error).toMatch(/null value/);
    const [left] = await t.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_class WHERE relname LIKE ${`AccessGraph%_${failed.id.replace(/-/g, "")}`}`;
    expect(left?.n).toBe(0);
    const radius = await getBlastRadius({ db: t.db, scope, query: { nodeId: INSTANCE } });
    expect(radius.build.id).toBe(current.id);
    // the next good build sweeps the failed one
    await rebuildAccessGraph({ db: t.db, tenantId: scope.tenantId, scanId: null, now: new Date() });
    expect(await t.db.accessGraphBuild.count({ where: { tenantId: scope.tenantId } })).toBe(1);
  });

  it("writes reasons and conditions exactly, one encoding per shared array", async () => {
    const tricky = ['a "quoted" \\ back\tslash\nnew line', "{brace},comma", "NULL", ""];
    const shared = ["shared reason"];
    const node = (id: string) => ({ id, kind: "iam-role" as const, accountId: ACCT, region: null, name: id, properties: { note: 'x"\\y' } });
    const graph: TAccessGraph = {
      nodes: new Map([["a", node("a")], ["b", node("b")], ["c", node("c")]]),
      edges: [
        { source: "a", target: "b", kind: "can-assume", decision: "CONDITIONAL", methodId: null, action: "sts:AssumeRole", conditions: ["aws:SourceIp"], reasons: tricky },
        { source: "a", target: "c", kind: "can-move-laterally", decision: "ALLOWED", methodId: null, action: null, conditions: [], reasons: shared },
        { source: "b", target: "c", kind: "can-move-laterally", decision: "ALLOWED", methodId: "iam-001", action: null, conditions: [], reasons: shared },
      ],
      stats: { principals: 3, evaluations: 0, durationMs: 0, byEdgeKind: {} },
    };
    const stored = await storeAccessGraph({ db: t.db, tenantId: otherScope.tenantId, scanId: null, graph, startedAt: new Date() });
    const rows = await t.db.accessGraphEdge.findMany({ where: { buildId: stored.buildId }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.source, r.target, r.decision, r.methodId, r.action, r.conditions, r.reasons])).toEqual([
      ["a", "b", "CONDITIONAL", null, "sts:AssumeRole", ["aws:SourceIp"], tricky],
      ["a", "c", "ALLOWED", null, null, [], shared],
      ["b", "c", "ALLOWED", "iam-001", null, [], shared],
    ]);
    const n = await t.db.accessGraphNode.findFirstOrThrow({ where: { buildId: stored.buildId, nodeId: "a" } });
    expect(n.properties).toEqual({ note: 'x"\\y' });
    // the other tenant's build does not replace this tenant's graph
    expect(await t.db.accessGraphBuild.count({ where: { tenantId: scope.tenantId, status: "READY" } })).toBe(1);
  });

  it("keeps tenants apart and explains unknown nodes", async () => {
    await expect(getBlastRadius({ db: t.db, scope: otherScope, query: { nodeId: INSTANCE } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getBlastRadius({ db: t.db, scope, query: { nodeId: "arn:aws:s3:::nope" } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getBlastRadius({ db: t.db, scope, query: { nodeId: "" } })).rejects.toMatchObject({ code: "VALIDATION" });
    const node = await getGraphNode({ db: t.db, scope, nodeId: ROLE });
    expect(node.outgoing.map((e) => e.kind)).toContain("can-assume");
  });
});

describe("attack paths and effective permissions", () => {
  it("ranks open attack-path findings with their path, filters by account, and keeps tenants apart", async () => {
    const instance = await t.db.resource.findFirstOrThrow({ where: { tenantId: scope.tenantId, resourceId: INSTANCE } });
    const role = await t.db.resource.findFirstOrThrow({ where: { tenantId: scope.tenantId, resourceId: DEPLOY } });
    const hop = (from: string, to: string, edge: string, decision = "ALLOWED") => ({ from, fromName: from, edge, to, toName: to, decision, action: null, methodId: null, conditions: [], reason: null });
    await t.db.finding.createMany({
      data: [
        { tenantId: scope.tenantId, ruleId: "aws.attack-path.principal.escalation-to-admin", resourceId: role.id, accountId: ACCT, region: "global", resourceType: "AWS::IAM::Role", status: "OPEN", severity: "HIGH", title: "Principal can escalate", evidence: { path: [hop(DEPLOY, `arn:aws:iam::${ACCT}:root`, "can-escalate")] } },
        { tenantId: scope.tenantId, ruleId: "aws.attack-path.instance.public-imdsv1-privileged-role", resourceId: instance.id, accountId: ACCT, region: "us-east-1", resourceType: "AWS::EC2::Instance", status: "OPEN", severity: "CRITICAL", title: "Exposed instance", evidence: { pathDecision: "ALLOWED", path: [hop("internet", INSTANCE, "exposed-to-internet"), hop(INSTANCE, ROLE, "runs-as")] } },
        { tenantId: scope.tenantId, ruleId: "aws.ec2.instance.imdsv2-required", resourceId: instance.id, accountId: ACCT, region: "us-east-1", resourceType: "AWS::EC2::Instance", status: "OPEN", severity: "HIGH", title: "not an attack path", evidence: {} },
      ],
    });
    const list = await listAttackPaths({ db: t.db, scope });
    expect(list.rows.map((r) => r.ruleId)).toEqual(["aws.attack-path.instance.public-imdsv1-privileged-role", "aws.attack-path.principal.escalation-to-admin"]);
    expect(list.rows[0]?.path.map((h) => h.edge)).toEqual(["exposed-to-internet", "runs-as"]);
    expect(list.facets.accountId).toEqual([{ value: ACCT, count: 2 }]);
    expect((await listAttackPaths({ db: t.db, scope, filters: { accountId: "999999999999" } })).total).toBe(0);
    expect((await listAttackPaths({ db: t.db, scope: otherScope })).total).toBe(0);
    await expect(listAttackPaths({ db: t.db, scope, filters: { accountId: "x" } })).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("summarizes a role's effective permissions by service with the deciding statements", async () => {
    const catalog = await loadActionCatalog();
    const result = await getEffectivePermissions({ db: t.db, scope, principalArn: DEPLOY, catalog });
    const s3 = result.services.find((s) => s.service === "s3");
    expect(s3?.actions.find((a) => a.action.toLowerCase() === "s3:getobject")?.explanations[0]?.policyName).toBe("data");
    expect(result.services.map((s) => s.service)).toEqual(["iam", "s3"]);
    await expect(getEffectivePermissions({ db: t.db, scope: otherScope, principalArn: DEPLOY, catalog })).rejects.toMatchObject({ code: "NOT_FOUND" });
  }, 60_000);
});
