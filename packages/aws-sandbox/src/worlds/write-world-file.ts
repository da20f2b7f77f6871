/** Writes a world to a JSON file (atomically: a temporary file renamed into place). */
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { TWorld } from "../world/world.types";

/** Worlds with at most this many accounts are indented for people to read and diff. */
const PRETTY_MAX_ACCOUNTS = 50;

export function writeWorldFile(world: TWorld, path: string): void {
  const target = resolve(path);
  mkdirSync(dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.tmp`;
  const fd = openSync(temporary, "w");
  try {
    if (world.accounts.length <= PRETTY_MAX_ACCOUNTS) {
      writeSync(fd, `${JSON.stringify(world, null, 2)}\n`);
    } else {
      // One account at a time: a large world never becomes one string (V8 caps string length).
      const { accounts, ...rest } = world;
      const head = JSON.stringify(rest);
      writeSync(fd, `${head.slice(0, -1)}${head.length > 2 ? "," : ""}"accounts":[`);
      accounts.forEach((account, i) =>
        writeSync(fd, `${i === 0 ? "" : ",\n"}${JSON.stringify(account)}`),
      );
      writeSync(fd, "]}\n");
    }
    closeSync(fd);
    renameSync(temporary, target);
  } catch (error) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    rmSync(temporary, { force: true });
    throw error;
  }
}
