/**
 * Persist the findings diff of N failing (rule, resource) pairs (default 1,000,000) with
 * `applyEvaluation` into its own Postgres database, then re-apply the same evaluation
 * (idempotency: nothing changes), then resolve them all. Prints, per phase, the wall time,
 * the CPU seconds of this process and of the database's backends (what the phase costs when
 * the machine is shared: wall-clock figures grow with the load average printed beside them),
 * the per-step split, and the peak RSS of this process.
 *
 *   npm run bench:findings -w @guardrail/bench [-- --count 1000000] [-- --database guardrail_bench_findings] [-- --keep]
 *
 * The database is created from the migrations at the start of every run (the target is a cold
 * first evaluation of a tenant, then a warm re-evaluation) and dropped at the end (`--keep`
 * keeps it).
 */
import { readdirSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { applyEvaluation } from "@guardrail/core";
import { createDb, withPgConnection, type TDb } from "@guardrail/db";
import type { TRuleResult } from "@guardrail/rules";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    count: { type: "string" },
    /** The database this run drops and recreates: never `guardrail` or `test`. */
    database: { type: "string", default: "guardrail_bench_findings" },
    /** Keep the database after the run (it is dropped by default). */
    keep: { type: "boolean", default: false },
  },
});
const COUNT = Number(values.count ?? positionals[0] ?? 1_000_000);
const DB_NAME = values.database;
if (!/^[a-z_][a-z0-9_]*$/.test(DB_NAME) || DB_NAME === "guardrail" || DB_NAME === "test") {
  throw new Error(`--database must be a plain identifier of a database of your own, got ${DB_NAME}`);
}
const BASE = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/guardrail";
const MIGRATIONS = join(import.meta.dirname, "../prisma/migrations");
const RULES = ["aws.ec2.instance.imdsv2-required", "aws.ec2.instance.public-imdsv1", "aws.ec2.volume.encrypted", "aws.s3.bucket.versioning"];
const RESOURCES = Math.ceil(COUNT / RULES.length);
const TARGET_S = 60;

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

function account(i: number): string {
  return String(100000000000 + (i % 50)).padStart(12, "0");
}

function arn(i: number): string {
  return `arn:aws:ec2:us-east-1:${account(i)}:instance/i-${i.toString(16).padStart(17, "0")}`;
}

function* results(status: "FAIL" | "PASS"): Generator<TRuleResult> {
  let n = 0;
  for (let i = 0; i < RESOURCES && n < COUNT; i++) {
    for (const ruleId of RULES) {
      if (n++ >= COUNT) return;
      yield {
        ruleId,
        resourceId: arn(i),
        accountId: account(i),
        region: "us-east-1",
        resourceType: "AWS::EC2::Instance",
        status,
        severity: "HIGH",
        evidence: status === "FAIL" ? { "MetadataOptions.HttpTokens": "optional", InstanceId: `i-${i.toString(16)}` } : {},
        message: `${ruleId} ${status}`,
      };
    }
  }
}

async function recreateDatabase(): Promise<TDb> {
  const admin = createDb({ databaseUrl: withDatabase(BASE, "postgres"), poolSize: 1 });
  try {
    await admin.$executeRawUnsafe(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`);
    await admin.$executeRawUnsafe(`CREATE DATABASE "${DB_NAME}"`);
  } finally {
    await admin.$disconnect();
  }
  // One connection: Prisma's queries and applyEvaluation's COPY share it, so the database's
  // CPU time below is one backend's (plus autovacuum's on this database).
  const db = createDb({ databaseUrl: withDatabase(BASE, DB_NAME), poolSize: 1 });
  await withPgConnection(db, async (client) => {
    for (const m of readdirSync(MIGRATIONS).filter((d) => !d.endsWith(".toml")).sort()) {
      await client.query(readFileSync(join(MIGRATIONS, m, "migration.sql"), "utf8"));
    }
  });
  return db;
}

/** CPU seconds used so far by each Postgres process working on the database (Linux /proc). */
const backendCpu = new Map<number, { first: number; last: number }>();
const TICKS = 100; // USER_HZ
function cpuSecondsOfPid(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / TICKS; // utime + stime
  } catch {
    return null;
  }
}
async function sampleBackends(admin: TDb) {
  const rows = await admin.$queryRawUnsafe<{ pid: number }[]>(`SELECT pid FROM pg_stat_activity WHERE datname = '${DB_NAME}'`);
  for (const { pid } of rows) {
    const s = cpuSecondsOfPid(pid);
    if (s === null) continue;
    const seen = backendCpu.get(pid);
    if (seen) seen.last = s;
    else backendCpu.set(pid, { first: s, last: s });
  }
}
const databaseCpuSeconds = () => [...backendCpu.values()].reduce((a, s) => a + s.last - s.first, 0);

let peakRss = 0;
const load = () => loadavg().map((l) => l.toFixed(1)).join(" ");

async function main() {
  console.log(`findings-persist: ${COUNT.toLocaleString("en-US")} results into database ${DB_NAME}; load average ${load()}`);
  const db = await recreateDatabase();
  const admin = createDb({ databaseUrl: withDatabase(BASE, "postgres"), poolSize: 1 });
  let sampling = Promise.resolve();
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    sampling = sampling.then(() => sampleBackends(admin)).catch(() => undefined);
  }, 250);
  try {
    const tenant = await db.tenant.create({ data: { name: "bench", slug: "bench" } });
    const s0 = performance.now();
    await db.$executeRawUnsafe(
      `INSERT INTO "Resource" ("tenantId", "accountId", region, service, "resourceType", "resourceId", configuration, "configurationHash")
       SELECT $1::uuid, lpad((100000000000 + (i % 50))::text, 12, '0'), 'us-east-1', 'ec2', 'AWS::EC2::Instance',
              'arn:aws:ec2:us-east-1:' || lpad((100000000000 + (i % 50))::text, 12, '0') || ':instance/i-' || lpad(to_hex(i), 17, '0'),
              '{}'::jsonb, 'h'
         FROM generate_series(0, $2::int - 1) AS i`,
      tenant.id,
      RESOURCES,
    );
    await db.$executeRawUnsafe(`VACUUM ANALYZE "Resource"`);
    console.log(`seeded ${RESOURCES.toLocaleString("en-US")} resources in ${((performance.now() - s0) / 1000).toFixed(1)} s`);

    const phases: [string, "FAIL" | "PASS", Date][] = [
      ["open (first evaluation)", "FAIL", new Date("2026-01-01T00:00:00Z")],
      ["re-apply (idempotent)", "FAIL", new Date("2026-01-01T00:00:00Z")],
      ["resolve", "PASS", new Date("2026-01-02T00:00:00Z")],
    ];
    for (const [label, status, now] of phases) {
      await sampling;
      await sampleBackends(admin);
      const dbCpu0 = databaseCpuSeconds();
      const cpu0 = process.cpuUsage();
      const start = performance.now();
      const stepTimes = new Map<string, number>();
      const r = await applyEvaluation({
        db,
        tenantId: tenant.id,
        scanId: null,
        evaluatedScope: "ALL",
        now,
        rules: RULES.map((id) => ({ id, title: id })),
        results: results(status),
        onStep: (name, ms) => {
          stepTimes.set(name, (stepTimes.get(name) ?? 0) + ms);
        },
      });
      const s = (performance.now() - start) / 1000;
      const cpu = process.cpuUsage(cpu0);
      await sampling;
      await sampleBackends(admin);
      const dbCpu = databaseCpuSeconds() - dbCpu0;
      const verdict = label.startsWith("open") ? ` [target ≤ ${TARGET_S} s: ${s <= TARGET_S ? "PASS" : "FAIL"}]` : "";
      console.log(
        `${label.padEnd(24)} ${COUNT.toLocaleString("en-US")} results in ${s.toFixed(1)} s ` +
          `(${Math.round(COUNT / s).toLocaleString("en-US")} results/s)${verdict}; CPU: node ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, ` +
          `postgres ${dbCpu.toFixed(1)} s; load average ${load()}`,
      );
      console.log(
        `  opened ${r.opened}, reopened ${r.reopened}, resolved ${r.resolved}, updated ${r.updated}, severity ${r.severityChanged}, unknown ${r.skippedUnknownResource}`,
      );
      console.log(`  steps: ${[...stepTimes].map(([k, ms]) => `${k} ${(ms / 1000).toFixed(1)} s`).join(", ")}`);
    }
    console.log(`findings: ${(await db.finding.count()).toLocaleString("en-US")}, events: ${(await db.findingEvent.count()).toLocaleString("en-US")}`);
    peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
    console.log(`peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB; load average ${load()}`);
  } finally {
    clearInterval(sampler);
    await sampling;
    await db.$disconnect();
    if (!values.keep) await admin.$executeRawUnsafe(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`);
    await admin.$disconnect();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
