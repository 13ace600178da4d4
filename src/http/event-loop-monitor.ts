// How long the event loop that answers HTTP is kept waiting: the figure that shows whether any
// request monopolises the process. Reported by /healthz (the last complete window) and /metrics.
import { type IntervalHistogram, monitorEventLoopDelay } from "node:perf_hooks";

export interface EventLoopDelay {
  /** Length of the window the figures cover, in seconds. */
  windowSeconds: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface EventLoopMonitor {
  /** The last complete window (or the current one before the first window ends). */
  delay(): EventLoopDelay;
  stop(): void;
}

const NS_PER_MS = 1e6;

/** Samples the loop's delay every `resolutionMs` and keeps figures per `windowMs` (default 10 s). */
export function createEventLoopMonitor(options: { windowMs?: number; resolutionMs?: number } = {}): EventLoopMonitor {
  const windowMs = options.windowMs ?? 10_000;
  const resolutionMs = options.resolutionMs ?? 10;
  const histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: resolutionMs });
  histogram.enable();
  // The histogram records the time between samples, the sampling interval included: the delay is what exceeds it.
  const delayOf = (nanoseconds: number) => round(Math.max(0, nanoseconds / NS_PER_MS - resolutionMs));
  const read = (): EventLoopDelay => ({
    windowSeconds: windowMs / 1000,
    p50Ms: delayOf(histogram.percentile(50)),
    p99Ms: delayOf(histogram.percentile(99)),
    maxMs: delayOf(histogram.max),
  });
  let last: EventLoopDelay | undefined;
  const timer = setInterval(() => {
    last = read();
    histogram.reset();
  }, windowMs);
  timer.unref();
  return {
    delay: () => last ?? read(),
    stop() {
      clearInterval(timer);
      histogram.disable();
    },
  };
}

const round = (value: number) => (Number.isFinite(value) ? Math.round(value * 10) / 10 : 0);
