import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { trackChild } from './cleanup.js';

/** The repository root: the bench runs compiled, from dist/bench/lib. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

/*
 * Limits high enough that the bench measures the server, not its abuse protection. Logging stays at `warn` so
 * per-request log lines do not cost CPU that a production server would not spend either.
 */
const BENCH_ENV = {
  MINIMOST_MESSAGE_RATE_LIMIT_PER_MINUTE: '1000000',
  MINIMOST_SIGNUP_RATE_LIMIT_PER_MINUTE: '100000',
  MINIMOST_LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
  MINIMOST_LOG_LEVEL: 'warn',
};

/** Extra Node flags for every server the bench starts (`--profile` adds --cpu-prof here). */
export const serverNodeFlags: string[] = [];

export interface RunningServer {
  pid: number;
  port: number;
  baseUrl: string;
  /** What a browser on this page would send as Origin; the server checks it on writes and on /api/ws. */
  origin: string;
  dataDir: string;
  /** Milliseconds from spawn until /healthz first answered 200. */
  readyMs: number;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const probe = net.createServer();
  probe.listen(0, HOST);
  await once(probe, 'listening');
  const address = probe.address();
  probe.close();
  if (typeof address !== 'object' || address === null) throw new Error('could not find a free port');
  return address.port;
}

async function healthy(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(1000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

function keepTail(child: ChildProcess): () => string {
  let tail = '';
  const append = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  return () => tail;
}

/**
 * Spawns the production build (`bin/minimost.js`, plain HTTP on 127.0.0.1, no STUN) on `dataDir` and resolves once
 * /healthz answers. Fails with the server's own output if it exits or does not come up in time.
 */
export async function startServer(dataDir: string, env: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  const baseUrl = `http://${HOST}:${port}`;
  const args = [...serverNodeFlags, path.join(REPO_ROOT, 'bin/minimost.js'), '--http', '--host', HOST, '--port', String(port), '--no-stun', '--data-dir', dataDir];
  const startedAt = performance.now();
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env: { ...process.env, ...BENCH_ENV, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  trackChild(child);
  const output = keepTail(child);
  const exited = once(child, 'exit');

  const deadline = startedAt + READY_TIMEOUT_MS;
  while (!(await healthy(baseUrl))) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`server exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output()}`);
    }
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready after ${READY_TIMEOUT_MS} ms:\n${output()}`);
    }
    // Short polls: the start-up figure is only as precise as this interval.
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const readyMs = performance.now() - startedAt;

  let stopping: Promise<void> | null = null;
  return {
    pid: child.pid as number,
    port,
    baseUrl,
    origin: baseUrl,
    dataDir,
    readyMs,
    // SIGTERM lets the server close the database cleanly (WAL folded back), which seeding the folder relies on.
    stop() {
      stopping ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
}
