#!/usr/bin/env node
// The one command that runs every check: lint, typecheck, unit + integration tests (real
// Postgres and Redis, an isolated database per run and per test file), and the end-to-end
// tests in Debian's Chromium. Prints a closing "N passed, N failed" line.
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { log, requireServices, ROOT, run, startDemoStack, withDatabase } from "./lib.mjs";

const baseUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/guardrail";
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
await requireServices({ databaseUrl: baseUrl, redisUrl });

const started = Date.now();
const steps = [];
async function step(name, fn) {
  const t0 = Date.now();
  log(`▶ ${name}`);
  const code = await fn();
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  steps.push({ name, ok: code === 0, seconds });
  log(`${code === 0 ? "✔" : "✘"} ${name} (${seconds}s)`);
  return code === 0;
}

// An isolated database for this run (integration tests make their own per file).
const runDb = `guardrail_check_${process.pid}_${Date.now().toString(36)}`;
const admin = new pg.Client({ connectionString: withDatabase(baseUrl, "postgres") });
await admin.connect();
await admin.query(`CREATE DATABASE "${runDb}"`);
await admin.end();
const env = {
  ...process.env,
  DATABASE_URL: withDatabase(baseUrl, runDb),
  REDIS_URL: redisUrl,
  NEXT_TELEMETRY_DISABLED: "1",
  TURBO_TELEMETRY_DISABLED: "1",
  NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "test-run-secret-" + Math.random().toString(36).slice(2).padEnd(24, "x"),
};

for (const dir of ["apps", "packages"]) {
  // stale per-workspace reports from an earlier run must not be counted
  for (const ws of readdirSafe(join(ROOT, dir))) rmSync(join(ROOT, dir, ws, ".vitest-report.json"), { force: true });
}
rmSync(join(ROOT, "e2e/test-results"), { recursive: true, force: true });

await step("migrate (offline, Prisma WebAssembly schema engine)", () => run("npm", ["run", "db:migrate"], { env }));
await step("lint + typecheck", async () => (await run("npx", ["turbo", "run", "lint", "typecheck", "--concurrency=2", "--continue", "--output-logs=errors-only"], { env })) || (await run("npx", ["eslint", "scripts", "prisma", "prisma.config.ts"], { env })) || run("npx", ["tsc", "--noEmit", "-p", "tsconfig.json"], { env }));
await step("unit + integration tests", () =>
  run("npx", ["turbo", "run", "test", "--concurrency=2", "--continue", "--output-logs=full", "--", "--reporter=default", "--reporter=json", "--outputFile.json=.vitest-report.json"], { env }),
);
await step("build web", () => run("npm", ["run", "build", "-w", "@guardrail/web"], { env }));
await step("end-to-end (Playwright + Chromium, on a real scan of the demo organization)", async () => {
  // The whole product: the demo tenant and connection, the AWS sandbox serving the demo
  // organization, a worker scanning it, and the web app (started by Playwright).
  const e2eEnv = { ...env, QUEUE_PREFIX: `guardrail-e2e-${process.pid}` };
  const stack = await startDemoStack({ env: e2eEnv, dataDir: join(ROOT, ".data/e2e"), sandboxPort: 4577 });
  if (!stack) return 1;
  try {
    return await run("npm", ["run", "e2e", "-w", "@guardrail/e2e"], { env: { ...e2eEnv, ...stack.env } });
  } finally {
    await stack.stop();
  }
});

// Tally every test that ran.
let passed = 0;
let failed = 0;
let skipped = 0;
for (const dir of ["apps", "packages"]) {
  for (const ws of readdirSafe(join(ROOT, dir))) {
    const file = join(ROOT, dir, ws, ".vitest-report.json");
    if (!existsSync(file)) continue;
    const report = JSON.parse(readFileSync(file, "utf8"));
    passed += report.numPassedTests ?? 0;
    failed += report.numFailedTests ?? 0;
    skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  }
}
const e2eReport = join(ROOT, "e2e/test-results/report.json");
if (existsSync(e2eReport)) {
  const stats = JSON.parse(readFileSync(e2eReport, "utf8")).stats ?? {};
  passed += (stats.expected ?? 0) + (stats.flaky ?? 0);
  failed += stats.unexpected ?? 0;
  skipped += stats.skipped ?? 0;
}

const dropper = new pg.Client({ connectionString: withDatabase(baseUrl, "postgres") });
await dropper.connect();
await dropper.query(`DROP DATABASE IF EXISTS "${runDb}" WITH (FORCE)`);
await dropper.end();

const allOk = steps.every((s) => s.ok);
log("summary:");
for (const s of steps) log(`  ${s.ok ? "✔" : "✘"} ${s.name} (${s.seconds}s)`);
log(`total ${((Date.now() - started) / 1000).toFixed(0)}s`);
if (!allOk && failed === 0) failed = steps.filter((s) => !s.ok).length;
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(allOk ? 0 : 1);

function readdirSafe(path) {
  return existsSync(path) ? readdirSync(path) : [];
}
