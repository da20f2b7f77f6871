#!/usr/bin/env node
// `npm start`: brings the whole product up at http://localhost:3000 on the built-in demo
// organization. Uses only Node's standard library until dependencies are installed.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import net from "node:net";
import { join } from "node:path";

const ROOT = new URL("..", import.meta.url).pathname.replace(/\/$/, "");
const DATABASE_URL = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/guardrail";
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const log = (m) => process.stdout.write(`\x1b[1m[guardrail]\x1b[0m ${m}\n`);

function sh(cmd, args, env = process.env) {
  const r = spawnSync(cmd, args, { cwd: ROOT, env, stdio: "inherit" });
  if (r.status !== 0) {
    log(`\`${cmd} ${args.join(" ")}\` failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
}

function reachable(url, defaultPort) {
  const u = new URL(url);
  return new Promise((resolve) => {
    const s = net.connect({ host: u.hostname, port: Number(u.port || defaultPort) });
    const done = (ok) => (s.destroy(), resolve(ok));
    s.setTimeout(1500, () => done(false));
    s.on("connect", () => done(true));
    s.on("error", () => done(false));
  });
}

async function ensureServices() {
  let pgUp = await reachable(DATABASE_URL, 5432);
  let redisUp = await reachable(REDIS_URL, 6379);
  if (pgUp && redisUp) return;
  const docker = spawnSync("docker", ["info"], { stdio: "ignore" }).status === 0;
  if (docker) {
    log("starting Postgres and Redis with docker compose");
    sh("docker", ["compose", "up", "-d", "postgres", "redis"]);
    for (let i = 0; i < 60 && !(pgUp && redisUp); i++) {
      await new Promise((r) => setTimeout(r, 1000));
      pgUp = await reachable(DATABASE_URL, 5432);
      redisUp = await reachable(REDIS_URL, 6379);
    }
  }
  if (!pgUp) log(`cannot reach Postgres at ${new URL(DATABASE_URL).host} — start it with \`docker compose up -d postgres\` or set DATABASE_URL`);
  if (!redisUp) log(`cannot reach Redis at ${new URL(REDIS_URL).host} — start it with \`docker compose up -d redis\` or set REDIS_URL`);
  if (!pgUp || !redisUp) process.exit(2);
}

if (!existsSync(join(ROOT, "node_modules/.bin/next"))) {
  log("installing dependencies (npm ci)");
  sh("npm", ["ci", "--no-audit", "--no-fund"]);
}
await ensureServices();

/** A session signing key kept in .data/ (git-ignored), generated on first start. */
function sessionSecret() {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const file = join(ROOT, ".data/nextauth-secret");
  if (!existsSync(file)) {
    mkdirSync(join(ROOT, ".data"), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

const env = { ...process.env, DATABASE_URL, REDIS_URL, NEXTAUTH_SECRET: sessionSecret(), NEXT_TELEMETRY_DISABLED: "1" };
// Create the database if it does not exist yet, then migrate and seed.
sh("npx", ["tsx", "scripts/ensure-database.ts"], env);
log("applying migrations");
sh("npm", ["run", "db:migrate"], env);
log("preparing the demo organization");
const setup = spawnSync("npx", ["tsx", "scripts/demo-setup.ts"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "inherit"] });
if (setup.status !== 0) process.exit(1);
const demo = JSON.parse(setup.stdout.toString().trim().split("\n").pop() ?? "{}");
Object.assign(env, demo.env ?? {});

if (process.env.GUARDRAIL_SKIP_BUILD !== "1") {
  log("building the web app");
  sh("npm", ["run", "build", "-w", "@guardrail/web"], env);
}

const children = [];
function start(name, cmd, args, extraEnv = {}) {
  const child = spawn(cmd, args, { cwd: ROOT, env: { ...env, ...extraEnv }, stdio: ["ignore", "pipe", "pipe"] });
  const prefix = `\x1b[2m${name.padEnd(7)}|\x1b[0m `;
  for (const stream of [child.stdout, child.stderr]) {
    let buf = "";
    stream.on("data", (d) => {
      buf += d;
      const lines = buf.split("\n");
      buf = lines.pop() ?? "";
      for (const l of lines) process.stdout.write(prefix + l + "\n");
    });
  }
  child.on("exit", (code) => {
    log(`${name} exited (${code}); stopping`);
    shutdown(code ?? 1);
  });
  children.push(child);
  return child;
}
function shutdown(code = 0) {
  for (const c of children) if (c.exitCode === null) c.kill("SIGTERM");
  setTimeout(() => process.exit(code), 500);
}
process.on("SIGINT", () => shutdown(0));
process.on("SIGTERM", () => shutdown(0));

for (const svc of demo.services ?? []) {
  start(svc.name, svc.cmd, svc.args, svc.env);
  if (svc.waitForPort) {
    const url = `http://127.0.0.1:${svc.waitForPort}`;
    for (let i = 0; i < 120 && !(await reachable(url, svc.waitForPort)); i++) await new Promise((r) => setTimeout(r, 500));
  }
}
start("web", "npm", ["run", "start", "-w", "@guardrail/web"], { NEXTAUTH_URL: "http://localhost:3000" });

log("Guardrail is starting at http://localhost:3000");
log(`demo login: ${demo.login?.email} / ${demo.login?.password}`);
