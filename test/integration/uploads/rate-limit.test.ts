import { afterAll, beforeAll, expect, it } from 'vitest';
import { signUpAll, type ChatUser } from '../../support/chat-user.js';
import { errorOf } from '../../support/http-client.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { upload, uploadRequest } from './support.js';

let server: TestServer;
let alice: ChatUser, bob: ChatUser;
let generalId: number;

beforeAll(async () => {
  server = await startTestServer({ upload_rate_limit_per_minute: 3 });
  [alice, bob] = await signUpAll(server.url, 'alice', 'bob');
  generalId = (await alice.channel('general')).id;
});
afterAll(() => server.close());

it('limits how often one person starts an upload, refusing the rest unread, without slowing others', async () => {
  // One request with several files counts once.
  const files = ['a', 'b', 'c'].map((name) => ({ name: `${name}.txt`, bytes: Buffer.from(`file ${name}`) }));
  expect((await uploadRequest(bob, generalId, files)).status).toBe(201);
  for (let i = 0; i < 2; i++) await upload(bob, generalId, { name: `more-${i}.txt`, bytes: Buffer.from('more') });
  // A refusal comes before the body is read; a large one still gets its answer, and nothing of it is kept.
  const refused = await uploadRequest(bob, generalId, [{ name: 'big.bin', bytes: Buffer.alloc(3 * 1024 * 1024, 1) }]);
  expect(refused.status).toBe(429);
  expect(await errorOf(refused)).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/^You are uploading too fast\. Try again in /) });
  expect(server.db.prepare('SELECT count(*) AS n FROM uploads WHERE uploader_id = ?').get(bob.id)).toEqual({ n: 5 });
  // Sending messages is another allowance, and Alice has her own.
  expect((await bob.sendRequest(generalId, 'still talking')).status).toBe(201);
  await upload(alice, generalId, { name: 'alice.txt', bytes: Buffer.from('mine') });
});
