import { afterEach, describe, expect, it } from 'vitest';
import { FREE_REFUSALS } from '../../../src/server/http/refusal-pacing.js';
import { CLOSE_TOO_MANY_SOCKETS } from '../../../src/server/realtime/socket.routes.js';
import { signUpAll, type ChatUser } from '../../support/chat-user.js';
import { errorOf, HttpClient } from '../../support/http-client.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { created, WsClient } from '../../support/ws-client.js';

// Someone refused over and over gets the refusals after the first few late (refusal_delay_ms), so a flood costs the
// server next to nothing; nobody else's answers are held for it. "At once" is checked against half the delay, which
// a loopback answer never comes near; "held" is a lower bound the timer guarantees.

const DELAY_MS = 600;
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The answer `attempt` gets and how long it took. */
async function timed<T>(attempt: () => Promise<T>): Promise<{ answer: T; ms: number }> {
  const started = performance.now();
  const answer = await attempt();
  return { answer, ms: performance.now() - started };
}

async function refusedCode(response: Response): Promise<string> {
  return `${response.status} ${(await errorOf(response)).code}`;
}

/** Runs `refuse` FREE_REFUSALS times (each answered at once) and once more (held): the answers, in order. */
async function refuseUntilHeld(refuse: () => Promise<string>): Promise<string[]> {
  const answers: string[] = [];
  for (let i = 0; i < FREE_REFUSALS; i++) {
    const { answer, ms } = await timed(refuse);
    expect(ms).toBeLessThan(DELAY_MS / 2);
    answers.push(answer);
  }
  const { answer, ms } = await timed(refuse);
  expect(ms).toBeGreaterThanOrEqual(DELAY_MS);
  answers.push(answer);
  return answers;
}

describe('refusals to someone refused over and over are held back (refusal_delay_ms)', () => {
  it('holds a person’s 429s after the first few, and neither their other requests nor anyone else’s', async () => {
    server = await startTestServer({ message_rate_limit_per_minute: 3, refusal_delay_ms: DELAY_MS });
    const [mallory, bob] = (await signUpAll(server.url, 'mallory', 'bob')) as [ChatUser, ChatUser];
    const general = await bob.channel('general');
    for (let i = 0; i < 3; i++) await mallory.send(general.id, `hello ${i}`);

    const answers = await refuseUntilHeld(async () => refusedCode(await mallory.sendRequest(general.id, 'spam')));
    expect(answers).toEqual(Array(FREE_REFUSALS + 1).fill('429 RATE_LIMITED'));

    // While mallory's next refusal is held, bob's send and mallory's own history are answered first.
    const order: string[] = [];
    const held = mallory.sendRequest(general.id, 'spam').then((response) => order.push(`mallory ${response.status}`));
    const bobSends = bob.send(general.id, 'not held for her').then(() => order.push('bob 201'));
    const history = mallory.history(general.id).then(() => order.push('mallory history'));
    await Promise.all([held, bobSends, history]);
    expect(order.slice(-1)).toEqual(['mallory 429']);

    // Bob's own first refusal comes at once.
    await bob.send(general.id, 'two');
    await bob.send(general.id, 'three');
    const bobs = await timed(async () => refusedCode(await bob.sendRequest(general.id, 'four')));
    expect(bobs.answer).toBe('429 RATE_LIMITED');
    expect(bobs.ms).toBeLessThan(DELAY_MS / 2);
  });

  it('holds bodies refused from their Content-Length per session, not per address', async () => {
    server = await startTestServer({ refusal_delay_ms: DELAY_MS });
    const [mallory, bob] = (await signUpAll(server.url, 'mallory', 'bob')) as [ChatUser, ChatUser];
    const general = await bob.channel('general');
    const huge = 'x'.repeat(150_000);

    const answers = await refuseUntilHeld(async () => refusedCode(await mallory.sendRequest(general.id, huge)));
    expect(answers).toEqual(Array(FREE_REFUSALS + 1).fill('413 MESSAGE_TOO_LONG'));
    // Bob comes from the same address, and his first is answered at once.
    const bobs = await timed(async () => refusedCode(await bob.sendRequest(general.id, huge)));
    expect(bobs.answer).toBe('413 MESSAGE_TOO_LONG');
    expect(bobs.ms).toBeLessThan(DELAY_MS / 2);
  });

  it('reads and drops the rest of a body refused unread while its answer is held, so the connection is left idle', async () => {
    server = await startTestServer({ refusal_delay_ms: DELAY_MS });
    const [mallory] = (await signUpAll(server.url, 'mallory')) as [ChatUser];
    const general = await mallory.channel('general');
    const huge = 'x'.repeat(150_000);
    await refuseUntilHeld(async () => refusedCode(await mallory.sendRequest(general.id, huge)));
    // Otherwise the server would wait out request_timeout_seconds (30 s here) for that connection before it stops.
    const stopping = server.close();
    server = undefined;
    const stopped = await Promise.race([stopping.then(() => true), new Promise((resolve) => setTimeout(resolve, 10_000, false))]);
    expect(stopped).toBe(true);
  });

  it('holds login refusals per address before anyone is signed in', async () => {
    server = await startTestServer({ login_rate_limit_per_minute: 2, refusal_delay_ms: DELAY_MS });
    await signUpAll(server.url, 'carol');
    const guesser = new HttpClient(server.url);
    await guesser.boot();
    const guess = async () => refusedCode(await guesser.post('/api/auth/login', { username: 'carol', password: 'Guess-Number-1' }));
    expect([await guess(), await guess()]).toEqual(['401 INVALID_CREDENTIALS', '401 INVALID_CREDENTIALS']);
    expect(await refuseUntilHeld(guess)).toEqual(Array(FREE_REFUSALS + 1).fill('429 RATE_LIMITED'));
  });

  it('holds the close of tabs past max_sockets_per_user, while the person’s open tab and others carry on', async () => {
    server = await startTestServer({ max_sockets_per_user: 1, refusal_delay_ms: DELAY_MS });
    const [mallory, bob] = (await signUpAll(server.url, 'mallory', 'bob')) as [ChatUser, ChatUser];
    const general = await bob.channel('general');
    const open = await mallory.connect();
    const extraTab = async () => {
      const tab = await WsClient.attempt(mallory.http);
      if (!(tab instanceof WsClient)) throw new Error(`handshake refused with ${tab.status}`);
      return String((await tab.closed).code);
    };

    const held = refuseUntilHeld(extraTab);
    // During the hold the held socket does not count, and messages still reach her open tab and bob's new one.
    const bobTab = await bob.connect();
    const message = await bob.send(general.id, 'still here');
    await open.waitFor(created(message.id));
    await bobTab.waitFor(created(message.id));
    expect(await held).toEqual(Array(FREE_REFUSALS + 1).fill(String(CLOSE_TOO_MANY_SOCKETS)));
    expect(open.isOpen).toBe(true);
  });

  it('holds the close of a socket flooding commands', async () => {
    server = await startTestServer({ refusal_delay_ms: DELAY_MS });
    const [mallory, carol] = (await signUpAll(server.url, 'mallory', 'carol')) as [ChatUser, ChatUser];
    const general = await carol.channel('general');
    const carolTab = await carol.connect();
    const flood = async () => {
      const tab = await mallory.connect();
      for (let i = 0; i < 100; i++) tab.send({ type: 'typing.start', conversationId: general.id });
      return String((await tab.closed).code);
    };
    expect(await refuseUntilHeld(flood)).toEqual(Array(FREE_REFUSALS + 1).fill('1008'));
    // Typing still reached carol: the floods were read up to the limit, and only the close was held.
    expect(carolTab.received((f) => f.type === 'typing').length).toBeGreaterThan(0);
  });
});
