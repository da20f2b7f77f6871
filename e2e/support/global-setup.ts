import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";

/**
 * Seeds the demo tenant and users (idempotent) into the database the web server uses, and
 * clears sign-in attempt counters so repeated runs on one machine are not rate-limited.
 */
export default async function globalSetup() {
  const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
  mkdirSync(join(root, "e2e/screenshots"), { recursive: true });
  execFileSync("npx", ["tsx", "prisma/seed.ts"], { cwd: root, stdio: "inherit", env: process.env });
  const other = execFileSync("npx", ["tsx", "e2e/support/seed-other-tenant.ts"], { cwd: root, env: process.env }).toString().trim().split("\n").pop();
  const out = join(root, "e2e", process.env.GUARDRAIL_E2E_OUT ?? "test-results");
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "other-tenant.json"), other ?? "{}");
  const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  try {
    const keys = await redis.keys("guardrail:signin:*");
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}
