/**
 * Writes generated worlds to files.
 *
 *   npx tsx packages/aws-sandbox/src/worlds/cli.ts demo --external-id X --out world.json [--seed N]
 *   npx tsx packages/aws-sandbox/src/worlds/cli.ts landing-zone --external-id X --out lz.json
 *   npx tsx packages/aws-sandbox/src/worlds/cli.ts synthetic --accounts 500 --regions us-east-1,eu-west-1 \
 *     --resources 100 --out big.json [--seed N] [--external-id X] [--latency-ms N] [--page-size N]
 *
 * Prints what it wrote (counts, generation time); never prints the vendor's secret key.
 */
import { statSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import type { TWorld } from "../world/world.types";
import { generateDemoWorld } from "./demo-world";
import { generateLandingZoneWorld } from "./landing-zone-world";
import { generateSyntheticWorld } from "./synthetic-world";
import { computeWorldStats } from "./world-stats";
import { writeWorldFile } from "./write-world-file";

const USAGE = `usage:
  cli.ts demo --external-id <id> --out <world.json> [--seed <n>] [--member-role <name>] [--management-role <name>]
  cli.ts landing-zone --external-id <id> --out <world.json> [--seed <n>] [--member-role <name>] [--management-role <name>]
  cli.ts synthetic --accounts <n> --regions <r1,r2> --resources <n> --out <world.json>
                   [--seed <n>] [--external-id <id>] [--latency-ms <n>] [--page-size <n>]`;

class UsageError extends Error {}

function parseInteger(value: string | undefined, flag: string, fallback?: number): number {
  if (value === undefined) {
    if (fallback !== undefined) return fallback;
    throw new UsageError(`${flag} is required`);
  }
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new UsageError(`${flag} must be a non-negative integer, got "${value}"`);
  return n;
}

function runCli(argv: string[]): void {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      "external-id": { type: "string" },
      out: { type: "string" },
      seed: { type: "string" },
      accounts: { type: "string" },
      regions: { type: "string" },
      resources: { type: "string" },
      "latency-ms": { type: "string" },
      "page-size": { type: "string" },
      "member-role": { type: "string" },
      "management-role": { type: "string" },
      help: { type: "boolean", default: false },
    },
  });
  const command = positionals[0];
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (command !== "demo" && command !== "landing-zone" && command !== "synthetic")
    throw new UsageError(`unknown command "${command ?? ""}"`);
  if (!values.out) throw new UsageError("--out is required");
  const out = resolve(process.env.INIT_CWD ?? process.cwd(), values.out);
  const seed = values.seed === undefined ? undefined : parseInteger(values.seed, "--seed");
  const started = performance.now();
  let world: TWorld;
  if (command === "demo" || command === "landing-zone") {
    if (!values["external-id"]) throw new UsageError("--external-id is required");
    const generate = command === "demo" ? generateDemoWorld : generateLandingZoneWorld;
    world = generate({
      externalId: values["external-id"],
      ...(seed !== undefined ? { seed } : {}),
      ...(values["member-role"] ? { memberRoleName: values["member-role"] } : {}),
      ...(values["management-role"] ? { managementRoleName: values["management-role"] } : {}),
    });
  } else {
    const regions = (values.regions ?? "")
      .split(",")
      .map((r) => r.trim())
      .filter(Boolean);
    if (regions.length === 0) throw new UsageError("--regions is required (comma-separated)");
    const latencyMs =
      values["latency-ms"] === undefined
        ? undefined
        : parseInteger(values["latency-ms"], "--latency-ms");
    const pageSize =
      values["page-size"] === undefined
        ? undefined
        : parseInteger(values["page-size"], "--page-size");
    world = generateSyntheticWorld({
      accounts: parseInteger(values.accounts, "--accounts"),
      regions,
      resourcesPerAccount: parseInteger(values.resources, "--resources"),
      externalId: values["external-id"] ?? "guardrail-synthetic",
      ...(seed !== undefined ? { seed } : {}),
      ...(latencyMs !== undefined || pageSize !== undefined
        ? {
            behaviour: {
              ...(latencyMs !== undefined ? { latencyMs } : {}),
              ...(pageSize !== undefined ? { pageSize } : {}),
            },
          }
        : {}),
    });
  }
  const generatedMs = performance.now() - started;
  writeWorldFile(world, out);
  const stats = computeWorldStats(world);
  const megabytes = statSync(out).size / 1_048_576;
  console.log(`wrote ${out} (${megabytes.toFixed(1)} MiB)`);
  console.log(
    `${stats.accounts} accounts, ${stats.organizationalUnits} OUs, regions ${stats.regions.join(", ")}`,
  );
  console.log(`${stats.totalResources} resources, generated in ${generatedMs.toFixed(0)} ms`);
  console.log(
    `vendor ${world.vendor.accountId} / ${world.vendor.userName}, access key id ${world.vendor.accessKeyId}`,
  );
}

try {
  runCli(process.argv.slice(2));
} catch (error) {
  if (
    error instanceof UsageError ||
    (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")
  ) {
    console.error(`error: ${(error as Error).message}\n${USAGE}`);
    process.exitCode = 2;
  } else {
    throw error;
  }
}
