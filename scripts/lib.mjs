// Small helpers shared by the root scripts (dev, test-all): no dependencies beyond Node and pg.
import { spawn } from "node:child_process";
import net from "node:net";

export const ROOT = new URL("..", import.meta.url).pathname.replace(/\/$/, "");

export function log(message) {
  process.stdout.write(`\x1b[1m[guardrail]\x1b[0m ${message}\n`);
}

/** Runs a command, streaming its output; resolves with its exit code. */
export function run(cmd, args, { env = process.env, cwd = ROOT, quiet = false } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env, stdio: quiet ? "ignore" : "inherit" });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on("error", () => resolve(127));
  });
}

export function canConnect(host, port, timeoutMs = 1500) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on("connect", () => done(true));
    socket.on("error", () => done(false));
  });
}

export function hostPort(url, defaultPort) {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port || defaultPort) };
}

/** Fails with a message that says how to start what is missing. */
export async function requireServices({ databaseUrl, redisUrl }) {
  const pgAddr = hostPort(databaseUrl, 5432);
  const redisAddr = hostPort(redisUrl, 6379);
  const problems = [];
  if (!(await canConnect(pgAddr.host, pgAddr.port))) {
    problems.push(`cannot reach Postgres at ${pgAddr.host}:${pgAddr.port} — start it with \`docker compose up -d postgres\` (or set DATABASE_URL)`);
  }
  if (!(await canConnect(redisAddr.host, redisAddr.port))) {
    problems.push(`cannot reach Redis at ${redisAddr.host}:${redisAddr.port} — start it with \`docker compose up -d redis\` (or set REDIS_URL)`);
  }
  if (problems.length) {
    for (const p of problems) log(p);
    process.exit(2);
  }
}

export function withDatabase(url, name) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * Starts the demo stack's background services (AWS sandbox + worker) the way `npm start`
 * does, for the end-to-end tests. Returns the env the web app needs and a stop function.
 */
export async function startDemoStack({ env, dataDir, sandboxPort }) {
  const { spawnSync } = await import("node:child_process");
  const setup = spawnSync("npx", ["tsx", "scripts/demo-setup.ts", "--data-dir", dataDir, "--sandbox-port", String(sandboxPort)], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (setup.status !== 0) {
    log("demo setup failed");
    return null;
  }
  const demo = JSON.parse(setup.stdout.toString().trim().split("\n").pop() ?? "{}");
  const children = [];
  for (const svc of demo.services ?? []) {
    const child = spawn(svc.cmd, svc.args, { cwd: ROOT, env: { ...env, ...svc.env, LOG_LEVEL: "warn" }, stdio: ["ignore", "inherit", "inherit"], detached: true });
    children.push(child);
    if (svc.waitForPort) {
      for (let i = 0; i < 120 && !(await canConnect("127.0.0.1", svc.waitForPort)); i++) await new Promise((r) => setTimeout(r, 500));
    }
  }
  return {
    env: demo.env ?? {},
    async stop() {
      for (const c of children) {
        try {
          process.kill(-c.pid, "SIGTERM");
        } catch {
          // already gone
        }
      }
      await new Promise((r) => setTimeout(r, 1000));
    },
  };
}
