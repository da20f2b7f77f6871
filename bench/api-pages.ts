/**
 * The web app's API under production-sized data: a tenant with 500 accounts, 1,000,000
 * resources, 2,000,000 findings (with their opening events) and a year of daily posture
 * snapshots, served by the real production build (`next start`) and measured over HTTP with
 * a signed-in session. Prints p50 / p95 / max per endpoint and PASS/FAIL against p95 ≤ 300 ms.
 *
 *   npm run bench:api -w @guardrail/bench [-- --reseed] [-- --requests 40] [-- --seed-only]
 *     [-- --database guardrail_bench_api] [-- --dist-dir .next-bench] [-- --port 3190]
 *     [-- --only "overview|trends"]   (measure only the endpoints whose name matches)
 *
 * The database (guardrail_bench_api) is seeded once with set-based SQL and reused on the next
 * run (pass --reseed to rebuild it). The web app is built into apps/web/.next-bench unless that
 * build exists already (pass --rebuild to force it).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { computeRemediationStats, refreshResourceBusinessUnits } from "@guardrail/core";
import { createDb, type TDb } from "@guardrail/db";
import { RULE_CATALOG } from "@guardrail/rules";
import { seedDemo } from "../prisma/seed";

const { values } = parseArgs({
  options: {
    reseed: { type: "boolean", default: false },
    rebuild: { type: "boolean", default: false },
    "seed-only": { type: "boolean", default: false },
    requests: { type: "string", default: "30" },
    port: { type: "string", default: "3190" },
    accounts: { type: "string", default: "500" },
    resources: { type: "string", default: "1000000" },
    /** Database and build folder names, so two people can run the bench side by side. */
    database: { type: "string", default: "guardrail_bench_api" },
    "dist-dir": { type: "string", default: ".next-bench" },
    /** A regular expression: measure only the endpoints whose name matches it. */
    only: { type: "string" },
  },
});

const ROOT = join(import.meta.dirname, "..");
const BASE = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/guardrail";
const DB_NAME = values.database;
if (!/^[a-z_][a-z0-9_]*$/.test(DB_NAME)) throw new Error(`--database must be a plain identifier, got ${DB_NAME}`);
const DIST_DIR = values["dist-dir"];
const DATABASE_URL = withDatabase(BASE, DB_NAME);
const ACCOUNTS = Number(values.accounts);
const RESOURCES = Number(values.resources);
const FINDINGS = RESOURCES * 2;
const DAYS = 365;
const PORT = Number(values.port);
const REQUESTS = Number(values.requests);
const TARGET_P95_MS = 300;

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

function seconds(t0: number): string {
  return ((performance.now() - t0) / 1000).toFixed(1);
}

async function ensureDatabase(): Promise<boolean> {
  const admin = createDb({ databaseUrl: withDatabase(BASE, "postgres"), poolSize: 1 });
  try {
    const rows = await admin.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM pg_database WHERE datname = '${DB_NAME}'`);
    const exists = rows[0]!.n > 0;
    if (exists && values.reseed) await admin.$executeRawUnsafe(`DROP DATABASE "${DB_NAME}" WITH (FORCE)`);
    if (!exists || values.reseed) {
      await admin.$executeRawUnsafe(`CREATE DATABASE "${DB_NAME}"`);
      return false;
    }
    return true;
  } finally {
    await admin.$disconnect();
  }
}

function migrate() {
  const r = spawnSync("npm", ["run", "db:migrate"], { cwd: ROOT, env: { ...process.env, DATABASE_URL }, stdio: ["ignore", "ignore", "inherit"] });
  if (r.status !== 0) throw new Error("migration of the benchmark database failed");
}

/** Seeds the whole dataset with set-based SQL (server-side generate_series, no row-by-row). */
async function seed(db: TDb) {
  const t0 = performance.now();
  const tenant = await seedDemo(db);
  const tid = tenant.id;
  const users = await db.user.findMany({ select: { id: true, email: true } });
  const buOwner = users.find((u) => u.email.startsWith("payments-owner"))!.id;
  const analyst = users.find((u) => u.email.startsWith("analyst"))!.id;
  // Attack-path findings carry a path the graph build writes; the per-resource rules suffice here.
  const rules = RULE_CATALOG.filter((r) => !r.deprecated && !r.id.startsWith("aws.attack-path."));
  const ruleIds = rules.map((r) => r.id);
  const ruleSeverities = rules.map((r) => r.severity.toUpperCase());
  const ruleTitles = rules.map((r) => r.title);
  const types = [...new Set(rules.flatMap((r) => r.resourceTypes))];
  const services = types.map((t) => t.split("::")[1]!.toLowerCase());

  const [conn] = await db.$queryRawUnsafe<{ id: string }[]>(
    `INSERT INTO "AwsConnection" ("tenantId", name, "managementRoleArn", "memberRoleName", "externalId", status, "organizationId", "managementAccountId", "updatedAt")
     VALUES ($1::uuid, 'Bench organization', 'arn:aws:iam::100000000000:role/GuardrailOrgReader', 'GuardrailScanner', 'bench-' || md5(random()::text), 'CONNECTED', 'o-bench00001', '100000000000', now())
     RETURNING id`,
    tid,
  );
  // OUs: root, 5 top-level, 20 below them.
  await db.$executeRawUnsafe(
    `INSERT INTO "OrganizationalUnit" ("tenantId", "connectionId", "ouId", arn, name, "parentId", "isRoot")
     SELECT $1::uuid, $2::uuid, 'r-bnch', 'arn:aws:organizations::100000000000:root/o-bench00001/r-bnch', 'Root', NULL, true
     UNION ALL
     SELECT $1::uuid, $2::uuid, 'ou-bnch-top' || g, 'arn:aws:organizations::100000000000:ou/o-bench00001/ou-bnch-top' || g,
            (ARRAY['Security','Workloads','Sandbox','Prod','NonProd'])[g], 'r-bnch', false FROM generate_series(1, 5) g
     UNION ALL
     SELECT $1::uuid, $2::uuid, 'ou-bnch-sub' || g, 'arn:aws:organizations::100000000000:ou/o-bench00001/ou-bnch-sub' || g,
            'Team ' || g, 'ou-bnch-top' || (1 + g % 5), false FROM generate_series(1, 20) g`,
    tid,
    conn!.id,
  );
  // 10 business units mapped by OU; the BU owner owns the first ("Payments").
  await db.$executeRawUnsafe(
    `INSERT INTO "BusinessUnit" (id, "tenantId", name, "isDefault")
     SELECT md5('bu' || g)::uuid, $1::uuid, (ARRAY['Payments','Retail','Logistics','Data','Platform','Marketing','HR','Finance','Mobile','Research'])[g], false
       FROM generate_series(1, 10) g`,
    tid,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO "BusinessUnitMapping" ("tenantId", "businessUnitId", kind, "ouId")
     SELECT $1::uuid, md5('bu' || (1 + g % 10))::uuid, 'OU', 'ou-bnch-sub' || g FROM generate_series(1, 20) g`,
    tid,
  );
  await db.$executeRawUnsafe(`INSERT INTO "BusinessUnitOwner" ("tenantId", "businessUnitId", "userId", "isPrimary") VALUES ($1::uuid, md5('bu1')::uuid, $2::uuid, true)`, tid, buOwner);
  await db.$executeRawUnsafe(
    `INSERT INTO "AwsAccount" ("tenantId", "connectionId", "accountId", arn, name, email, status, "parentId", tags, "isManagement", "businessUnitId", access, "lastScannedAt")
     SELECT $1::uuid, $2::uuid, (100000000000 + a)::text, 'arn:aws:organizations::100000000000:account/o-bench00001/' || (100000000000 + a),
            'account-' || a, 'aws+' || a || '@bench.example', 'ACTIVE', CASE WHEN a = 0 THEN 'r-bnch' ELSE 'ou-bnch-sub' || (1 + a % 20) END,
            jsonb_build_object('env', (ARRAY['prod','nonprod','sandbox'])[1 + a % 3], 'cost-center', 'cc-' || (a % 40)),
            a = 0, md5('bu' || (1 + (1 + a % 20) % 10))::uuid, 'CONNECTED', now()
       FROM generate_series(0, $3::int - 1) a`,
    tid,
    conn!.id,
    ACCOUNTS,
  );
  console.log(`  organization: ${ACCOUNTS} accounts, 26 OUs, 10 business units (${seconds(t0)} s)`);

  let t = performance.now();
  await db.$executeRawUnsafe(`ALTER TABLE "Resource" SET UNLOGGED`).catch(() => undefined);
  await db.$executeRawUnsafe(
    `INSERT INTO "Resource" (id, "tenantId", "accountId", region, service, "resourceType", "resourceId", name, tags, configuration, "configurationHash", "firstSeenAt", "lastSeenAt")
     SELECT md5('r' || i)::uuid, $1::uuid, acct, region, ($3::text[])[1 + i % $5], ($2::text[])[1 + i % $5],
            'arn:aws:' || ($3::text[])[1 + i % $5] || ':' || region || ':' || acct || ':' || lower(split_part(($2::text[])[1 + i % $5], '::', 3)) || '/res-' || to_hex(i),
            'res-' || to_hex(i) || '-' || (ARRAY['web','api','db','batch','etl','cache','auth','logs'])[1 + i % 8],
            jsonb_build_object('team', (ARRAY['payments','retail','logistics','data','platform'])[1 + i % 5], 'env', (ARRAY['prod','nonprod','sandbox'])[1 + i % 3]),
            jsonb_build_object('Name', 'res-' || to_hex(i), 'Encrypted', i % 3 = 0, 'CreatedBy', 'bench', 'Index', i),
            md5(i::text), now() - ((i % 365) || ' days')::interval, now()
       FROM (SELECT i, (100000000000 + i % $4)::text AS acct, (ARRAY['us-east-1','eu-west-1'])[1 + (i / $4) % 2] AS region
               FROM generate_series(0, $6::int - 1) i) s`,
    tid,
    types,
    services,
    ACCOUNTS,
    types.length,
    RESOURCES,
  );
  await db.$executeRawUnsafe(`ALTER TABLE "Resource" SET LOGGED`).catch(() => undefined);
  // Each resource's business unit, as a scan's persistence and a mapping change store it.
  await refreshResourceBusinessUnits(db, { tenantId: tid });
  console.log(`  ${RESOURCES.toLocaleString()} resources with their business units (${seconds(t)} s)`);

  t = performance.now();
  // Two findings per resource; 40 % open, 50 % resolved, 10 % suppressed; open ones carry
  // their business unit, a due date and (every 7th) an owner.
  await db.$executeRawUnsafe(
    `INSERT INTO "Finding" ("tenantId", "ruleId", "resourceId", "accountId", region, "resourceType", status, severity, title, evidence,
                            "firstSeenAt", "lastSeenAt", "resolvedAt", "businessUnitId", "ownerUserId", "ownerResolution", "dueAt")
     SELECT $1::uuid, ($2::text[])[1 + n % $5], md5('r' || i)::uuid, acct, region, ($6::text[])[1 + i % $7],
            (CASE WHEN n % 10 < 4 THEN 'OPEN' WHEN n % 10 < 9 THEN 'RESOLVED' ELSE 'SUPPRESSED' END)::"FindingStatus",
            (($3::text[])[1 + n % $5])::"Severity", ($4::text[])[1 + n % $5],
            jsonb_build_object('field', 'Encrypted', 'value', false),
            now() - ((n % 365) || ' days')::interval, now(),
            CASE WHEN n % 10 BETWEEN 4 AND 8 THEN now() - ((n % 200) || ' days')::interval END,
            md5('bu' || (1 + (1 + (i % $8) % 20) % 10))::uuid,
            CASE WHEN n % 7 = 0 THEN $9::uuid END,
            jsonb_build_object('step', 'OU'),
            now() + (((n % 60) - 20) || ' days')::interval
       FROM (SELECT n, n / 2 AS i, (100000000000 + (n / 2) % $8)::text AS acct, (ARRAY['us-east-1','eu-west-1'])[1 + ((n / 2) / $8) % 2] AS region
               FROM generate_series(0, $10::int - 1) n) s`,
    tid,
    ruleIds,
    ruleSeverities,
    ruleTitles,
    ruleIds.length,
    types,
    types.length,
    ACCOUNTS,
    analyst,
    FINDINGS,
  );
  console.log(`  ${FINDINGS.toLocaleString()} findings (${seconds(t)} s)`);

  t = performance.now();
  await db.$executeRawUnsafe(
    `INSERT INTO "FindingEvent" ("tenantId", "findingId", type, cause, at)
     SELECT "tenantId", id, 'OPENED', 'scan', "firstSeenAt" FROM "Finding" WHERE "tenantId" = $1::uuid`,
    tid,
  );
  console.log(`  ${FINDINGS.toLocaleString()} finding events (${seconds(t)} s)`);

  t = performance.now();
  // A year of daily snapshots for the tenant, every OU, business unit, account and rule.
  await db.$executeRawUnsafe(
    `INSERT INTO "PostureSnapshot" ("tenantId", day, "scopeType", "scopeId", score, coverage, "openCritical", "openHigh", "openMedium", "openLow", "openInfo",
                                    "newCount", "resolvedCount", "passCount", "failCount", "unableCount", "slaBreached")
     SELECT $1::uuid, d::date, scope."scopeType"::"SnapshotScope", scope."scopeId",
            60 + 30 * sin(extract(doy FROM d) / 20.0 + length(scope."scopeId")), 0.9 + 0.1 * cos(extract(doy FROM d) / 30.0),
            (abs(hashtext(scope."scopeId" || d)) % 20), (abs(hashtext(d || scope."scopeId")) % 80), 100, 200, 50,
            (abs(hashtext(scope."scopeId")) % 30), (abs(hashtext(d::text)) % 30), 900, 100, 10, (abs(hashtext(scope."scopeId" || 'sla')) % 15)
       FROM generate_series(current_date - 364, current_date, interval '1 day') d
       CROSS JOIN (
         SELECT 'TENANT' AS "scopeType", '' AS "scopeId"
         UNION ALL SELECT 'OU', "ouId" FROM "OrganizationalUnit" WHERE "tenantId" = $1::uuid
         UNION ALL SELECT 'BUSINESS_UNIT', id::text FROM "BusinessUnit" WHERE "tenantId" = $1::uuid
         UNION ALL SELECT 'ACCOUNT', "accountId" FROM "AwsAccount" WHERE "tenantId" = $1::uuid
         UNION ALL SELECT 'RULE', unnest($2::text[])
       ) scope`,
    tid,
    ruleIds,
  );
  console.log(`  ${DAYS} days of snapshots (${seconds(t)} s)`);
  t = performance.now();
  // Mean time to remediate reads daily aggregates, written after each scan: a year of them.
  await computeRemediationStats({ db, tenantId: tid, from: new Date(Date.now() - (DAYS - 1) * 86_400_000), to: new Date() });
  console.log(`  ${DAYS} days of remediation aggregates (${seconds(t)} s)`);
  t = performance.now();
  await db.$executeRawUnsafe(`ANALYZE`);
  console.log(`  ANALYZE (${seconds(t)} s); seeded in ${seconds(t0)} s`);
}

async function buildWeb() {
  const dist = join(ROOT, "apps/web", DIST_DIR);
  if (existsSync(join(dist, "BUILD_ID")) && !values.rebuild) return;
  console.log(`building the web app (apps/web/${DIST_DIR}) …`);
  const r = spawnSync("npm", ["run", "build", "-w", "@guardrail/web"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL, NEXT_DIST_DIR: DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (r.status !== 0) throw new Error("web build failed");
}

async function startWeb() {
  const base = `http://127.0.0.1:${PORT}`;
  const child = spawn("npx", ["next", "start", "-p", String(PORT)], {
    cwd: join(ROOT, "apps/web"),
    env: {
      ...process.env,
      DATABASE_URL,
      NEXT_DIST_DIR: DIST_DIR,
      NEXTAUTH_URL: base,
      NEXTAUTH_SECRET: "bench-secret-0123456789abcdef0123456789abcdef",
      QUEUE_PREFIX: `guardrail-bench-api-${process.pid}`,
      GUARDRAIL_VENDOR_PRINCIPAL_ARN: "arn:aws:iam::999999999999:root",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { base, stop: () => process.kill(-child.pid!, "SIGTERM") };
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  process.kill(-child.pid!, "SIGTERM");
  throw new Error("the web app did not start");
}

/** Signs in through next-auth's credentials flow and returns the session cookie header. */
async function signIn(base: string, email: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const [k, ...v] = pair!.split("=");
      jar.set(k!, v.join("="));
    }
  };
  keep(csrf);
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ csrfToken, email, password: "guardrail-demo-2026", json: "true" }),
  });
  keep(res);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`sign-in as ${email} failed (HTTP ${res.status})`);
  return cookie();
}

interface TEndpoint {
  name: string;
  path: string;
  as?: "owner" | "buOwner";
}

/** Each page's data, through the API route that serves it (and the page itself). */
const ENDPOINTS: TEndpoint[] = [
  { name: "overview (page)", path: "/" },
  { name: "overview", path: "/api/v1/overview" },
  { name: "findings: default (open)", path: "/api/v1/findings" },
  { name: "findings: critical, by due date", path: "/api/v1/findings?severity=CRITICAL&sort=dueAt&dir=asc" },
  { name: "findings: business unit", path: "/api/v1/findings?businessUnitId=BU_PAYMENTS" },
  { name: "findings: SLA breached, page 20", path: "/api/v1/findings?sla=breached&page=20" },
  { name: "findings: all statuses", path: "/api/v1/findings?status=OPEN&status=RESOLVED&status=SUPPRESSED" },
  { name: "findings: mine (BU owner)", path: "/api/v1/findings?mine=1", as: "buOwner" },
  { name: "findings: BU owner's reach", path: "/api/v1/findings?severity=HIGH", as: "buOwner" },
  { name: "findings (page)", path: "/findings?severity=HIGH" },
  { name: "finding detail", path: "/api/v1/findings/FINDING_ID" },
  { name: "finding (page)", path: "/findings/FINDING_ID" },
  { name: "inventory: page 1", path: "/api/v1/resources" },
  { name: "inventory: page 1 + facets", path: "/api/v1/resources?facets=1" },
  { name: "inventory: search", path: "/api/v1/resources?q=res-1f4a" },
  { name: "inventory: account + service", path: "/api/v1/resources?accountId=100000000042&service=ec2" },
  { name: "inventory: tag filter + facets", path: "/api/v1/resources?tag=team%3Dpayments&facets=1" },
  { name: "inventory (page)", path: "/inventory?q=api" },
  { name: "inventory: BU owner's reach + facets", path: "/api/v1/resources?facets=1", as: "buOwner" },
  { name: "inventory: business unit + facets", path: "/api/v1/resources?businessUnitId=BU_PAYMENTS&facets=1" },
  { name: "resource detail", path: "/api/v1/resources/RESOURCE_ID" },
  { name: "resource (page)", path: "/inventory/RESOURCE_ID" },
  { name: "trends: tenant 365 d", path: "/api/v1/trends?range=365d" },
  { name: "trends: account 90 d", path: "/api/v1/trends?range=90d&scope=ACCOUNT&id=100000000042" },
  { name: "trends (page)", path: "/trends?range=90d" },
  { name: "organization", path: "/api/v1/organization" },
  { name: "organization (page)", path: "/organization" },
  { name: "business units", path: "/api/v1/business-units" },
  { name: "attack paths", path: "/api/v1/graph/attack-paths" },
  { name: "attack paths (page)", path: "/attack-paths" },
  { name: "rules catalog", path: "/api/v1/rules" },
  { name: "audit log", path: "/api/v1/audit" },
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure(base: string, cookies: Record<string, string>, ids: Record<string, string>) {
  const rows: { name: string; status: number; p50: number; p95: number; max: number }[] = [];
  const only = values.only ? new RegExp(values.only, "i") : null;
  for (const e of ENDPOINTS.filter((x) => !only || only.test(x.name))) {
    const path = Object.entries(ids).reduce((p, [k, v]) => p.replaceAll(k, encodeURIComponent(v)), e.path);
    const times: number[] = [];
    let status = 0;
    for (let i = 0; i < REQUESTS + 3; i++) {
      const t0 = performance.now();
      const res = await fetch(base + path, { headers: { cookie: cookies[e.as ?? "owner"]! }, redirect: "manual" });
      await res.arrayBuffer();
      status = res.status;
      if (i >= 3) times.push(performance.now() - t0); // 3 warm-up requests
    }
    times.sort((a, b) => a - b);
    rows.push({ name: `${e.name}  ${path}`, status, p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1)! });
  }
  return rows;
}

async function main() {
  console.log(`API benchmark: ${ACCOUNTS} accounts, ${RESOURCES.toLocaleString()} resources, ${FINDINGS.toLocaleString()} findings, ${DAYS} days of snapshots`);
  const reused = await ensureDatabase();
  migrate();
  const db = createDb({ databaseUrl: DATABASE_URL, poolSize: 2 });
  let ids: Record<string, string>;
  try {
    if (!reused) {
      console.log("seeding (set-based SQL) …");
      await seed(db);
    } else console.log(`reusing the seeded database ${DB_NAME} (--reseed to rebuild it)`);
    const finding = await db.finding.findFirstOrThrow({ where: { status: "OPEN" }, select: { id: true, resourceId: true } });
    const bu = await db.businessUnit.findFirstOrThrow({ where: { name: "Payments" }, select: { id: true } });
    ids = { FINDING_ID: finding.id, RESOURCE_ID: finding.resourceId, BU_PAYMENTS: bu.id };
  } finally {
    await db.$disconnect();
  }
  if (values["seed-only"]) return;
  await buildWeb();
  const web = await startWeb();
  try {
    const cookies = { owner: await signIn(web.base, "demo@guardrail.local"), buOwner: await signIn(web.base, "payments-owner@guardrail.local") };
    const rows = await measure(web.base, cookies, ids);
    console.log(`\n${REQUESTS} sequential requests per endpoint after 3 warm-up requests (ms):`);
    console.log(`${"endpoint".padEnd(96)} ${"HTTP".padStart(4)} ${"p50".padStart(7)} ${"p95".padStart(7)} ${"max".padStart(7)}`);
    let worst = 0;
    for (const r of rows) {
      worst = Math.max(worst, r.p95);
      const flag = r.status >= 400 ? "  (error status)" : r.p95 > TARGET_P95_MS ? "  (over target)" : "";
      console.log(`${r.name.slice(0, 96).padEnd(96)} ${String(r.status).padStart(4)} ${r.p50.toFixed(0).padStart(7)} ${r.p95.toFixed(0).padStart(7)} ${r.max.toFixed(0).padStart(7)}${flag}`);
    }
    const errors = rows.filter((r) => r.status >= 400).length;
    console.log(`\nworst p95 ${worst.toFixed(0)} ms (target ≤ ${TARGET_P95_MS} ms): ${worst <= TARGET_P95_MS && errors === 0 ? "PASS" : "FAIL"}${errors ? `, ${errors} endpoint(s) answered an error` : ""}`);
  } finally {
    web.stop();
  }
}

await main();
