import net from 'node:net';
import { createInterface } from 'node:readline';
import { ChatUser, newClientId } from '../../support/chat-user.js';
import { errorOf, HttpClient } from '../../support/http-client.js';
import { WsClient } from '../../support/ws-client.js';
import { uploadRequest } from '../../integration/uploads/support.js';
import type { FloodReport, FloodSpec } from './attacker.js';

// One attacker in a process of its own (started by attacker.ts): repeats one abuse in `parallel` loops as fast as the
// server answers, prints `ready` once the limit under test has been reached, and on `stop` (or after
// `maxSeconds`) prints a FloodReport as one JSON line.

const spec = JSON.parse(process.env.MINIMOST_FLOOD ?? '{}') as FloodSpec;
const answers = new Map<string, number>();
let sinceReady = 0;
let readyAt = 0;
let stoppedAt = 0;
let running = true;

function record(answer: string): void {
  answers.set(answer, (answers.get(answer) ?? 0) + 1);
  if (readyAt === 0 && (spec.readyOn === undefined || answer.startsWith(spec.readyOn))) {
    readyAt = performance.now();
    process.stdout.write('ready\n');
  } else if (readyAt > 0 && stoppedAt === 0) {
    sinceReady++;
  }
}

async function answerOf(response: Response): Promise<string> {
  return response.ok ? String(response.status) : `${response.status} ${(await errorOf(response)).code}`;
}

/** Sends `head`, then a byte every 50 ms until the server hangs up: resolves with its status code, or "closed". */
function slowRequest(port: number, host: string, head: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, host);
    let answer = '';
    const drip = setInterval(() => socket.write('x'), 50);
    socket.on('connect', () => socket.write(head));
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(drip);
      clearTimeout(bound);
      resolve(/^HTTP\/1\.1 (\d+)/.exec(answer)?.[1] ?? 'closed');
    });
    const bound = setTimeout(() => socket.destroy(), 30_000);
  });
}

/** One round of the abuse, given the attacker's session: resolves with the answer (status and error code, or close code). */
async function abuse(): Promise<() => Promise<string>> {
  const { baseUrl, username, conversationId = 0 } = spec;
  if (spec.kind === 'logins') {
    const stranger = new HttpClient(baseUrl);
    await stranger.boot();
    return async () => answerOf(await stranger.post('/api/auth/login', { username, password: 'Guess-Number-1' }));
  }
  const user = await ChatUser.logIn(baseUrl, username);
  switch (spec.kind) {
    case 'slow-bodies': {
      const url = new URL(baseUrl);
      // A send that passes every check, so the server waits for a body that comes a byte every 50 ms.
      const head =
        `POST /api/conversations/${conversationId}/messages HTTP/1.1\r\nHost: ${url.host}\r\nOrigin: ${baseUrl}\r\n` +
        `Cookie: ${user.http.cookieHeader()}\r\nX-CSRF-Token: ${user.http.csrfToken}\r\nContent-Type: application/json\r\n` +
        `Content-Length: 50000\r\n\r\n`;
      return () => slowRequest(Number(url.port), url.hostname, head);
    }
    case 'sends':
      return async () => answerOf(await user.sendRequest(conversationId, 'spam', { clientId: newClientId() }));
    case 'oversized-messages': {
      const huge = 'x'.repeat(150_000);
      return async () => answerOf(await user.sendRequest(conversationId, huge));
    }
    case 'oversized-uploads': {
      const big = { name: 'big.bin', bytes: Buffer.alloc(2 * 1024 * 1024, 7) };
      return async () => answerOf(await uploadRequest(user, conversationId, [big]));
    }
    case 'tabs':
      return async () => {
        const tab = await WsClient.attempt(user.http);
        return tab instanceof WsClient ? String((await tab.closed).code) : String(tab.status);
      };
    case 'typing':
      return async () => {
        const tab = await user.connect();
        for (let i = 0; i < 200 && tab.isOpen; i++) tab.send({ type: 'typing.start', conversationId });
        return String((await tab.closed).code);
      };
  }
}

async function main(): Promise<void> {
  const stop = () => {
    running = false;
    stoppedAt ||= performance.now();
  };
  const deadline = setTimeout(stop, spec.maxSeconds * 1000);
  createInterface({ input: process.stdin }).on('line', stop);
  const round = await abuse();
  await Promise.all(
    Array.from({ length: spec.parallel }, async () => {
      while (running) record(await round());
    }),
  );
  clearTimeout(deadline);
  // Answers that came after `stop` (a login held back by its failure delay, say) do not count towards the rate.
  const report: FloodReport = { answers: Object.fromEntries(answers), perSecond: readyAt > 0 ? sinceReady / ((stoppedAt - readyAt) / 1000) : 0 };
  process.stdout.write(`${JSON.stringify(report)}\n`);
  process.exit(0);
}

void main();
