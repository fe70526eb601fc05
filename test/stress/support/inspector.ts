import WebSocket from 'ws';
import { sleep } from './report.js';

export interface MemoryUsage {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
}

/** Event-loop delay in milliseconds, as the diagnostics file reports it, and how many timer ticks it is over. */
export interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
  samples: number;
}

export interface Inspector {
  /** Memory right after full GCs: what is still reachable, without garbage that waits for a late collection. */
  memoryAfterGc(): Promise<MemoryUsage>;
  /**
   * Event-loop delay inside the server since the previous call (the first call starts measuring and returns
   * nothing useful), measured like the diagnostics file's (perf_hooks, 10 ms timer), so a test can take the
   * figures of one phase of its run alone, which the file's per-second and since-start figures cannot give.
   */
  loopDelaySinceLast(): Promise<LoopDelay>;
  close(): void;
}

/**
 * Connects to the DevTools inspector of a server started with `NODE_OPTIONS=--inspect=127.0.0.1:0`, whose address it
 * prints on stderr. Lets a test force a GC in the server, which no endpoint of ours can do.
 */
export async function connectInspector(output: () => string): Promise<Inspector> {
  let url: string | undefined;
  for (let i = 0; i < 100 && !url; i++) {
    url = /Debugger listening on (ws:\/\/127\.0\.0\.1:\S+)/.exec(output())?.[1];
    if (!url) await sleep(100);
  }
  if (!url) throw new Error(`the server printed no inspector address:\n${output()}`);
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  let nextId = 1;
  const waiting = new Map<number, { resolve: (result: unknown) => void; reject: (err: Error) => void }>();
  socket.on('message', (data) => {
    const reply = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: { message: string } };
    const caller = reply.id === undefined ? undefined : waiting.get(reply.id);
    if (!caller || reply.id === undefined) return;
    waiting.delete(reply.id);
    if (reply.error) caller.reject(new Error(reply.error.message));
    else caller.resolve(reply.result);
  });
  const call = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      socket.send(JSON.stringify({ id, method, params }));
    });
  /** Runs `expression` (which yields a JSON string) in the server and parses what it yields. */
  const evaluate = async <T>(expression: string): Promise<T> => {
    const answer = (await call('Runtime.evaluate', { expression, returnByValue: true })) as {
      result: { value?: string };
      exceptionDetails?: { text: string; exception?: { description?: string } };
    };
    if (answer.exceptionDetails) throw new Error(`in the server: ${answer.exceptionDetails.exception?.description ?? answer.exceptionDetails.text}`);
    return JSON.parse(answer.result.value ?? 'null') as T;
  };
  return {
    async memoryAfterGc() {
      // Twice: objects with finalizers or weak references are only freed by a second collection.
      await call('HeapProfiler.collectGarbage');
      await call('HeapProfiler.collectGarbage');
      return evaluate<MemoryUsage>('JSON.stringify(process.memoryUsage())');
    },
    async loopDelaySinceLast() {
      const expression = `(() => {
        const histogram = (globalThis.__testLoopDelay ??= (() => {
          const created = process.getBuiltinModule('node:perf_hooks').monitorEventLoopDelay({ resolution: 10 });
          created.enable();
          return created;
        })());
        const ms = (nanoseconds) => Math.round(nanoseconds / 1e4) / 100;
        const figures = { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max), samples: histogram.count };
        histogram.reset();
        return JSON.stringify(figures);
      })()`;
      return evaluate<LoopDelay>(expression);
    },
    close: () => socket.close(),
  };
}
