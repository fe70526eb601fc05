import { performance } from 'node:perf_hooks';

/** Latency summary in milliseconds. Percentiles are nearest-rank on the exact samples, not a histogram. */
export interface Summary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarize(samples: ArrayLike<number>, count = samples.length): Summary {
  if (count === 0) return { count: 0, p50: NaN, p95: NaN, p99: NaN, max: NaN, mean: NaN };
  const sorted = Float64Array.from({ length: count }, (_, i) => samples[i] as number).sort();
  const rank = (p: number) => sorted[Math.min(count - 1, Math.max(0, Math.ceil((p / 100) * count) - 1))] as number;
  let sum = 0;
  for (const value of sorted) sum += value;
  return { count, p50: round(rank(50)), p95: round(rank(95)), p99: round(rank(99)), max: round(sorted[count - 1] as number), mean: round(sum / count) };
}

/** A growable Float64Array: millions of latency samples without millions of boxed numbers. */
export class Samples {
  private data: Float64Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Float64Array(capacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  summary(): Summary {
    return summarize(this.data, this.length);
  }
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Waits until `condition()` holds, checking every `everyMs`, for at most `timeoutMs`. Returns whether it held. */
export async function waitFor(condition: () => boolean, timeoutMs: number, everyMs = 50): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) return false;
    await sleep(everyMs);
  }
  return true;
}

/**
 * Waits until nothing has arrived for `quietMs` (judged by `lastActivityAt()`, a performance.now() value), for at
 * most `timeoutMs`. Returns how long it waited.
 */
export async function waitForQuiet(lastActivityAt: () => number, quietMs: number, timeoutMs: number): Promise<number> {
  const startedAt = performance.now();
  await waitFor(() => performance.now() - lastActivityAt() >= quietMs, timeoutMs, 50);
  return performance.now() - startedAt;
}

/** "1,000" style, for tables meant to be read by people. */
export const fmt = (n: number, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : String(n);

/**
 * Load-generator event-loop utilisation over a window, overall and per second: near 1.0 means the bench itself
 * was a bottleneck and its latencies include its own queueing.
 */
export function watchEventLoop(): { stop(): number; perSecond: number[] } {
  const start = performance.eventLoopUtilization();
  const perSecond: number[] = [];
  let last = start;
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    perSecond.push(round(performance.eventLoopUtilization(now, last).utilization, 2));
    last = now;
  }, 1000);
  return {
    perSecond,
    stop: () => {
      clearInterval(timer);
      return round(performance.eventLoopUtilization(start).utilization, 3);
    },
  };
}
