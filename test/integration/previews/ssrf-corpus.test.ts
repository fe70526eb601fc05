import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpAll, type ChatUser } from '../../support/chat-user.js';
import { fakePreviewNet, type FakeNet } from '../../support/preview-net.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { html, ogPage, redirect, startSite, type LocalSite } from './local-site.js';

// A hostile corpus: every link must end without a preview, and without the server ever connecting to a private,
// loopback or otherwise special address. A "trap" site listens on loopback (not allow-listed) and serves a perfect
// OpenGraph page, so any link that got through would show. The only connections allowed are to the allow-listed
// redirector and to the addresses that play public hosts (rerouted to local sites by the fake network).

const PUBLIC_IP = '93.184.216.34';
const PUBLIC_IP_2 = '93.184.216.35';

let server: TestServer;
let alice: ChatUser;
let generalId: number;
let trap: LocalSite;
let redirector: LocalSite;
let publicSite: LocalSite;
let net: FakeNet;
let rebindCalls = 0;

beforeAll(async () => {
  trap = await startSite({ '/': html(ogPage({ title: 'TRAP' })), '/secret': html(ogPage({ title: 'TRAP' })) });
  const P = trap.port;
  redirector = await startSite({
    '/to': (req, res) => redirect(new URL(req.url ?? '', 'http://x').searchParams.get('u') ?? '/')(req, res),
    '/hop': (req, res) => {
      const n = Number(new URL(req.url ?? '', 'http://x').searchParams.get('n'));
      redirect(n > 0 ? `/hop?n=${n - 1}` : '/page')(req, res);
    },
    '/page': html(ogPage({ title: 'Fine page' })),
  });
  publicSite = await startSite({
    '/': redirect(`http://127.0.0.1:${P}/secret`),
    '/meta': redirect('http://169.254.169.254/latest/meta-data/', 301),
    '/named': redirect(`http://loopback.test:${P}/`, 307),
    '/page': html(ogPage({ title: 'Public page' })),
    '/private-image': html(ogPage({ title: 'Public page, private image', image: `http://127.0.0.1:${P}/secret.png` })),
    '/metadata-image': html(ogPage({ title: 'Public page, metadata image', image: 'http://metadata.test/latest/meta-data/x.png' })),
  });
  net = fakePreviewNet({
    hosts: {
      localhost: ['127.0.0.1', '::1'],
      'loopback.test': ['127.0.0.1'],
      'private.test': ['10.1.2.3'],
      'metadata.test': ['169.254.169.254'],
      'cgnat.test': ['100.64.1.1'],
      'mixed.test': [PUBLIC_IP, '192.168.1.10'],
      'v6loop.test': ['::1'],
      'mapped.test': ['::ffff:127.0.0.1'],
      'ula.test': ['fd00::1'],
      'nat64.test': ['64:ff9b::a9fe:a9fe'],
      'public.test': [PUBLIC_IP],
      // DNS rebinding: public when first asked, loopback afterwards.
      'rebind.test': () => (rebindCalls++ === 0 ? [PUBLIC_IP_2] : ['127.0.0.1']),
    },
    routes: { [`${PUBLIC_IP}:80`]: publicSite.port, [`${PUBLIC_IP_2}:80`]: publicSite.port },
  });
  server = await startTestServer(
    { preview_allow_hosts: [`127.0.0.1:${redirector.port}`], message_rate_limit_per_minute: 10_000 },
    { previewNet: net, previewTimeoutMs: 2000 },
  );
  [alice] = await signUpAll(server.url, 'alice');
  generalId = (await alice.channel('general')).id;
});

afterAll(async () => {
  await server.close();
  await Promise.all([trap.close(), redirector.close(), publicSite.close()]);
});

function corpus(): string[] {
  const P = trap.port;
  const R = `http://127.0.0.1:${redirector.port}`;
  const via = (target: string) => `${R}/to?u=${encodeURIComponent(target)}`;
  return [
    // Loopback in every spelling the URL parser accepts.
    `http://127.0.0.1:${P}/`,
    `https://127.0.0.1:${P}/`,
    `http://localhost:${P}/`,
    `http://LOCALHOST.:${P}/`,
    `http://2130706433:${P}/`,
    `http://0x7f.1:${P}/`,
    `http://0x7f000001:${P}/`,
    `http://017700000001:${P}/`,
    `http://0177.0.0.1:${P}/`,
    `http://127.1:${P}/`,
    `http://127.000.000.001:${P}/`,
    `http://0x7f.0x0.0x0.0x1:${P}/`,
    `http://%31%32%37.0.0.1:${P}/`,
    `http://１２７.０.０.１:${P}/`,
    `http://127.0.0.1.:${P}/`,
    `http://evil@127.0.0.1:${P}/`,
    `http://user:pass@localhost:${P}/`,
    `http://[::1]:${P}/`,
    `http://[::ffff:127.0.0.1]:${P}/`,
    `http://[::ffff:7f00:1]:${P}/`,
    `http://0.0.0.0:${P}/`,
    `http://0:${P}/`,
    // Private, link-local, shared, multicast, broadcast.
    'http://10.0.0.1/',
    'http://172.16.0.1/',
    'http://172.31.255.254/',
    'http://192.168.1.1/',
    'http://169.254.169.254/latest/meta-data/',
    'http://100.64.0.1/',
    'http://224.0.0.1/',
    'http://255.255.255.255/',
    // IPv6 equivalents.
    'http://[::]/',
    'http://[fc00::1]/',
    'http://[fd12:3456::1]/',
    'http://[fe80::1]/',
    'http://[ff02::1]/',
    'http://[::ffff:a9fe:a9fe]/',
    'http://[64:ff9b::7f00:1]/',
    'http://[64:ff9b::a9fe:a9fe]/',
    'http://[2002:7f00:1::]/',
    'http://[2002:c0a8:101::1]/',
    'http://[2001:0:4136:e378:8000:63bf:3f57:fefe]/',
    // Names that resolve into private space.
    `http://loopback.test:${P}/`,
    'http://private.test/',
    'http://metadata.test/latest/meta-data/',
    'http://cgnat.test/',
    'http://mixed.test/',
    `http://v6loop.test:${P}/`,
    `http://mapped.test:${P}/`,
    'http://ula.test/',
    'http://nat64.test/',
    // Redirects into private space: from an allow-listed local server, and from a public one.
    via(`http://127.0.0.1:${P}/secret`),
    via('http://169.254.169.254/latest/meta-data/'),
    via(`http://2130706433:${P}/`),
    via(`http://loopback.test:${P}/`),
    via(`http://[::1]:${P}/`),
    via('http://10.0.0.1/'),
    via('file:///etc/passwd'),
    `${R}/hop?n=3`,
    'http://public.test/',
    'http://public.test/meta',
    'http://public.test/named',
  ];
}

describe('the hostile corpus', () => {
  it('gives no preview for any link and never connects to a refused address', async () => {
    const links = corpus();
    expect(links.length).toBeGreaterThanOrEqual(40);
    const ids: number[] = [];
    for (const link of links) ids.push((await alice.send(generalId, `look ${link}`)).id);
    await server.app.previews.settled();

    const history = (await alice.history(generalId, '?limit=100')).messages;
    for (const [i, id] of ids.entries()) {
      const message = history.find((m) => m.id === id);
      expect(message?.previews, links[i]).toEqual([]);
    }
    expect(trap.requests, 'the trap was never reached').toEqual([]);
    const allowed = new Set([`127.0.0.1:${redirector.port}`, `${PUBLIC_IP}:80`]);
    expect(net.dials.filter((d) => !allowed.has(d)), 'connections outside the allowed ones').toEqual([]);
    // The redirector did answer: the refusals happened at the next hop, not because it was unreachable.
    expect(redirector.requests.length).toBeGreaterThanOrEqual(7);
    expect(publicSite.requests).toEqual(['/', '/meta', '/named']);
  });

  it('connects to the address it checked, so a name that rebinds to loopback cannot slip in', async () => {
    const before = net.dials.length;
    const preview = await server.app.previews.previewLink('http://rebind.test/page');
    expect(preview?.title).toBe('Public page');
    // Asked again (an image, a redirect, a retry): the second answer is loopback and is refused before connecting.
    expect(await server.app.previews.previewLink(`http://rebind.test:${trap.port}/`)).toBeNull();
    expect(net.dials.slice(before)).toEqual([`${PUBLIC_IP_2}:80`]);
    expect(trap.requests).toEqual([]);
  });

  it('fetches images under the same rules: a public page cannot point the server at a private image', async () => {
    for (const path of ['/private-image', '/metadata-image']) {
      const preview = await server.app.previews.previewLink(`http://public.test${path}`);
      expect(preview?.title, path).toMatch(/^Public page, /);
      expect(preview?.imageUrl, path).toBeNull();
    }
    expect(trap.requests).toEqual([]);
    expect(net.dials.filter((d) => d !== `127.0.0.1:${redirector.port}` && d !== `${PUBLIC_IP}:80` && d !== `${PUBLIC_IP_2}:80`)).toEqual([]);
  });

  it('still previews a public page, and an allow-listed one', async () => {
    expect((await server.app.previews.previewLink('http://public.test/page'))?.title).toBe('Public page');
    expect((await server.app.previews.previewLink(`http://127.0.0.1:${redirector.port}/hop?n=2`))?.title).toBe('Fine page');
  });
});
