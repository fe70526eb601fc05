import { afterEach, describe, expect, it } from 'vitest';
import type { ChangesPage, ServerEvent } from '../../../src/shared/protocol/events.js';
import type { Message } from '../../../src/shared/protocol/messages.js';
import { signUpAll } from '../../support/chat-user.js';
import { startTestServer, type TestServer } from '../../support/test-server.js';
import { created, presenceChange } from '../../support/ws-client.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

type MessageEvent = Extract<ServerEvent, { type: 'message.created' | 'message.updated' | 'message.deleted' }>;
const isMessageEvent = (conversationId: number) => (f: ServerEvent): f is MessageEvent =>
  (f.type === 'message.created' || f.type === 'message.updated' || f.type === 'message.deleted') && f.conversationId === conversationId;

/**
 * What a client keeps for one conversation, following the documented rule: apply an event whose seq is the next
 * expected, ignore one already seen, and on a gap or after reconnecting ask /changes. It counts what it applied so
 * the test can prove nothing was shown twice.
 */
class Timeline {
  readonly messages = new Map<number, Message>();
  readonly createdCount = new Map<number, number>();
  gaps = 0;
  constructor(public lastSeq: number) {}

  apply(e: MessageEvent): void {
    if (e.seq <= this.lastSeq) return;
    if (e.seq !== this.lastSeq + 1) {
      this.gaps++;
      return;
    }
    this.store(e);
    this.lastSeq = e.seq;
  }

  applyChanges(page: ChangesPage): void {
    for (const e of page.events) if (e.seq > this.lastSeq || e.type !== 'message.created') this.store(e);
    this.lastSeq = Math.max(this.lastSeq, page.lastSeq);
  }

  private store(e: MessageEvent): void {
    if (e.type === 'message.created' && !this.messages.has(e.message.id)) {
      this.createdCount.set(e.message.id, (this.createdCount.get(e.message.id) ?? 0) + 1);
    }
    this.messages.set(e.message.id, e.message);
  }
}

describe('after a dropped socket', () => {
  it('the client catches up with /changes and misses or duplicates nothing', async () => {
    server = await startTestServer();
    const [alice, bob] = await signUpAll(server.url, 'alice', 'bob');
    const ops = await alice.createPrivateChannel('ops', ['bob']);
    const aliceTab = await alice.connect();
    let bobTab = await bob.connect();
    // Presence goes out in batches: a status that comes and goes within one is never sent, so see him arrive first.
    await aliceTab.waitFor(presenceChange(bob.id, 'active'));
    const timeline = new Timeline((await bob.conversation(ops.id)).lastSeq);

    const toEdit = await alice.send(ops.id, 'seen before the drop (will be edited)');
    const toDelete = await alice.send(ops.id, 'seen before the drop (will be deleted)');
    await bobTab.waitFor(created(toDelete.id));
    for (const e of bobTab.received(isMessageEvent(ops.id))) timeline.apply(e);
    expect(timeline.lastSeq).toBe(toDelete.seq);

    await bobTab.terminate();
    await aliceTab.waitFor(presenceChange(bob.id, 'offline'));
    const missed = [await alice.send(ops.id, 'missed 1'), await alice.send(ops.id, 'missed 2')];
    await alice.edit(toEdit.id, 'edited while bob was away');
    await alice.delete(toDelete.id);
    const sentThenEdited = await alice.send(ops.id, 'missed 3');
    await alice.edit(sentThenEdited.id, 'missed 3, edited');

    bobTab = await bob.connect();
    // A message sent while the client is between reconnecting and asking for changes may arrive both ways.
    const during = await alice.send(ops.id, 'sent during the catch-up');
    await bobTab.waitFor(created(during.id));
    timeline.applyChanges(await bob.changes(ops.id, timeline.lastSeq));
    for (const e of bobTab.received(isMessageEvent(ops.id))) timeline.apply(e);
    const after = await alice.send(ops.id, 'live again');
    timeline.apply(await bobTab.waitFor(created(after.id)));

    expect(timeline.gaps).toBe(0);
    expect([...timeline.createdCount.values()].every((n) => n === 1)).toBe(true);
    const truth = await bob.history(ops.id);
    expect(timeline.lastSeq).toBe(truth.lastSeq);
    const shown = [...timeline.messages.values()].filter((m) => m.deletedAt === null).sort((a, b) => a.seq - b.seq);
    expect(shown.map((m) => m.text)).toEqual(truth.messages.map((m) => m.text));
    expect(shown.map((m) => m.text)).toEqual([
      'edited while bob was away',
      'missed 1',
      'missed 2',
      'missed 3, edited',
      'sent during the catch-up',
      'live again',
    ]);
    expect(timeline.messages.get(toDelete.id)?.text).toBeNull();
    expect(missed.every((m) => timeline.messages.has(m.id))).toBe(true);
  });

  it('the new socket carries on from the current seq without replaying what was sent before it opened', async () => {
    server = await startTestServer();
    const [alice, bob] = await signUpAll(server.url, 'alice', 'bob');
    const general = await alice.channel('general');
    const first = await bob.connect();
    const before = await alice.send(general.id, 'before the drop');
    await first.waitFor(created(before.id));
    await first.terminate();
    const meanwhile = await alice.send(general.id, 'while away');

    const second = await bob.connect();
    const now = await alice.send(general.id, 'after reconnecting');
    const live = await second.waitFor(created(now.id));
    expect(live.seq).toBe(meanwhile.seq + 1);
    expect(second.received(created(meanwhile.id))).toEqual([]);
    expect(second.received(created(before.id))).toEqual([]);
    const changes = await bob.changes(general.id, before.seq);
    expect(changes.events.map((e) => e.message.id)).toEqual([meanwhile.id, now.id]);
  });

  it('asks for a full reload (reset) when too much was missed', async () => {
    server = await startTestServer({ message_rate_limit_per_minute: 10_000 });
    const [alice, bob] = await signUpAll(server.url, 'alice', 'bob');
    const general = await alice.channel('general');
    const seen = (await bob.conversation(general.id)).lastSeq;
    for (let batch = 0; batch < 5; batch++) {
      await Promise.all(Array.from({ length: 101 }, (_, i) => alice.send(general.id, `bulk ${batch}-${i}`)));
    }
    const page = await bob.changes(general.id, seen);
    expect(page).toEqual({ events: [], lastSeq: seen + 505, reset: true });
    // A smaller gap replays normally.
    const recent = await bob.changes(general.id, seen + 5);
    expect(recent.reset).toBe(false);
    expect(recent.events).toHaveLength(500);
    expect((await bob.history(general.id)).messages).toHaveLength(50);
  });
});
