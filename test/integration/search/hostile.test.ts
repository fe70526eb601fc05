import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpAll, type ChatUser } from '../../support/chat-user.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { found, searchRequest } from './search-client.js';

let server: TestServer;
let alice: ChatUser;

beforeAll(async () => {
  server = await startTestServer();
  [alice] = await signUpAll(server.url, 'alice');
  const general = (await alice.channel('general')).id;
  await alice.send(general, 'say "hi" to NEAR(the door) OR else * ^start col:x -- 100% _done_ \\ back');
  await alice.send(general, 'deploy plan');
});
afterAll(async () => {
  await server.close();
});

// Query text as a person (or an attacker) might type it: FTS5 syntax, SQL, quotes, control characters, broken
// Unicode, operators without values, and very long strings.
const CORPUS: string[] = [
  '"', '""', '"""', '" "', "'", "''", '`', '*', 'deploy*', '*deploy', '^deploy', '^', 'deploy^2',
  'NEAR(', 'NEAR(deploy plan, 5)', 'NEAR', 'deploy OR plan', 'OR', 'AND', 'NOT', 'deploy AND', 'AND deploy', 'NOT deploy', 'deploy NOT plan',
  '(deploy', 'deploy)', '()', '{deploy plan}', '{', 'col:deploy', 'body:deploy', 'message_text_index:deploy', 'rank:1', 'rowid:1',
  '"unbalanced', 'unbalanced"', 'de"ploy', '"de"ploy"', '-"', '-', '--', '---', '- -', '+deploy', 'deploy~', ':', '::', 'a:b:c',
  '\\', '%', '_', '%_%', '%%%', "'; DROP TABLE messages; --", '1 OR 1=1', 'deploy; SELECT * FROM users', '<script>alert(1)</script>', '&lt;b&gt;',
  '\u0000', 'deploy\u0000plan', '\u0000\u0000\u0000', '\u0007\u001b[31mred', '\t\n\r', '\u2028\u2029', '\u200b\u200b\u200b', '\u202edeploy', '\ufeff',
  '\uD800', '\uDFFF', 'deploy\uD800', '\uDBFF\uDBFF\uDBFF', '😀', '😀😀😀', 'e\u0301', 'ﷺ', 'ﬁle', 'İ', 'ß', '\uFFFD\uFFFD\uFFFD', '𝔡𝔢𝔭𝔩𝔬𝔶',
  'from:', 'from:@', 'from:@"', 'from:"', 'in:', 'in:#', 'in:"', 'in:@', 'before:', 'before:"', 'after:9999-99-99', 'on:0000-00-00', 'on:2026-02-29',
  'has:', 'has:"', 'is:', 'is:"', '-from:@alice', '-in:#general', 'from:@alice from:@alice', 'in:#general '.repeat(30),
  'a'.repeat(10_000), 'deploy '.repeat(1_400), 'x'.repeat(1_000), '"'.repeat(1_000), 'é'.repeat(1_000), '😀'.repeat(1_000), 'ab '.repeat(40), '-a '.repeat(40),
  Array.from({ length: 32 }, (_, i) => `word${i}`).join(' '), Array.from({ length: 32 }, (_, i) => `"w ${i}"`).join(' '),
  'NEAR("a" "b", 2) AND "c" OR ("d" NOT "e")', '"a" + "b"', 'a * b', '"NEAR(" "("', ')))((((', '^^^^', '****', 'OR OR OR', 'NOT NOT', 'AND AND',
];

// Query strings that do not even decode cleanly.
const RAW: string[] = [
  'q=%ED%A0%80', 'q=%FF%FE%FD', 'q=%', 'q=%E2%82', 'q=%C0%80', 'q=deploy%00plan', 'q=%uD800', 'q=%%%', 'q=deploy&q=plan', 'q', '', 'q=deploy&unknown=1',
  'q=deploy&limit=0', 'q=deploy&limit=-1', 'q=deploy&limit=1e9', 'q=deploy&limit=abc', 'q=deploy&cursor=', 'q=deploy&cursor=%00', `q=deploy&cursor=${'A'.repeat(200)}`,
  `q=deploy&cursor=${'A'.repeat(201)}`, 'q=deploy&cursor=W10', 'q=deploy&cursor=bnVsbA', 'q=deploy&timeZone=Mars/Base', 'q=deploy&timeZone=../../etc/passwd',
  'q=deploy&timeZone=%00', 'q[]=deploy', 'q[a]=b', '__proto__=1&q=deploy', 'constructor=1&q=deploy', `q=${'%22'.repeat(500)}`,
];

describe('hostile queries', () => {
  it('are answered as text (200) or refused clearly (400), never with a server error', async () => {
    const answers: Record<string, number> = {};
    for (const q of CORPUS) {
      const response = await searchRequest(alice, q);
      const body = (await response.json()) as { results?: unknown[]; error?: { code: string; message: string } };
      answers[JSON.stringify(q).slice(0, 60)] = response.status;
      expect([200, 400], JSON.stringify(q).slice(0, 80)).toContain(response.status);
      if (response.status === 200) expect(Array.isArray(body.results)).toBe(true);
      else expect(body.error?.message.length).toBeGreaterThan(5);
    }
    expect(Object.values(answers).filter((s) => s === 200).length).toBeGreaterThan(CORPUS.length / 3);
  });

  it('survives query strings that do not decode', async () => {
    for (const raw of RAW) {
      const response = await alice.http.get(`/api/search?${raw}`);
      expect([200, 400], raw.slice(0, 80)).toContain(response.status);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    }
  });

  it('finds FTS syntax and quotes as the plain text they are', async () => {
    const text = 'say "hi" to NEAR(the door) OR else * ^start col:x -- 100% _done_ \\ back';
    for (const q of ['NEAR(the', '"hi"', '"say ""hi"""', '^start', 'col:x', '100%', '_done_', 'OR else', '\\ back', '"to NEAR(the door) OR"']) {
      expect(await found(alice, q), q).toEqual([text]);
    }
    // Not a prefix query ("dep*" would find "deploy"), not an OR (both words are needed).
    expect(await found(alice, 'dep*')).toEqual([]);
    expect(await found(alice, 'deploy OR nothing')).toEqual([]);
    // Whole words are compared as words, so punctuation around them does not count.
    expect(await found(alice, 'deploy*')).toEqual(['deploy plan']);
  });

  it('leaves the server healthy afterwards', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(await found(alice, 'deploy')).toEqual(['deploy plan']);
  });
});
