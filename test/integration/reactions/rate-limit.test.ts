import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Message } from '../../../src/shared/protocol/messages.js';
import { signUpAll, type ChatUser } from '../../support/chat-user.js';
import { errorOf } from '../../support/http-client.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { reactRequest, unreactRequest } from './support.js';

let server: TestServer;
let alice: ChatUser, bob: ChatUser;
let message: Message;

beforeAll(async () => {
  server = await startTestServer({ reaction_rate_limit_per_minute: 6 });
  [alice, bob] = await signUpAll(server.url, 'alice', 'bob');
  message = await alice.send((await alice.channel('general')).id, 'click me');
});
afterAll(() => server.close());

it('limits how often one person reacts, adding and taking back together, without slowing others', async () => {
  for (let i = 0; i < 3; i++) {
    expect((await reactRequest(bob, message.id, '🎉')).status).toBe(200);
    expect((await unreactRequest(bob, message.id, '🎉')).status).toBe(200);
  }
  const refused = await reactRequest(bob, message.id, '🎉');
  expect(refused.status).toBe(429);
  expect(await errorOf(refused)).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/reacting too fast/) });
  expect((await unreactRequest(bob, message.id, '🎉')).status).toBe(429);
  expect((await reactRequest(alice, message.id, '🎉')).status).toBe(200);
});
