import { appendFileSync } from 'node:fs';
import type { Server } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { getHeapSpaceStatistics } from 'node:v8';

/** One line of the diagnostics file. Delays in milliseconds, sizes in bytes. */
export interface DiagnosticsSample {
  time: string;
  uptimeSeconds: number;
  rssBytes: number;
  heapUsedBytes: number;
  /**
   * What V8 holds for its heap, used or not, and of that the young generation: RSS follows these, which V8 grows and
   * shrinks with the allocation rate and GC timing (a busy or starved process holds more), while a leak shows as
   * heapUsedBytes rising across GCs. Compare them before reading RSS growth as a leak.
   */
  heapTotalBytes: number;
  newSpaceBytes: number;
  /** Memory outside the V8 heap owned by JS objects (Buffers, ArrayBuffers). */
  externalBytes: number;
  /** Event-loop delay over the last interval, as perf_hooks measures it (a 10 ms timer: idle reads ~10). */
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  /** The same since diagnostics started, for whole-run figures. */
  eventLoopDelaySinceStartMs: { p50: number; p99: number; max: number };
  webSockets: number;
  /** Open TCP connections: HTTP keep-alive and WebSocket alike. */
  tcpConnections: number;
}

const RESOLUTION_MS = 10;

const ms = (nanoseconds: number) => Math.round(nanoseconds / 1e4) / 100;

/**
 * Opt-in health figures for soak tests and admins chasing a problem: with MINIMOST_DIAGNOSTICS_FILE set, one JSON
 * line per interval (see docs/development.md). Measured inside the process because event-loop delay cannot be
 * seen from outside; written to a file rather than served so that no new endpoint is exposed. Never throws: a
 * full disk must not stop the server over its diagnostics.
 */
export function startDiagnostics(options: { file: string; intervalMs?: number; webSockets: () => number; httpServer: Server }): () => void {
  const interval = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  const sinceStart = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  interval.enable();
  sinceStart.enable();
  const started = Date.now();

  const write = (tcpConnections: number) => {
    const memory = process.memoryUsage();
    const sample: DiagnosticsSample = {
      time: new Date().toISOString(),
      uptimeSeconds: Math.round((Date.now() - started) / 1000),
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      heapTotalBytes: memory.heapTotal,
      newSpaceBytes: getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0,
      externalBytes: memory.external,
      eventLoopDelayMs: { p50: ms(interval.percentile(50)), p99: ms(interval.percentile(99)), max: ms(interval.max) },
      eventLoopDelaySinceStartMs: { p50: ms(sinceStart.percentile(50)), p99: ms(sinceStart.percentile(99)), max: ms(sinceStart.max) },
      webSockets: options.webSockets(),
      tcpConnections,
    };
    interval.reset();
    try {
      appendFileSync(options.file, `${JSON.stringify(sample)}\n`);
    } catch {
      // Diagnostics are best effort.
    }
  };
  const timer = setInterval(() => options.httpServer.getConnections((err, count) => write(err ? -1 : count)), options.intervalMs ?? 1000);
  timer.unref();
  return () => {
    clearInterval(timer);
    interval.disable();
    sinceStart.disable();
  };
}
