import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { TWorld } from "../src/index";

const DEMO_PATH = fileURLToPath(new URL("../../../../shared/sandbox/demo-small.json", import.meta.url));
const CLI_PATH = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
const TSX_PATH = fileURLToPath(new URL("../../../node_modules/tsx/dist/cli.mjs", import.meta.url));

describe("sandbox CLI", () => {
  it("prints the URL and the vendor key id (never the secret), serves, and stops on SIGTERM", async () => {
    const demo = JSON.parse(readFileSync(DEMO_PATH, "utf8")) as TWorld;
    const child = spawn(process.execPath, [TSX_PATH, CLI_PATH, "--world", DEMO_PATH, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`CLI did not start: ${output}`)), 60_000);
      child.stdout.on("data", () => {
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (match && output.includes("vendor access key id")) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
    });
    expect(output).toContain(demo.vendor.accessKeyId);
    expect(output).not.toContain(demo.vendor.secretAccessKey);
    const answer = await fetch(url);
    expect(answer.status).toBe(403);
    expect(await answer.text()).toContain("MissingAuthenticationToken");
    const exitCode = await new Promise<number | null>((resolve) => {
      child.once("exit", (code) => resolve(code));
      child.kill("SIGTERM");
    });
    expect(exitCode).toBe(0);
    expect(output).toContain("SIGTERM: stopping");
  }, 90_000);

  it("names the JSON path of an invalid world and exits non-zero", async () => {
    const child = spawn(process.execPath, [TSX_PATH, CLI_PATH, "--world", CLI_PATH], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exitCode = await new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    expect(exitCode).toBe(1);
    expect(output).toMatch(/invalid world: \$: cannot read world file/);
  }, 90_000);
});
