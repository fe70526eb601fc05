import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_DIR } from '../../../src/server/main.js';
import { ERRORS, type ErrorCode } from '../../../src/shared/protocol/errors.js';
import { ClientCommand } from '../../../src/shared/protocol/events.js';
import { collectRoutes, routeKey, type CollectedRoute } from '../../support/route-collector.js';
import { WsClient, event } from '../../support/ws-client.js';
import { COMMANDS, ROLES, ROUTES, type CellContext, type Role, type RouteRow, type Target } from './routes.table.js';
import { createWorld, type World } from './support/world.js';

let world: World;
let registered: CollectedRoute[];
const built = existsSync(path.join(CLIENT_DIR, 'index.html'));

beforeAll(async () => {
  const collector = collectRoutes();
  try {
    world = await createWorld();
  } finally {
    collector.stop();
  }
  registered = collector.routes;
});
afterAll(() => world.close());

function concretePath(row: RouteRow, target: Target): string {
  if (row.path) return row.path(target);
  const [, url = ''] = row.route.split(' ');
  const id = row.target === 'dm' ? target.dmId : row.target === 'message' ? target.messageId : target.privateChannelId;
  return url.replace(':id', String(id));
}

function accepts(expected: number | readonly number[], status: number): boolean {
  return typeof expected === 'number' ? expected === status : expected.includes(status);
}

/** A refusal is `{ error: { code, message } }` with a known code whose status is the one answered. */
function errorShapeProblems(status: number, text: string): string[] {
  let code: unknown;
  try {
    code = (JSON.parse(text) as { error?: { code?: unknown; message?: unknown } }).error?.code;
  } catch {
    return [`${status} with a body that is not JSON: ${text.slice(0, 200)}`];
  }
  if (typeof code !== 'string' || !(code in ERRORS)) return [`${status} with an unknown error code: ${text.slice(0, 200)}`];
  return ERRORS[code as ErrorCode] === status ? [] : [`${status} carries ${code}, whose status is ${ERRORS[code as ErrorCode]}`];
}

/** One cell: the status it got, and anything about the answer that is wrong whatever the status. */
async function callCell(row: RouteRow, role: Role, target: Target): Promise<{ status: number; problems: string[] }> {
  const client = world.clients[role];
  const problems: string[] = [];
  if (row.websocket) {
    const attempt = await WsClient.attempt(client);
    if (attempt instanceof WsClient) {
      await attempt.close();
      return { status: 101, problems };
    }
    return { status: attempt.status, problems };
  }
  const [method = 'GET'] = row.route.split(' ');
  const cell: CellContext = { role, target, username: world.names[role], ownerName: world.names.owner, spareName: world.spares[role], freshName: world.freshName() };
  const body = row.body?.(cell);
  const response = await client.request(method, concretePath(row, target), body === undefined ? {} : { body });
  const text = await response.text();
  if (response.status >= 500) problems.push(`answered ${response.status}: ${text.slice(0, 200)}`);
  // Clickjacking: every answer, whatever it is, forbids framing.
  if (response.headers.get('x-frame-options') !== 'DENY') problems.push('no X-Frame-Options: DENY');
  if (!(response.headers.get('content-security-policy') ?? '').includes("frame-ancestors 'none'")) problems.push("no CSP frame-ancestors 'none'");
  if (response.headers.get('x-content-type-options') !== 'nosniff') problems.push('no X-Content-Type-Options: nosniff');
  if (response.status >= 400) problems.push(...errorShapeProblems(response.status, text));
  // Whoever is refused the private channel must learn nothing of it, in any answer.
  if ((role === 'anonymous' || role === 'deactivated' || role === 'nonMember') && text.includes(target.secret)) {
    problems.push(`answer leaks the private channel: ${text.slice(0, 300)}`);
  }
  if (row.shows?.includes(role) && !text.includes(target.secret)) problems.push(`answer should show the private channel: ${text.slice(0, 300)}`);
  return { status: response.status, problems };
}

describe('the route table', () => {
  it('lists every route the server registers, and nothing else', () => {
    const onServer = new Set(registered.map(routeKey));
    const inTable = new Set(ROUTES.filter((r) => built || !r.needsBuild).map((r) => r.route));
    const missing = [...onServer].filter((key) => !inTable.has(key));
    const stale = [...inTable].filter((key) => !onServer.has(key));
    expect(missing, 'routes missing from test/integration/security/routes.table.ts — add a row saying who may call them').toEqual([]);
    expect(stale, 'rows in routes.table.ts for routes the server no longer has').toEqual([]);
  });

  it('lists every WebSocket command of the protocol', () => {
    const commands = ClientCommand.anyOf.map((variant) => variant.properties.type.const as string).sort();
    expect(COMMANDS.map((c) => c.command).sort()).toEqual(commands);
  });
});

describe('who may call each route', () => {
  const rows = ROUTES.filter((r) => built || !r.needsBuild);
  it.each(rows.map((row) => [row.route, row] as const))('%s', async (_name, row) => {
    const target = await world.makeTarget();
    const failures: string[] = [];
    for (const role of ROLES) {
      const { status, problems } = await callCell(row, role, target);
      if (!accepts(row.expect[role], status)) failures.push(`${role}: expected ${JSON.stringify(row.expect[role])}, got ${status}`);
      failures.push(...problems.map((p) => `${role}: ${p}`));
    }
    if (row.changesSession) await world.signInAgain();
    expect(failures).toEqual([]);
  });
});

describe('who may send each WebSocket command', () => {
  it.each(COMMANDS.map((row) => [row.command, row] as const))('%s', async (_name, row) => {
    const target = await world.makeTarget();
    // The owner's tab watches the private channel: a refused command must not reach it either.
    const observer = await WsClient.connect(world.clients.owner);
    const failures: string[] = [];
    for (const role of ROLES) {
      const expected = row.expect[role];
      const attempt = await WsClient.attempt(world.clients[role]);
      if (!(attempt instanceof WsClient)) {
        if (expected !== 'no socket') failures.push(`${role}: socket refused with ${attempt.status}`);
        continue;
      }
      if (expected === 'no socket') failures.push(`${role}: got a socket`);
      await attempt.waitFor(event('hello'));
      attempt.send(row.frame(target));
      if (expected === 'ok') {
        await attempt.expectNothing(event('error'), 300);
      } else if (expected === 'NOT_FOUND') {
        const error = await attempt.waitFor(event('error'));
        if (error.code !== 'NOT_FOUND') failures.push(`${role}: expected NOT_FOUND, got ${error.code}`);
      }
      await attempt.close();
    }
    const typers = observer.received(event('typing', (e) => e.conversationId === target.privateChannelId)).map((e) => e.userId);
    const nonMemberId = (await world.clients.nonMember.boot()).user?.id;
    expect(typers).not.toContain(nonMemberId);
    await observer.close();
    expect(failures).toEqual([]);
  });
});
