import { describe, expect, it } from "vitest";
import { createProgressBar } from "../src/output/progress-bar";

/** A stand-in for process.stderr: records what is written, with or without a terminal. */
function stream(isTTY: boolean) {
  const written: string[] = [];
  const s = {
    isTTY,
    write: (chunk: string) => written.push(chunk) > 0,
  } as unknown as NodeJS.WriteStream;
  return { s, written };
}

describe("the CLI's progress bar", () => {
  it("draws one line in place on a terminal, skips unchanged frames and clears it when done", () => {
    const { s, written } = stream(true);
    const bar = createProgressBar(s);
    bar.update("collecting", 0, 4);
    bar.update("collecting", 2, 4);
    bar.update("collecting", 2, 4);
    bar.update("collecting", 4, 4);
    bar.done();
    expect(written).toEqual([
      `\rcollecting  [${"-".repeat(30)}] 0/4\x1b[K`,
      `\rcollecting  [${"#".repeat(15)}${"-".repeat(15)}] 2/4\x1b[K`,
      `\rcollecting  [${"#".repeat(30)}] 4/4\x1b[K`,
      "\r\x1b[K",
    ]);
  });

  it("writes nothing when stderr is not a terminal (a pipe or a CI log)", () => {
    const { s, written } = stream(false);
    const bar = createProgressBar(s);
    bar.update("collecting", 1, 2);
    bar.done();
    expect(written).toEqual([]);
  });

  it("never overfills: more done than total shows a full bar", () => {
    const { s, written } = stream(true);
    createProgressBar(s).update("evaluating", 7, 5);
    expect(written[0]).toContain(`[${"#".repeat(30)}] 7/5`);
  });
});
