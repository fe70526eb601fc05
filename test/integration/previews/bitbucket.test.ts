import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCertificateAuthority, issueServerCertificate } from '../../../src/server/tls/issue-certificates.js';
import { signUpAll, type ChatUser } from '../../support/chat-user.js';
import { fakePreviewNet, type FakeNet } from '../../support/preview-net.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { html, ogPage, startSite, type LocalSite } from './local-site.js';

// Fakes of Bitbucket Cloud (https://bitbucket.org, with a certificate from a test CA) and of a LAN Bitbucket Server,
// both on 127.0.0.1. Inside this test only, the fake network resolves bitbucket.org and git.lan to loopback and
// reroutes their ports to the fakes; the allowlist names both hosts, as an admin would for a LAN server.

const FILE = Array.from({ length: 60 }, (_, i) => `print("line ${i + 1}")`).join('\n');

let cloud: LocalSite;
let lan: LocalSite;
let server: TestServer;
let net: FakeNet;
let alice: ChatUser;
let generalId: number;

beforeAll(async () => {
  const ca = await createCertificateAuthority('test', new Date());
  const leaf = await issueServerCertificate(ca, { dns: ['bitbucket.org'], ips: [] }, new Date());
  const text = (body: string) => (_req: unknown, res: ServerResponse) => res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(body);
  cloud = await startSite(
    {
      '/acme/tools/raw/main/app/main.py': text(FILE),
      '/acme/tools/raw/main/logo.png': (_req, res) => res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0])),
      '/acme/tools/src/main/logo.png': html(ogPage({ title: 'acme / tools / logo.png — Bitbucket' })),
      // A private repository: the raw link sends anonymous visitors to the sign-in page.
      '/acme/secret/raw/main/app.py': (_req, res) => res.writeHead(302, { location: '/account/signin/' }).end(),
      '/account/signin/': html(ogPage({ title: 'Log in to Bitbucket' })),
      '/acme/secret/src/main/app.py': html(ogPage({ title: 'Log in to Bitbucket' })),
    },
    { key: leaf.keyPem, cert: leaf.certPem },
  );
  lan = await startSite({
    '/bitbucket/projects/OPS/repos/deploy/raw/scripts/run.sh': (req, res) => {
      const at = new URL(req.url ?? '', 'http://x').searchParams.get('at');
      res.writeHead(200, { 'content-type': 'text/plain' }).end(at === 'refs/heads/release' ? 'echo release\necho two\necho three\n' : 'echo main\n');
    },
  });
  net = fakePreviewNet({
    hosts: { 'bitbucket.org': ['127.0.0.1'], 'git.lan': ['10.20.0.5'] },
    routes: { '127.0.0.1:443': cloud.port, '10.20.0.5:7990': lan.port },
    ca: [ca.certPem],
  });
  server = await startTestServer({ preview_allow_hosts: ['bitbucket.org', 'git.lan:7990'] }, { previewNet: net });
  [alice] = await signUpAll(server.url, 'alice');
  generalId = (await alice.channel('general')).id;
});

afterAll(async () => {
  await server.close();
  await Promise.all([cloud.close(), lan.close()]);
});

async function previewOf(text: string) {
  const sent = await alice.send(generalId, text);
  await server.app.previews.settled();
  return (await alice.history(generalId)).messages.find((m) => m.id === sent.id)?.previews[0];
}

describe('Bitbucket source previews', () => {
  it('Cloud: the raw file over TLS, a window around the linked lines, the language', async () => {
    const preview = await previewOf('see https://bitbucket.org/acme/tools/src/main/app/main.py#lines-30:32');
    expect(preview).toMatchObject({
      url: 'https://bitbucket.org/acme/tools/src/main/app/main.py#lines-30:32',
      title: 'main.py',
      description: 'acme/tools · app/main.py',
      siteName: 'Bitbucket',
      imageUrl: null,
    });
    expect(preview?.source).toMatchObject({ path: 'app/main.py', language: 'python', firstLine: 25, highlight: { from: 30, to: 32 } });
    expect(preview?.source?.lines[5]).toBe('print("line 30")');
    expect(preview?.source?.lines).toHaveLength(30);
    expect(cloud.requests).toContain('/acme/tools/raw/main/app/main.py');
  });

  it('Server: the raw file at the linked ref, behind a context path, on an allow-listed LAN host', async () => {
    const preview = await previewOf('http://git.lan:7990/bitbucket/projects/OPS/repos/deploy/browse/scripts/run.sh?at=refs%2Fheads%2Frelease#2-3');
    expect(preview).toMatchObject({ siteName: 'Bitbucket Server', description: 'OPS/deploy · scripts/run.sh' });
    expect(preview?.source).toEqual({ path: 'scripts/run.sh', language: 'bash', firstLine: 1, lines: ['echo release', 'echo two', 'echo three'], highlight: { from: 2, to: 3 } });
  });

  it('falls back to the page card for binary files', async () => {
    const preview = await previewOf('https://bitbucket.org/acme/tools/src/main/logo.png');
    expect(preview).toMatchObject({ title: 'acme / tools / logo.png — Bitbucket' });
    expect(preview?.source ?? null).toBeNull();
  });

  it('never shows a sign-in page as the lines of a private file', async () => {
    const preview = await previewOf('https://bitbucket.org/acme/secret/src/main/app.py#lines-1');
    expect(preview?.title).toBe('Log in to Bitbucket');
    expect(preview?.source ?? null).toBeNull();
  });

  it('a LAN host that is not allow-listed gets nothing, and nothing left loopback', async () => {
    expect(await previewOf('http://git.lan:8080/projects/OPS/repos/deploy/browse/scripts/run.sh')).toBeUndefined();
    expect(net.dials.every((d) => d === '127.0.0.1:443' || d === '10.20.0.5:7990')).toBe(true);
  });
});
