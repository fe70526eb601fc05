// An independent client: Debian's `stun` (package stun-client, the vovida.org client). It speaks RFC 3489, so this
// also covers the backwards compatibility a stand-alone server owes old clients.

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startStunServer, type StunServer } from './server.js';

const STUN_CLIENT = '/usr/bin/stun';

interface Run {
  exitCode: number | null;
  output: string;
}

// The client blocks forever when nobody answers, hence the timeout.
function runStunClient(args: string[]): Promise<Run> {
  if (!existsSync(STUN_CLIENT)) {
    throw new Error(`${STUN_CLIENT} not found: run \`apt-get install stun-client\` (as root) to test against it`);
  }
  return new Promise((resolve) => {
    execFile(STUN_CLIENT, args, { timeout: 10_000 }, (err, stdout, stderr) => {
      const exitCode = err === null ? 0 : typeof err.code === 'number' ? err.code : null;
      resolve({ exitCode, output: `${stdout}\n${stderr}` });
    });
  });
}

let server: StunServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('Debian stun-client against our server on 127.0.0.1', () => {
  it('test 1 exits 0 and prints its own source address as the mapped address', async () => {
    server = await startStunServer({ host: '127.0.0.1', port: 0 });

    const run = await runStunClient([`127.0.0.1:${server.port}`, '1', '-v']);

    expect(run.exitCode, run.output).toBe(0);
    const sourcePort = /Opened port (\d+)/.exec(run.output)?.[1];
    expect(sourcePort, run.output).toBeDefined();
    expect(run.output).toContain(`mappedAddr=127.0.0.1:${sourcePort}`);
    expect(run.output).toContain('ServerName = MiniMost');
  });

  it('test 2 (change IP) gets a 420 it can parse, since we have one address', async () => {
    server = await startStunServer({ host: '127.0.0.1', port: 0 });

    const run = await runStunClient([`127.0.0.1:${server.port}`, '2', '-v']);

    expect(run.exitCode, run.output).toBe(0);
    expect(run.output).toMatch(/ErrorCode = 4 20 Unknown Attribute/);
    expect(run.output).toContain('ok=1');
  });
});
