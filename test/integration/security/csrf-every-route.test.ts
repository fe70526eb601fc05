import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf } from '../../support/http-client.js';
import { ROUTES, type CellContext, type RouteRow, type Target } from './routes.table.js';
import { createWorld, type World } from './support/world.js';

// Every state-changing route of the authorization table, called by a signed-in owner whose browser is tricked
// into it from another site: without the CSRF token, with another site's Origin, or with no Origin at all. Each
// is refused before anything happens, and the database is exactly as before.

let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world.close());

const stateChanging = ROUTES.filter((row) => !row.route.startsWith('GET ') && !row.websocket);

/** Everything a forged request could have changed, in one comparable value. */
function snapshot(): unknown {
  const db = world.server.db;
  return ['users', 'sessions', 'conversations', 'memberships', 'messages'].map((table) => ({
    table,
    rows: db
      .prepare(`SELECT * FROM ${table}`)
      .raw()
      .all()
      .map((row) => JSON.stringify(row))
      .sort(),
  }));
}

function requestFor(row: RouteRow, target: Target): { method: string; path: string; body: unknown } {
  const [method = 'POST', url = ''] = row.route.split(' ');
  const id = row.target === 'dm' ? target.dmId : row.target === 'message' ? target.messageId : target.privateChannelId;
  const cell: CellContext = { role: 'owner', target, username: world.names.owner, ownerName: world.names.owner, spareName: world.spares.owner, freshName: world.freshName() };
  return { method, path: row.path ? row.path(target) : url.replace(':id', String(id)), body: row.body?.(cell) };
}

describe('CSRF and Origin checks on every state-changing route', () => {
  it('covers the state-changing routes of the table', () => {
    expect(stateChanging.length).toBeGreaterThanOrEqual(15);
  });

  it.each(stateChanging.map((row) => [row.route, row] as const))('%s', async (_name, row) => {
    const target = await world.makeTarget();
    const { method, path, body } = requestFor(row, target);
    const owner = world.clients.owner;
    const init = (headers: Record<string, string>) => (body === undefined ? { headers } : { body, headers });
    const before = snapshot();

    const noToken = await owner.request(method, path, init({ 'x-csrf-token': '' }));
    expect(noToken.status).toBe(403);
    expect((await errorOf(noToken)).code).toBe('CSRF_FAILED');

    const wrongToken = await owner.request(method, path, init({ 'x-csrf-token': 'A'.repeat(43) }));
    expect((await errorOf(wrongToken)).code).toBe('CSRF_FAILED');

    const foreign = await owner.request(method, path, init({ origin: 'http://evil.example' }));
    expect(foreign.status).toBe(403);
    expect((await errorOf(foreign)).code).toBe('ORIGIN_REJECTED');

    // A look-alike: same host name, other port.
    const otherPort = await owner.request(method, path, init({ origin: world.server.url.replace(/:\d+$/, ':1') }));
    expect((await errorOf(otherPort)).code).toBe('ORIGIN_REJECTED');

    const noOrigin = await owner.request(method, path, init({ origin: '' }));
    expect((await errorOf(noOrigin)).code).toBe('ORIGIN_REJECTED');

    expect(snapshot()).toEqual(before);
  });
});
