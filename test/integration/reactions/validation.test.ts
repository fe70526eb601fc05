import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../../src/shared/protocol/messages.js';
import { signUpAll, type ChatUser } from '../../support/chat-user.js';
import { errorOf } from '../../support/http-client.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { react, reactRequest, unreactRequest } from './support.js';

let server: TestServer;
let alice: ChatUser, bob: ChatUser;
let message: Message;

beforeAll(async () => {
  server = await startTestServer();
  [alice, bob] = await signUpAll(server.url, 'alice', 'bob');
  message = await alice.send((await alice.channel('general')).id, 'react to me');
});
afterAll(() => server.close());

async function refusal(response: Response): Promise<{ status: number; code: string; message: string }> {
  const { code, message: text } = await errorOf(response);
  return { status: response.status, code, message: text };
}

describe('the emoji a reaction may use', () => {
  it.each([
    ['a word', 'ok', /not an emoji you can react with/],
    ['a letter', 'a', /not an emoji/],
    ['an emoticon', ':)', /not an emoji/],
    ['a shortcode', ':thumbsup:', /not an emoji/],
    ['two emoji', '👍👍', /not an emoji/],
    ['an emoji and text', '👍 yes', /not an emoji/],
    ['a lone regional indicator', '🇦', /not an emoji/],
    ['a bare skin-tone swatch', '🏽', /skin tone/],
    ['a skin-toned thumbs up', '👍🏽', /skin tone/],
    ['a skin-toned family member', '🧑🏿‍💻', /skin tone/],
    ['a lone variation selector', '\uFE0F', /not an emoji/],
    ['a zero-width joiner', '\u200D', /not an emoji/],
    ['a control character', '\u0000', /not an emoji/],
    ['an overlong string', '😀'.repeat(40), /too long to be one emoji/],
    ['markup', '<img src=x onerror=alert(1)>', /not an emoji/],
  ])('refuses %s with 400 INVALID_EMOJI', async (_what, emoji, sentence) => {
    const answer = await refusal(await reactRequest(bob, message.id, emoji));
    expect(answer).toMatchObject({ status: 400, code: 'INVALID_EMOJI' });
    expect(answer.message).toMatch(sentence);
    const undo = await unreactRequest(bob, message.id, emoji);
    expect(undo.status).toBe(400);
  });

  it('refuses an empty emoji segment', async () => {
    for (const method of ['PUT', 'DELETE']) {
      const answer = await refusal(await bob.request(method, `/api/messages/${message.id}/reactions/`));
      expect(answer).toEqual({ status: 400, code: 'INVALID_EMOJI', message: 'Choose an emoji to react with.' });
    }
  });

  it('refuses a malformed percent-encoding cleanly', async () => {
    const answer = await refusal(await bob.request('PUT', `/api/messages/${message.id}/reactions/%F0%9F`));
    expect(answer).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
  });

  it.each([
    ['a face', '😀'],
    ['a ZWJ sequence', '🧑‍💻'],
    ['a flag', '🇫🇷'],
    ['a keycap', '1️⃣'],
    ['an emoji of Emoji 15', '🫨'],
    ['a text-style heart without its selector', '❤'],
  ])('accepts %s', async (_what, emoji) => {
    const updated = await react(bob, message.id, emoji);
    expect(updated.reactions.some((r) => r.emoji.replace(/\uFE0F/g, '') === emoji.replace(/\uFE0F/g, '') && r.userIds.includes(bob.id))).toBe(true);
  });
});
