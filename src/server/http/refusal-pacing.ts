import type { FastifyInstance, FastifyRequest } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import { hashToken } from '../lib/tokens.js';
import { SESSION_COOKIE } from './cookies.js';

/** Refusals answered at once, however close together: someone who bumps into a limit by accident hears so at once. */
export const FREE_REFUSALS = 5;
/** A count starts over once this long has passed since that person's last refusal. */
export const QUIET_MS = 10_000;
/** Answers held at the same moment, for everyone together; past it they go at once, so holding stays bounded. */
export const MAX_HELD = 1_000;
/** People (or addresses) remembered; the longest quiet are forgotten first. */
export const MAX_TRACKED = 10_000;

export interface RefusalPacer {
  /** Counts a refusal for `who` and says how long its answer is to be held (0: at once). */
  delayFor(who: string): number;
  /** Counts a refusal for `who` and resolves when its answer may go. */
  refused(who: string): Promise<void>;
}

/**
 * Someone refused over and over (past a rate limit, a body too large, too many tabs, a command flood) gets each
 * further refusal late. A client that waits for its answers, as browsers and scripts do, is then held to one refusal
 * per connection per `delayMs`, so refusing it costs the server next to nothing and its flood cannot crowd out other
 * people's requests on the one JavaScript thread. Without it a single person with a few connections keeps the server
 * busy answering 429s as fast as it can, and everyone else's messages wait behind them.
 */
export function createRefusalPacer(delayMs: number, now: () => number = () => performance.now()): RefusalPacer {
  // In the order of each one's last refusal, so the first entry is the longest quiet.
  const tracked = new Map<string, { count: number; last: number }>();
  let held = 0;

  function delayFor(who: string): number {
    const at = now();
    const seen = tracked.get(who);
    const count = seen && at - seen.last < QUIET_MS ? seen.count + 1 : 1;
    tracked.delete(who);
    tracked.set(who, { count, last: at });
    if (tracked.size > MAX_TRACKED) tracked.delete(tracked.keys().next().value as string);
    return delayMs > 0 && count > FREE_REFUSALS && held < MAX_HELD ? delayMs : 0;
  }

  return {
    delayFor,
    async refused(who) {
      const ms = delayFor(who);
      if (ms === 0) return;
      held++;
      try {
        await sleep(ms);
      } finally {
        held--;
      }
    },
  };
}

/**
 * Whose refusals these are: the signed-in person; before the session is looked up (a body refused from its
 * Content-Length), the session cookie, so that people behind one address are not paced for each other; else the
 * client address.
 */
export function refusalKey(request: FastifyRequest): string {
  if (request.auth) return `user:${request.auth.user.id}`;
  const token = request.cookies[SESSION_COOKIE];
  return token ? `session:${hashToken(token).toString('base64')}` : `address:${request.ip}`;
}

/** Statuses that mean "over a limit": a body too large, requests too fast. */
const PACED_STATUSES = new Set([413, 429]);

/** Holds back over-the-limit answers to someone who keeps getting them (see createRefusalPacer). */
export function installRefusalPacing(app: FastifyInstance, pacer: RefusalPacer): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (PACED_STATUSES.has(reply.statusCode)) {
      // A body refused unread (from its Content-Length, past a rate limit) is read and dropped while held: left
      // waiting, its connection stays busy after the answer, and holds a shutdown until request_timeout_seconds.
      request.raw.resume();
      await pacer.refused(refusalKey(request));
    }
    return payload;
  });
}
