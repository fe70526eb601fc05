import { afterEach, describe, expect, it } from 'vitest';
import { signUpAll } from '../../support/chat-user.js';
import { errorOf } from '../../support/http-client.js';
import { assertInvariants } from '../../support/invariants.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';

// The database refusing writes, injected for real: `PRAGMA query_only` makes SQLite answer every write with
// SQLITE_READONLY, as a read-only disk would. (`npm run test:stress` fills a real disk: disk-full.test.ts.)

let server: TestServer | undefined;
afterEach(async () => {
  if (server) server.db.pragma('query_only = OFF');
  await server?.close();
  server = undefined;
});

describe('when the database cannot be written', () => {
  it('answers 503 with a message for people, keeps serving reads, and recovers', async () => {
    server = await startTestServer();
    const [alice, bob] = await signUpAll(server.url, 'alice', 'bob');
    const general = await alice.channel('general');
    const kept = await alice.send(general.id, 'written before the disk went read-only');

    server.db.pragma('query_only = ON');
    const refused = await alice.sendRequest(general.id, 'this cannot be saved');
    expect(refused.status).toBe(503);
    const error = await errorOf(refused);
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.message).toMatch(/^The server cannot save right now \(disk full or read-only\)/);
    expect(JSON.stringify(error)).not.toMatch(/SQLITE|at \w+ \(|\/src\//);
    expect((await bob.history(general.id)).messages.map((m) => m.id)).toContain(kept.id);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

    server.db.pragma('query_only = OFF');
    const after = await alice.send(general.id, 'space is back');
    expect((await bob.history(general.id)).messages.map((m) => m.text)).toEqual(expect.arrayContaining(['space is back']));
    expect(after.seq).toBe(kept.seq + 1);
    assertInvariants(server.db);
  });
});
