import { X509Certificate, createPrivateKey } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureTlsMaterial, serverNames, type TlsOptions } from './certificates.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const onPosix = process.platform !== 'win32';

let root: string;
let dir: string;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'minimost-tls-'));
  dir = path.join(root, 'tls');
});

afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

function ensure(overrides: Partial<TlsOptions> = {}) {
  return ensureTlsMaterial({ dir, hostnames: ['chat.lan'], ipAddresses: ['192.168.1.20'], ...overrides });
}

function mode(file: string): number {
  return fs.statSync(file).mode & 0o777;
}

describe('ensureTlsMaterial on a fresh folder', () => {
  it('issues a server certificate signed by the local CA for every name clients may use', async () => {
    const tls = await ensure({ hostnames: ['chat.lan', 'Büro.lan'], ipAddresses: ['192.168.1.20', 'fd00::20'] });
    const ca = new X509Certificate(tls.caCert);
    const server = new X509Certificate(tls.cert);

    expect(tls.generated).toEqual({ ca: true, server: true });
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.checkIssued(ca)).toBe(true);
    expect(server.checkPrivateKey(createPrivateKey(tls.key))).toBe(true);
    for (const host of ['localhost', 'chat.lan', 'xn--bro-hoa.lan']) expect(server.checkHost(host)).toBe(host);
    for (const ip of ['127.0.0.1', '::1', '192.168.1.20', 'FD00::20']) expect(server.checkIP(ip)).toBeDefined();
    expect(server.checkHost('other.lan')).toBeUndefined();
    expect(server.checkIP('192.168.1.21')).toBeUndefined();
  });

  it('makes the CA a CA and the server certificate a leaf for server authentication only', async () => {
    const tls = await ensure();
    const ca = new X509Certificate(tls.caCert);
    const server = new X509Certificate(tls.cert);

    expect(ca.ca).toBe(true);
    expect(ca.subject).toContain('CN=MiniMost local CA (');
    expect(server.ca).toBe(false);
    expect(server.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    expect(tls.caPath).toBe(path.join(dir, 'ca.pem'));
    expect(fs.readFileSync(tls.caPath, 'utf8')).toBe(tls.caCert);
  });

  it('gives the server certificate 397 days from a little before now', async () => {
    const now = new Date('2030-01-15T12:00:00Z');
    const server = new X509Certificate((await ensure({ now: () => now })).cert);
    const from = new Date(server.validFrom).getTime();
    const to = new Date(server.validTo).getTime();

    expect(from).toBeLessThan(now.getTime());
    expect(now.getTime() - from).toBeLessThanOrEqual(DAY_MS);
    expect(to - from).toBe(397 * DAY_MS);
  });

  it.skipIf(!onPosix)('keeps the folder 0700 and every file 0600', async () => {
    fs.mkdirSync(dir, { mode: 0o755 });
    await ensure();

    expect(mode(dir)).toBe(0o700);
    expect(fs.readdirSync(dir).sort()).toEqual(['ca-key.pem', 'ca.pem', 'server-key.pem', 'server.pem']);
    for (const file of fs.readdirSync(dir)) expect(mode(path.join(dir, file))).toBe(0o600);
  });
});

describe('ensureTlsMaterial on later starts', () => {
  it('reuses the CA and the server certificate when nothing changed', async () => {
    const first = await ensure();
    const second = await ensure();

    expect(second.generated).toEqual({ ca: false, server: false });
    expect(second.caCert).toBe(first.caCert);
    expect(second.cert).toBe(first.cert);
    expect(second.key).toBe(first.key);
  });

  it('reissues the server certificate, under the same CA, when a new address appears', async () => {
    const first = await ensure();
    const second = await ensure({ ipAddresses: ['192.168.1.20', '10.0.0.7'] });

    expect(second.generated).toEqual({ ca: false, server: true });
    expect(second.caCert).toBe(first.caCert);
    expect(second.cert).not.toBe(first.cert);
    expect(new X509Certificate(second.cert).checkIP('10.0.0.7')).toBe('10.0.0.7');
    expect(new X509Certificate(second.cert).verify(new X509Certificate(first.caCert).publicKey)).toBe(true);
    expect((await ensure({ ipAddresses: ['10.0.0.7'] })).generated.server).toBe(false);
  });

  it('reissues the server certificate when a new hostname is asked for', async () => {
    await ensure();
    const second = await ensure({ hostnames: ['chat.lan', 'chat.example.org'] });

    expect(second.generated).toEqual({ ca: false, server: true });
    expect(new X509Certificate(second.cert).checkHost('chat.example.org')).toBe('chat.example.org');
  });

  it('reissues the server certificate when it has less than 30 days left', async () => {
    const start = new Date('2030-01-15T12:00:00Z');
    const first = await ensure({ now: () => start });
    const later = await ensure({ now: () => new Date(start.getTime() + 360 * DAY_MS) });
    const renewed = await ensure({ now: () => new Date(start.getTime() + 380 * DAY_MS) });

    expect(later.generated.server).toBe(false);
    expect(renewed.generated).toEqual({ ca: false, server: true });
    expect(renewed.caCert).toBe(first.caCert);
    expect(new Date(new X509Certificate(renewed.cert).validTo).getTime()).toBeGreaterThan(
      start.getTime() + 700 * DAY_MS,
    );
  });

  it('reissues a corrupt server certificate', async () => {
    const first = await ensure();
    fs.writeFileSync(path.join(dir, 'server.pem'), '-----BEGIN CERTIFICATE-----\ngarbage\n');
    const second = await ensure();

    expect(second.generated).toEqual({ ca: false, server: true });
    expect(second.caCert).toBe(first.caCert);
    expect(fs.readFileSync(path.join(dir, 'server.pem'), 'utf8')).toBe(second.cert);
  });

  it('reissues a server certificate whose key file holds another key', async () => {
    await ensure();
    fs.copyFileSync(path.join(dir, 'ca-key.pem'), path.join(dir, 'server-key.pem'));
    const second = await ensure();

    expect(second.generated.server).toBe(true);
    expect(new X509Certificate(second.cert).checkPrivateKey(createPrivateKey(second.key))).toBe(true);
  });

  it('reissues a server certificate signed by a different CA', async () => {
    await ensure();
    const otherDir = path.join(root, 'other');
    await ensureTlsMaterial({ dir: otherDir, hostnames: ['chat.lan'], ipAddresses: ['192.168.1.20'] });
    for (const file of ['server.pem', 'server-key.pem']) fs.copyFileSync(path.join(otherDir, file), path.join(dir, file));

    expect((await ensure()).generated).toEqual({ ca: false, server: true });
  });
});

describe('ensureTlsMaterial with a damaged CA', () => {
  it('refuses to start, naming the file, rather than replacing a corrupt CA key', async () => {
    const first = await ensure();
    const caKey = path.join(dir, 'ca-key.pem');
    fs.writeFileSync(caKey, 'not a key');

    const error = await ensure().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain(caKey);
    expect((error as Error).message).not.toContain('\n');
    expect(fs.readFileSync(path.join(dir, 'ca.pem'), 'utf8')).toBe(first.caCert);
    expect(fs.readFileSync(caKey, 'utf8')).toBe('not a key');
  });

  it('refuses to start when the CA key is missing but its certificate is there', async () => {
    await ensure();
    fs.rmSync(path.join(dir, 'ca-key.pem'));

    await expect(ensure()).rejects.toThrow(path.join(dir, 'ca-key.pem'));
  });

  it('refuses to start when the CA certificate does not belong to the CA key', async () => {
    await ensure();
    const otherDir = path.join(root, 'other');
    await ensureTlsMaterial({ dir: otherDir, hostnames: [], ipAddresses: [] });
    fs.copyFileSync(path.join(otherDir, 'ca.pem'), path.join(dir, 'ca.pem'));

    await expect(ensure()).rejects.toThrow(path.join(dir, 'ca.pem'));
  });
});

describe('serverNames', () => {
  it('always includes localhost and loopback, merging duplicates and spellings', () => {
    expect(serverNames(['Chat.LAN.', 'chat.lan', ' ', '192.168.1.20'], ['192.168.1.20', '0:0::1', 'fe80::1%eth0'])).toEqual({
      dns: ['localhost', 'chat.lan'],
      ips: ['127.0.0.1', '::1', '192.168.1.20', 'fe80::1'],
    });
  });

  it('rejects values that cannot go into a certificate', () => {
    expect(() => serverNames([], ['chat.lan'])).toThrow('"chat.lan"');
    expect(() => serverNames(['two words'], [])).toThrow('"two words"');
  });
});
