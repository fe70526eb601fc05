import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface FloodSpec {
  kind: 'sends' | 'oversized-messages' | 'oversized-uploads' | 'logins' | 'slow-bodies' | 'tabs' | 'typing';
  baseUrl: string;
  /** The attacker's account (signed up already), or the account whose password is guessed. */
  username: string;
  conversationId?: number;
  parallel: number;
  /** `ready` waits for the first answer starting with this (e.g. "429"); for the first answer of any kind if unset. */
  readyOn?: string;
  /** The attacker stops by itself after this long even if never told to. */
  maxSeconds: number;
}

export interface FloodReport {
  /** Every answer the attacker got, by status and error code (or WebSocket close code), with its count. */
  answers: Record<string, number>;
  /** Rounds of abuse answered per second once the limit had been reached. */
  perSecond: number;
}

export interface Attacker {
  /** Resolves once the limit under test has been reached. */
  ready: Promise<void>;
  stop(): Promise<FloodReport>;
}

const FLOOD_SCRIPT = fileURLToPath(new URL('./flood.ts', import.meta.url));
const VITE_NODE = path.join(path.dirname(createRequire(import.meta.url).resolve('vite-node/package.json')), 'vite-node.mjs');

/**
 * Starts flood.ts in a process of its own, at the same CPU priority as the server: on a LAN the attacker would be
 * another machine with cores of its own, so here it gets as much of these as the scheduler gives it. It keeps
 * requests in flight all the time (its rate is reported).
 */
export function startAttacker(spec: FloodSpec): Attacker {
  const child = spawn(process.execPath, [VITE_NODE, FLOOD_SCRIPT], {
    env: { ...process.env, MINIMOST_FLOOD: JSON.stringify(spec) },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let output = '';
  let markReady: () => void = () => undefined;
  let fail: (err: Error) => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    fail = reject;
  });
  const report = new Promise<FloodReport>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (/^ready$/m.test(output)) markReady();
      const last = /^(\{.*\})$/m.exec(output)?.[1];
      if (last) resolve(JSON.parse(last) as FloodReport);
    });
    child.once('exit', (code) => {
      const err = new Error(`the attacker exited with ${code} before reporting:\n${output}`);
      fail(err);
      reject(err);
    });
  });
  // Awaited by `stop`; an attacker that dies before anyone stops it fails `ready` instead.
  report.catch(() => undefined);
  return {
    ready,
    stop() {
      child.stdin.end('stop\n');
      return report;
    },
  };
}
