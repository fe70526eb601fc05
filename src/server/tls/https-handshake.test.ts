import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTlsMaterial, type TlsMaterial } from './index.js';

// The promise made to users: trust /ca.pem once and a strict client connects, no opt-outs.

let root: string;
let tls: TlsMaterial;
let server: https.Server;
let port: number;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'minimost-tls-handshake-'));
  tls = await ensureTlsMaterial({ dir: path.join(root, 'tls'), hostnames: ['chat.lan'], ipAddresses: [] });
  server = https.createServer({ key: tls.key, cert: tls.cert }, (_request, response) => response.end('hello'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(root, { recursive: true, force: true });
});

function fetchBody(servername: string, ca: string): Promise<string> {
  return new Promise((resolve, reject) => {
    https
      .get({ host: '127.0.0.1', port, servername, ca, agent: false }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve(body));
        response.on('error', reject);
      })
      .on('error', reject);
  });
}

describe('HTTPS with the generated material', () => {
  it('completes a verified handshake for localhost and for a configured hostname', async () => {
    expect(await fetchBody('localhost', tls.caCert)).toBe('hello');
    expect(await fetchBody('chat.lan', tls.caCert)).toBe('hello');
  });

  it('fails for a client that trusts a different CA', async () => {
    const other = await ensureTlsMaterial({ dir: path.join(root, 'other'), hostnames: ['chat.lan'], ipAddresses: [] });

    await expect(fetchBody('localhost', other.caCert)).rejects.toMatchObject({
      code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    });
  });

  it('fails for a name the certificate was not issued for', async () => {
    await expect(fetchBody('other.lan', tls.caCert)).rejects.toMatchObject({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
  });
});
