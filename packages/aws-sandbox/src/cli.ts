/**
 * `npm run sandbox -- --world <file> [--port <n>] [--host <addr>] [--seed <n>]`
 * Starts the sandbox, prints its URL and the vendor access key id (never the secret),
 * stops cleanly on SIGINT/SIGTERM.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { startSandbox } from "./server/start-sandbox";
import { WorldValidationError } from "./world/load-world";

async function runCli(): Promise<void> {
  const { values } = parseArgs({
    options: {
      world: { type: "string" },
      port: { type: "string", default: "0" },
      host: { type: "string", default: "127.0.0.1" },
      seed: { type: "string" },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help || !values.world) {
    console.log("usage: npm run sandbox -- --world <world.json> [--port <n>] [--host <addr>] [--seed <n>] [--quiet]");
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port must be 0..65535, got ${values.port}`);
  const sandbox = await startSandbox({
    // npm runs workspace scripts in the workspace folder; INIT_CWD is where the user typed the command.
    world: path.resolve(process.env.INIT_CWD ?? process.cwd(), values.world),
    port,
    host: values.host,
    ...(values.seed !== undefined ? { seed: Number(values.seed) } : {}),
    log: values.quiet ? undefined : (line) => console.log(`[sandbox] ${line}`),
  });
  const world = sandbox.world.world;
  console.log(`AWS sandbox listening on ${sandbox.url}`);
  console.log(`world: ${world.accounts.length} accounts, regions ${sandbox.world.regions.join(", ")}`);
  console.log(`vendor access key id: ${world.vendor.accessKeyId} (principal ${sandbox.world.vendorArn})`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    const stats = sandbox.stats();
    console.log(`${signal}: stopping after ${stats.requests} requests (${stats.throttled} throttled, ${stats.faults} faults)`);
    if (stats.unknownOperations.length > 0) console.log(`unknown operations: ${stats.unknownOperations.join(", ")}`);
    sandbox.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

runCli().catch((error: unknown) => {
  if (error instanceof WorldValidationError) console.error(`invalid world: ${error.message}`);
  else console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
