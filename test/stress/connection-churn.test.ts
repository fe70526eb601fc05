import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { HttpClient } from '../support/http-client.js';
import { connectInspector, type MemoryUsage } from './support/inspector.js';
import { printTable } from './support/report.js';
import { freePort, startServerProcess, type ServerProcess } from './support/server-process.js';

// Tabs opening and closing by the thousand, as on a flaky network: after a full GC the server holds no more than it
// did before them. Memory is read after forced GCs (the server runs under the inspector) because without them
// heap used and RSS move by tens of MB with GC timing alone; a per-connection leak of even 100 bytes shows as 1 MB
// over 10,000 connects. Half the tabs close cleanly and half are cut, and each reports presence first.

const USERS = 50;
const PARALLEL = 20;
const WARM_UP = 2_000;
const MEASURED = Number(process.env.MINIMOST_CHURN_CONNECTS ?? 20_000);
const LIMIT_BYTES = 1024 * 1024;

const root = mkdtempSync(path.join(os.tmpdir(), 'minimost-churn-'));
let server: ServerProcess | undefined;
afterAll(async () => {
  if (server && server.child.exitCode === null) await server.kill9();
  rmSync(root, { recursive: true, force: true });
});

const mb = (bytes: number) => Math.round(bytes / 1024 / 102.4) / 10;

/** One tab: waits for `hello`, reports presence, then closes or is cut. Resolves when the socket is gone. */
function openAndClose(http: HttpClient, cut: boolean): Promise<void> {
  return new Promise((resolve) => {
    const cookie = [...http.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const socket = new WebSocket(`${http.baseUrl.replace(/^http/, 'ws')}/api/ws`, { headers: { cookie, origin: http.baseUrl }, handshakeTimeout: 5_000 });
    socket.on('message', (data) => {
      if (!String(data).startsWith('{"type":"hello"')) return;
      socket.send(JSON.stringify({ type: 'presence.set', state: 'active' }));
      if (cut) socket.terminate();
      else socket.close(1000);
    });
    socket.on('close', () => resolve());
    socket.on('error', () => resolve());
  });
}

describe('connection churn', () => {
  it(`${MEASURED} connects and disconnects leave the heap where it was`, async () => {
    const port = await freePort();
    server = await startServerProcess(path.join(root, 'data'), port, {
      MINIMOST_SIGNUP_RATE_LIMIT_PER_MINUTE: '100000',
      NODE_OPTIONS: '--inspect=127.0.0.1:0',
    });
    const inspector = await connectInspector(server.output);
    const people: HttpClient[] = [];
    for (let i = 0; i < USERS; i++) {
      const http = new HttpClient(server.url);
      expect((await http.signUp(`churn${i}`)).status).toBe(201);
      people.push(http);
    }

    let connects = 0;
    const churn = async (count: number) => {
      const deadline = Date.now() + 5 * 60_000;
      for (let done = 0; done < count && Date.now() < deadline; done += PARALLEL, connects += PARALLEL) {
        await Promise.all(Array.from({ length: PARALLEL }, (_, j) => openAndClose(people[(connects + j) % USERS] as HttpClient, (connects + j) % 2 === 1)));
      }
    };
    // Code paths compile and schema validators are built on first use: measured from after that.
    await churn(WARM_UP);
    const before: MemoryUsage = await inspector.memoryAfterGc();
    const start = connects;
    await churn(MEASURED);
    const after: MemoryUsage = await inspector.memoryAfterGc();
    inspector.close();

    printTable(`connection churn: ${connects - start} connects measured after ${start}, load ${os.loadavg()[0]?.toFixed(1)}`, [
      { figure: 'heap used after GC (MB)', value: `${mb(before.heapUsed)} → ${mb(after.heapUsed)}`, limit: '≤ +1 MB' },
      { figure: 'RSS after GC (MB)', value: `${mb(before.rss)} → ${mb(after.rss)}`, limit: '(information)' },
      { figure: 'external after GC (MB)', value: `${mb(before.external)} → ${mb(after.external)}`, limit: '(information)' },
    ]);
    expect(connects - start).toBeGreaterThanOrEqual(MEASURED);
    expect(after.heapUsed - before.heapUsed).toBeLessThanOrEqual(LIMIT_BYTES);
    expect(await server.stop()).toBe(0);
  }, 12 * 60_000);
});
