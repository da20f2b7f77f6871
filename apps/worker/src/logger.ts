import type { TLogger } from "@guardrail/collectors";

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
export type TLogLevel = keyof typeof LEVELS;

/** One JSON line per event on stderr. Never pass credentials in `fields`. */
export function createJsonLogger(opts: {
  level: TLogLevel;
  bindings?: Record<string, unknown>;
}): TLogger {
  const min = LEVELS[opts.level];
  const write = (level: TLogLevel) => (message: string, fields?: Record<string, unknown>) => {
    if (LEVELS[level] < min) return;
    process.stderr.write(
      `${JSON.stringify({ time: new Date().toISOString(), level, msg: message, ...opts.bindings, ...fields })}\n`,
    );
  };
  return { debug: write("debug"), info: write("info"), warn: write("warn"), error: write("error") };
}
