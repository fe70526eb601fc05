import { randomBytes } from 'node:crypto';
import type { Settings } from '../../../../src/server/config/index.js';
import { ChatUser, expectStatus } from '../../../support/chat-user.js';
import { HttpClient } from '../../../support/http-client.js';
import { startTestServer, type TestServer } from '../../../support/test-server.js';
import type { Role, Target } from '../routes.table.js';

export type SignedInRole = Exclude<Role, 'anonymous'>;
const SIGNED_IN: readonly SignedInRole[] = ['deactivated', 'nonMember', 'member', 'owner'];

/**
 * The people of the authorization matrix on one real server: an owner, a member, someone outside, a deactivated
 * account that still holds a session, and an anonymous browser. `makeTarget()` gives each row its own private
 * channel (with a message by the owner) so rows cannot disturb each other.
 */
export interface World {
  server: TestServer;
  clients: Record<Role, HttpClient>;
  names: Record<Role, string>;
  /** One person per role who is in nothing, for "add a member". */
  spares: Record<Role, string>;
  makeTarget(): Promise<Target>;
  /** Signs everyone in again (after a row that logs people out). */
  signInAgain(): Promise<void>;
  freshName(): string;
  close(): Promise<void>;
}

let counter = 0;
const freshName = () => `u${process.pid.toString(36)}x${(counter++).toString(36)}`;

export async function createWorld(overrides: Partial<Settings> = {}): Promise<World> {
  // The matrix sends and uploads as the same few people many times a minute; the limits have their own tests.
  const server = await startTestServer({ message_rate_limit_per_minute: 100_000, upload_rate_limit_per_minute: 100_000, ...overrides });
  const names: Record<Role, string> = { owner: 'olivia', member: 'mia', nonMember: 'nora', deactivated: 'dora', anonymous: 'olivia' };
  const ids = {} as Record<SignedInRole, number>;
  for (const role of SIGNED_IN) ids[role] = (await ChatUser.signUp(server.url, names[role])).id;
  const spares = {} as Record<Role, string>;
  for (const role of [...SIGNED_IN, 'anonymous'] as const) {
    spares[role] = freshName();
    await ChatUser.signUp(server.url, spares[role]);
  }

  // Deactivation as issue 8's command does it at heart: the account row is marked. The session is left in place on
  // purpose (the command also ends it): the hardest case is a session that somehow survived.
  const setDeactivated = (on: boolean) => server.db.prepare('UPDATE users SET deactivated_at = ? WHERE id = ?').run(on ? Date.now() : null, ids.deactivated);

  const clients = {} as Record<Role, HttpClient>;
  async function signInAgain(): Promise<void> {
    setDeactivated(false);
    for (const role of SIGNED_IN) {
      const client = new HttpClient(server.url);
      await expectStatus(await client.logIn(names[role]), 200);
      clients[role] = client;
    }
    setDeactivated(true);
    clients.anonymous = new HttpClient(server.url);
    await clients.anonymous.boot();
  }
  await signInAgain();

  return {
    server,
    clients,
    names,
    spares,
    freshName,
    signInAgain,
    async makeTarget() {
      const secret = `zq${randomBytes(6).toString('hex')}`;
      const owner = clients.owner;
      const channel = await expectStatus<{ id: number }>(await owner.post('/api/conversations/private', { name: `${secret} room`, members: [names.member] }), 201);
      const form = new FormData();
      form.append('file', new Blob([`the file says ${secret}`]), `${secret}.txt`);
      const { uploads } = await expectStatus<{ uploads: { id: string }[] }>(
        await owner.request('POST', `/api/conversations/${channel.id}/uploads`, { rawBody: form }),
        201,
      );
      const fileId = uploads[0]?.id ?? '';
      const sent = await expectStatus<{ message: { id: number } }>(
        await owner.post(`/api/conversations/${channel.id}/messages`, { clientId: `target-${freshName()}`, text: `the plan is ${secret}`, attachmentIds: [fileId] }),
        201,
      );
      const dm = await owner.post('/api/conversations/dm', { members: [names.member] });
      const dmBody = await expectStatus<{ id: number }>(dm, dm.status === 201 ? 201 : 200);
      return { privateChannelId: channel.id, dmId: dmBody.id, messageId: sent.message.id, fileId, secret };
    },
    close: () => server.close(),
  };
}
