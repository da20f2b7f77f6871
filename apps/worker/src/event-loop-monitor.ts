import { monitorEventLoopDelay } from "node:perf_hooks";
import type { TLogger } from "@guardrail/collectors";

export interface TEventLoopMonitor {
  stop(): void;
}

/**
 * Logs, every `intervalMs`, the worker's event-loop delay over the interval (p50/p99/max of
 * `monitorEventLoopDelay`), the longest single stall seen by a 100 ms ticker (the gap between
 * two ticks beyond 100 ms: a synchronous block or a starved process), what was running then
 * (`describeActivity`) and `process.memoryUsage()`. BullMQ renews job locks from a timer on the
 * same loop: a stall longer than half a lock loses it.
 */
export function startEventLoopMonitor(opts: {
  log: TLogger;
  intervalMs: number;
  describeActivity?: () => Record<string, unknown>;
}): TEventLoopMonitor {
  const histogram = monitorEventLoopDelay({ resolution: 20 });
  histogram.enable();
  const TICK_MS = 100;
  let last = performance.now();
  let worst = { stallMs: 0, at: "", activity: {} as Record<string, unknown> };
  const ticker = setInterval(() => {
    const now = performance.now();
    const stallMs = now - last - TICK_MS;
    last = now;
    if (stallMs > worst.stallMs)
      worst = {
        stallMs,
        at: new Date().toISOString(),
        activity: opts.describeActivity?.() ?? {},
      };
  }, TICK_MS);
  ticker.unref();
  const ms = (ns: number) => Math.round(ns / 1e6);
  const MiB = (b: number) => Math.round(b / 1024 / 1024);
  const report = setInterval(() => {
    const mem = process.memoryUsage();
    opts.log.info("event loop", {
      delayP50Ms: ms(histogram.percentile(50)),
      delayP99Ms: ms(histogram.percentile(99)),
      delayMaxMs: ms(histogram.max),
      worstStallMs: Math.round(worst.stallMs),
      worstStallAt: worst.at,
      ...worst.activity,
      rssMiB: MiB(mem.rss),
      heapUsedMiB: MiB(mem.heapUsed),
      heapTotalMiB: MiB(mem.heapTotal),
      externalMiB: MiB(mem.external),
      arrayBuffersMiB: MiB(mem.arrayBuffers),
    });
    histogram.reset();
    worst = { stallMs: 0, at: "", activity: {} };
  }, opts.intervalMs);
  report.unref();
  return {
    stop() {
      clearInterval(ticker);
      clearInterval(report);
      histogram.disable();
    },
  };
}
