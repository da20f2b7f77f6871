#!/usr/bin/env node
// Runs the end-to-end tests alone, on their own isolated database, demo stack and ports, so a
// developer can run a few specs without the whole `npm test`, and several runs can share a
// machine:
//
//   node scripts/e2e.mjs [--no-build] [--web-port 3100] [--sandbox-port 4577] [playwright args…]
//   e.g. node scripts/e2e.mjs --web-port 3111 --sandbox-port 4611 specs/findings.spec.ts
//
// Each run builds the web app into its own folder (NEXT_DIST_DIR, .next-e2e-<web port>) unless
// --no-build is given and that folder already holds a build.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { log, requireServices, ROOT, run, startDemoStack, withDatabase } from "./lib.mjs";

const { values, positionals } = parseArgs({
  options: {
    "no-build": { type: "boolean", default: false },
    "web-port": { type: "string", default: "3100" },
    "sandbox-port": { type: "string", default: "4577" },
    "keep-db": { type: "boolean", default: false },
  },
  allowPositionals: true,
  strict: false,
});

const webPort = Number(values["web-port"]);
const sandboxPort = Number(values["sandbox-port"]);
const baseUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/guardrail";
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
await requireServices({ databaseUrl: baseUrl, redisUrl });

const runDb = `guardrail_e2e_${webPort}_${Date.now().toString(36)}`;
const admin = new pg.Client({ connectionString: withDatabase(baseUrl, "postgres") });
await admin.connect();
await admin.query(`CREATE DATABASE "${runDb}"`);
await admin.end();

const distDir = `.next-e2e-${webPort}`;
const env = {
  ...process.env,
  DATABASE_URL: withDatabase(baseUrl, runDb),
  REDIS_URL: redisUrl,
  NEXT_TELEMETRY_DISABLED: "1",
  NEXT_DIST_DIR: distDir,
  GUARDRAIL_E2E_PORT: String(webPort),
  GUARDRAIL_E2E_OUT: `test-results-${webPort}`,
  QUEUE_PREFIX: `guardrail-e2e-${webPort}-${process.pid}`,
  NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "e2e-run-secret-" + Math.random().toString(36).slice(2).padEnd(24, "x"),
};

let code = 1;
try {
  code = await run("npm", ["run", "db:migrate"], { env, quiet: true });
  if (code === 0 && !(values["no-build"] && existsSync(join(ROOT, "apps/web", distDir)))) {
    log(`building the web app into apps/web/${distDir}`);
    code = await run("npm", ["run", "build", "-w", "@guardrail/web"], { env });
  }
  if (code === 0) {
    const stack = await startDemoStack({ env, dataDir: join(ROOT, `.data/e2e-${webPort}`), sandboxPort });
    if (!stack) code = 1;
    else {
      try {
        code = await run("npx", ["playwright", "test", ...positionals], { env: { ...env, ...stack.env }, cwd: join(ROOT, "e2e") });
      } finally {
        await stack.stop();
      }
    }
  }
} finally {
  if (!values["keep-db"]) {
    const dropper = new pg.Client({ connectionString: withDatabase(baseUrl, "postgres") });
    await dropper.connect();
    await dropper.query(`DROP DATABASE IF EXISTS "${runDb}" WITH (FORCE)`);
    await dropper.end();
  }
}
log(`e2e ${code === 0 ? "passed" : "failed"} (results in e2e/test-results-${webPort}, screenshots in e2e/screenshots)`);
process.exit(code);
