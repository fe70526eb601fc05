import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDiagnostics, type DiagnosticsSample } from './diagnostics.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function lines(file: string): DiagnosticsSample[] {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as DiagnosticsSample);
  } catch {
    return [];
  }
}

describe('diagnostics file', () => {
  it('write the heap as V8 sized it next to what is used, so RSS growth can be told from a leak', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'minimost-diagnostics-'));
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }), () => server.close());
    const file = path.join(dir, 'diagnostics.jsonl');
    cleanups.unshift(startDiagnostics({ file, intervalMs: 20, webSockets: () => 3, httpServer: server }));

    for (let i = 0; i < 200 && lines(file).length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    const sample = lines(file)[0];
    expect(sample).toBeDefined();
    const s = sample as DiagnosticsSample;
    expect(s.webSockets).toBe(3);
    expect(s.tcpConnections).toBe(0);
    expect(s.heapUsedBytes).toBeGreaterThan(0);
    expect(s.heapTotalBytes).toBeGreaterThanOrEqual(s.heapUsedBytes);
    expect(s.newSpaceBytes).toBeGreaterThan(0);
    expect(s.newSpaceBytes).toBeLessThan(s.heapTotalBytes);
    expect(s.externalBytes).toBeGreaterThan(0);
    expect(s.rssBytes).toBeGreaterThan(s.heapUsedBytes);
  });
});
