// Calls in DMs and private channels: checks who may do what, moves the call book, and tells people. Every member of
// the conversation sees the call (`call.updated`), so those who missed the ring can still join; signalling goes
// from one participant's tab to another's only. Every change is written through to the call store before it is
// announced, so a call the process did not live to end is ended, with its notice, at the next start.
import type { CallMedia } from '../../../shared/protocol/calls.js';
import type { ClientCommand, ServerEvent } from '../../../shared/protocol/events.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { EventBus } from '../../realtime/event-bus.js';
import { accessConversation } from '../conversations/access.js';
import type { Actor, AnnounceMessage } from '../conversations/conversations.service.js';
import type { ConversationStore } from '../conversations/conversations.store.js';
import { createCallBook, formatCallDuration, presentCall, type CallChange, type CallEnding, type CallRecord } from './call-book.js';
import type { CallStore, StoredCall } from './calls.store.js';
import { createShareBook, presentShare, type ShareRecord } from './share-book.js';

export type CallCommand = Extract<ClientCommand, { type: `call.${string}` | `share.${string}` | 'signal' }>;

/** Within the 15 s: the client pings every 5 s while in a call, and the sweep runs every second. */
export const DEAD_PEER_MS = 12_000;

/** How often the sweep marks calls in the store as still going on: a crashed call's duration is this precise. */
export const HEARTBEAT_MS = 5_000;

export function isCallCommand(command: ClientCommand): command is CallCommand {
  return command.type.startsWith('call.') || command.type.startsWith('share.') || command.type === 'signal';
}

export function createCallService(deps: {
  store: ConversationStore;
  calls: CallStore;
  bus: EventBus;
  clock: Clock;
  announceMessage: AnnounceMessage;
  ringSeconds: () => number;
}) {
  const { store, bus, clock, announceMessage } = deps;
  const book = createCallBook({ clock, ringMs: () => deps.ringSeconds() * 1000, deadPeerMs: DEAD_PEER_MS });
  const shares = createShareBook();
  let lastHeartbeat = clock.now();

  function stored(call: CallRecord): StoredCall {
    return {
      id: call.id,
      conversationId: call.conversationId,
      startedBy: call.startedBy,
      startedAt: call.startedAt,
      answeredAt: call.answeredAt,
      lastSeenAt: clock.now(),
      participants: [...call.participants.values()].map((p) => ({ userId: p.userId, state: p.state })),
    };
  }

  async function callFor(actor: Actor, callId: string): Promise<CallRecord> {
    const call = book.get(callId);
    if (!call) throw new AppError('NOT_FOUND', 'That call is over.');
    // A non-member learns nothing, not even that the call exists.
    await accessConversation(store, actor.id, call.conversationId);
    return call;
  }

  async function usernameOf(userId: number): Promise<string> {
    const user = (await store.listUsers()).find((u) => u.id === userId);
    return user && !user.deleted ? user.username : 'a deleted user';
  }

  /**
   * A conversation's call writes reach the store in the order the book made the changes, even when one of them has
   * awaits of its own before it can be queued (the missed-call notice needs a name): otherwise a call started the
   * moment the last one ended could be stored before the old one is marked ended, and the store allows one open
   * call per conversation.
   */
  const writeChains = new Map<number, Promise<unknown>>();
  function write<T>(conversationId: number, fn: () => Promise<T>): Promise<T> {
    const next = (writeChains.get(conversationId) ?? Promise.resolve()).then(fn);
    const settled = next.catch(() => undefined);
    writeChains.set(conversationId, settled);
    void settled.then(() => {
      if (writeChains.get(conversationId) === settled) writeChains.delete(conversationId);
    });
    return next;
  }

  async function noticeText(ending: CallEnding): Promise<string> {
    return ending.kind === 'missed' ? `Missed call from ${await usernameOf(ending.startedBy)}` : `Call ended · ${formatCallDuration(ending.durationMs)}`;
  }

  /** Stores the change, then tells the members; ends the call in the store with its notice if this change ended it. */
  async function announce(change: CallChange | null): Promise<void> {
    if (!change) return;
    const { call, ending } = change;
    if (!ending) {
      // Announced as it is now, not as it was: an older change finishing later must not show a stale state,
      // nor bring back a call that ended meanwhile.
      if (book.get(call.id) !== call) return;
      const snapshot = stored(call);
      const saved = write(call.conversationId, () => deps.calls.save(snapshot));
      const members = await store.listMemberIds(call.conversationId);
      await saved;
      if (book.get(call.id) !== call) return;
      bus.publish({ userIds: members }, { type: 'call.updated', call: presentCall(call) });
      return;
    }
    const now = clock.now();
    const snapshot = stored(call);
    const finished = write(call.conversationId, async () => deps.calls.finish(snapshot, now, { text: await noticeText(ending), now }));
    const members = await store.listMemberIds(call.conversationId);
    bus.publish({ userIds: members }, { type: 'call.ended', conversationId: call.conversationId, callId: call.id });
    const notice = await finished;
    if (notice) await announceMessage(notice);
  }

  /** All at once, so every change's write is queued before anything else can happen in those conversations. */
  async function announceAll(changes: CallChange[]): Promise<void> {
    await Promise.all(changes.map(announce));
  }

  async function shareFor(actor: Actor, shareId: string): Promise<ShareRecord> {
    const share = shares.get(shareId);
    if (!share) throw new AppError('NOT_FOUND', 'That screen share is over.');
    await accessConversation(store, actor.id, share.conversationId);
    return share;
  }

  async function announceShare(share: ShareRecord | null, ended = false): Promise<void> {
    if (!share) return;
    const members = await store.listMemberIds(share.conversationId);
    if (ended) bus.publish({ userIds: members }, { type: 'share.ended', conversationId: share.conversationId, shareId: share.id });
    else if (shares.get(share.id) === share) bus.publish({ userIds: members }, { type: 'share.updated', share: presentShare(share) });
  }

  async function startShare(actor: Actor, connectionId: number, conversationId: number): Promise<void> {
    const { conversation } = await accessConversation(store, actor.id, conversationId);
    if (conversation.kind === 'public') {
      throw new AppError('CALLS_NOT_ALLOWED', 'Screens are shared in direct messages and private channels, not public channels.');
    }
    await announceShare(shares.start(conversationId, actor.id, connectionId));
  }

  async function start(actor: Actor, connectionId: number, conversationId: number): Promise<void> {
    const { conversation } = await accessConversation(store, actor.id, conversationId);
    if (conversation.kind === 'public') {
      throw new AppError('CALLS_NOT_ALLOWED', 'Calls are for direct messages and private channels, not public channels.');
    }
    const members = await store.listMemberIds(conversationId);
    const invitees = members.filter((id) => id !== actor.id);
    if (invitees.length === 0 && !book.inConversation(conversationId)) throw new AppError('CALLS_NOT_ALLOWED', 'There is nobody else here to call.');
    await announce(book.start({ conversationId, userId: actor.id, connectionId, invitees }));
  }

  /** "Add person": only members of the conversation, so the call never shows anyone a conversation they are not in. */
  async function invite(actor: Actor, connectionId: number, callId: string, userId: number): Promise<void> {
    const call = await callFor(actor, callId);
    if (!(await store.getMembership(call.conversationId, userId))) {
      throw new AppError('FORBIDDEN', 'Only members of this conversation can be added to its call; add them to the channel first.');
    }
    await announce(book.invite(callId, actor.id, connectionId, userId));
  }

  /** Each tab's signals are relayed in the order sent (an ICE candidate must not overtake its offer). */
  const signalChains = new Map<number, Promise<void>>();

  function relaySignal(actor: Actor, connectionId: number, command: Extract<CallCommand, { type: 'signal' }>): Promise<void> {
    const run = async () => {
      // Membership is checked again on every signal (a handful per connection), so someone who left the channel
      // during the call can no longer reach the others' tabs.
      const share = shares.get(command.callId);
      if (share) await accessConversation(store, actor.id, share.conversationId);
      else await callFor(actor, command.callId);
      const target = share
        ? shares.route(command.callId, actor.id, connectionId, command.to)
        : book.route(command.callId, actor.id, connectionId, command.to);
      const event: ServerEvent = { type: 'signal', callId: command.callId, from: actor.id };
      if (command.description) event.description = command.description;
      if (command.candidate !== undefined) event.candidate = command.candidate;
      bus.publish({ connectionIds: [target] }, event);
    };
    const next = (signalChains.get(connectionId) ?? Promise.resolve()).then(run);
    // The chain itself never rejects, so one refused signal does not refuse the ones after it.
    signalChains.set(connectionId, next.catch(() => undefined));
    return next;
  }

  async function setMedia(actor: Actor, connectionId: number, callId: string, media: CallMedia): Promise<void> {
    await callFor(actor, callId);
    await announce(book.setMedia(callId, actor.id, connectionId, media));
  }

  return {
    /** Runs one call command from a tab; refusals are AppErrors for the socket to answer with. */
    async handle(actor: Actor, connectionId: number, command: CallCommand): Promise<void> {
      switch (command.type) {
        case 'call.start':
          return start(actor, connectionId, command.conversationId);
        case 'call.join':
          await callFor(actor, command.callId);
          return announce(book.join(command.callId, actor.id, connectionId));
        case 'call.decline':
          await callFor(actor, command.callId);
          return announce(book.decline(command.callId, actor.id));
        case 'call.leave':
          // No access check: leaving is always allowed, and a tab that is not in the call changes nothing.
          return announce(book.leave(command.callId, actor.id, connectionId));
        case 'call.invite':
          return invite(actor, connectionId, command.callId, command.userId);
        case 'call.media':
          return setMedia(actor, connectionId, command.callId, command.media);
        case 'signal':
          return relaySignal(actor, connectionId, command);
        case 'share.start':
          return startShare(actor, connectionId, command.conversationId);
        case 'share.watch':
          await shareFor(actor, command.shareId);
          return announceShare(shares.watch(command.shareId, actor.id, connectionId));
        case 'share.unwatch':
          return announceShare(shares.unwatch(command.shareId, actor.id, connectionId));
        case 'share.stop':
          return announceShare(shares.stop(command.shareId, actor.id), true);
      }
    },

    /** The calls this person can see, for a tab that just said hello. */
    async visibleTo(userId: number): Promise<ServerEvent[]> {
      const events: ServerEvent[] = [];
      for (const call of book.all()) {
        if (await store.getMembership(call.conversationId, userId)) events.push({ type: 'call.updated', call: presentCall(call) });
      }
      for (const share of shares.all()) {
        if (await store.getMembership(share.conversationId, userId)) events.push({ type: 'share.updated', share: presentShare(share) });
      }
      return events;
    },

    touch: (connectionId: number) => book.touch(connectionId),

    async connectionClosed(connectionId: number): Promise<void> {
      signalChains.delete(connectionId);
      const dropped = shares.dropConnection(connectionId);
      for (const share of dropped.ended) await announceShare(share, true);
      for (const share of dropped.changed) await announceShare(share);
      await announceAll(book.dropConnection(connectionId));
    },

    async sweep(): Promise<void> {
      await announceAll(book.sweep());
      const now = clock.now();
      if (now - lastHeartbeat >= HEARTBEAT_MS) {
        lastHeartbeat = now;
        const open = book.all().map((call) => call.id);
        if (open.length > 0) await deps.calls.heartbeat(open, now);
      }
    },

    /**
     * At start-up, before any tab connects: calls the previous process did not live to end (it was killed) are
     * ended now, with the notice they would have had, their duration measured to the last moment they were known
     * to be going on. So a conversation is never left "in a call".
     */
    async endUnfinished(): Promise<number> {
      const unfinished = await deps.calls.unended();
      for (const call of unfinished) {
        const ending: CallEnding =
          call.answeredAt === null ? { kind: 'missed', startedBy: call.startedBy } : { kind: 'finished', durationMs: call.lastSeenAt - call.answeredAt };
        const participants = call.participants.map((p) => ({
          userId: p.userId,
          state: p.state === 'joined' ? ('left' as const) : p.state === 'ringing' ? ('missed' as const) : p.state,
        }));
        const notice = await deps.calls.finish({ ...call, participants }, call.lastSeenAt, { text: await noticeText(ending), now: clock.now() });
        if (notice) await announceMessage(notice);
      }
      return unfinished.length;
    },

    /**
     * Someone left the conversation (or was taken out of it): they leave its call at once, so they can no longer
     * signal, and the others see them go. Their own tabs are told the call is over for them.
     */
    async memberLeft(conversationId: number, userId: number): Promise<void> {
      const call = book.inConversation(conversationId);
      if (!call) return;
      const change = book.removeMember(call.id, userId);
      if (!change) return;
      bus.publish({ userIds: [userId] }, { type: 'call.ended', conversationId, callId: call.id });
      await announce(change);
    },

    /** On shutdown: the calls end with the process, and say so in their conversations. */
    async endAll(): Promise<void> {
      await announceAll(book.endAll());
      for (const share of shares.endAll()) await announceShare(share, true);
    },

    get: (callId: string) => book.get(callId),
  };
}

export type CallService = ReturnType<typeof createCallService>;
