#!/usr/bin/env node
// Runs the Prisma CLI from the repository root with DATABASE_URL defaulted, so that
// `prisma generate` can read the schema (it needs the variable set) and migrate works offline
// through prisma.config.ts.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "../../..");
const env = { ...process.env };
env.DATABASE_URL ??= "postgresql://postgres@127.0.0.1:5432/guardrail";
env.PRISMA_HIDE_UPDATE_MESSAGE = "1";
const bin = join(root, "node_modules/.bin/prisma");
const result = spawnSync(bin, process.argv.slice(2), { cwd: root, env, stdio: "inherit" });
process.exit(result.status ?? 1);
