import { CHANNEL_NAME_MAX } from '../../../shared/protocol/conversations.js';
import type { ConversationList } from '../../../shared/protocol/conversations.js';
import { usernameKey } from '../../../shared/domain/username.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { EventBus } from '../../realtime/event-bus.js';
import type { MessageRecord } from '../messages/messages.store.js';
import { accessConversation, type Access } from './access.js';
import { presentConversation } from './conversation.presenter.js';
import type { ConversationStore } from './conversations.store.js';
import { createTypingThrottle } from './typing-throttle.js';

/** Past this many messages read at once, the receipt goes to every member rather than scanning for authors. */
const RECEIPT_SCAN_LIMIT = 5_000;

export interface Actor {
  id: number;
  username: string;
}

/** Publishes a new message to everyone who may see it; provided by the messages module. */
export type AnnounceMessage = (record: MessageRecord) => Promise<void>;

function cleanChannelName(raw: string): string {
  const name = raw.trim();
  if (name.length === 0 || [...name].length > CHANNEL_NAME_MAX) {
    throw new AppError('INVALID_NAME', `A channel name is 1 to ${CHANNEL_NAME_MAX} characters.`);
  }
  if (/\p{Cc}/u.test(name)) throw new AppError('INVALID_NAME', 'A channel name cannot contain control characters.');
  return name;
}

export function createConversationService(deps: {
  store: ConversationStore;
  bus: EventBus;
  clock: Clock;
  announceMessage: AnnounceMessage;
  /** Someone is no longer a member: whatever they were part of in the conversation (a call) lets them go. */
  onMemberLeft?: (conversationId: number, userId: number) => Promise<void>;
}) {
  const { store, bus, clock, announceMessage } = deps;
  const typing = createTypingThrottle(clock);

  async function resolveUsers(names: readonly string[]): Promise<{ id: number; username: string }[]> {
    const typed = new Map(names.map((n) => n.trim().replace(/^@/, '')).map((n) => [usernameKey(n), n]));
    const found = await store.findUserIdsByKeys([...typed.keys()]);
    const unknown = [...typed].filter(([key]) => !found.has(key)).map(([, name]) => name);
    if (unknown.length > 0) {
      const list = unknown.map((n) => `"${n}"`).join(', ');
      throw new AppError('UNKNOWN_USER', `No user named ${list}.`, { unknown });
    }
    return [...typed.keys()].map((k) => found.get(k) as { id: number; username: string });
  }

  /** Each member gets the conversation as they see it (their own read position and unread count). */
  async function announceConversation(conversationId: number, userIds?: readonly number[]): Promise<void> {
    for (const userId of userIds ?? (await store.listMemberIds(conversationId))) {
      const view = await store.getUserConversation(conversationId, userId);
      if (view) bus.publish({ userIds: [userId] }, { type: 'conversation.updated', conversation: presentConversation(view) });
    }
  }

  async function changeablePrivateChannel(actor: Actor, conversationId: number): Promise<Access> {
    const access = await accessConversation(store, actor.id, conversationId);
    if (access.conversation.kind !== 'private') {
      throw new AppError('FORBIDDEN', access.conversation.kind === 'public' ? 'Public channels are managed by the admin.' : 'Direct messages cannot be renamed or extended.');
    }
    return access;
  }

  return {
    async listForUser(actor: Actor): Promise<ConversationList> {
      const [conversations, users] = await Promise.all([store.listUserConversations(actor.id), store.listUsers()]);
      return { conversations: conversations.map(presentConversation), users };
    },

    async getForUser(actor: Actor, conversationId: number) {
      await accessConversation(store, actor.id, conversationId);
      const view = await store.getUserConversation(conversationId, actor.id);
      if (!view) throw new AppError('NOT_FOUND', 'No such conversation.');
      return presentConversation(view);
    },

    /** A new account: every public channel with nothing unread, and a greeting in the first one. */
    async welcomeUser(user: Actor): Promise<void> {
      const now = clock.now();
      await store.joinPublicChannels(user.id, now);
      bus.publish({ everyone: true }, { type: 'user.created', user: { id: user.id, username: user.username } });
      const first = (await store.listUserConversations(user.id)).find((c) => c.conversation.kind === 'public');
      if (!first) return;
      const message = await store.postNotice(first.conversation.id, { text: `Welcome to MiniMost, ${user.username}! 👋`, now });
      await announceMessage(message);
    },

    /** A notice from MiniMost itself in the user's own system conversation (e.g. a password reset). */
    async notifyUser(userId: number, text: string): Promise<void> {
      const conversation = await store.openSystemConversation(userId, clock.now());
      const message = await store.postNotice(conversation.id, { text, now: clock.now() });
      await announceConversation(conversation.id, [userId]);
      await announceMessage(message);
    },

    notifyPasswordResetRequested(userId: number): Promise<void> {
      return this.notifyUser(userId, 'A password reset was requested for your account by an administrator. If you did not ask for it, tell your admin.');
    },

    async createPrivateChannel(actor: Actor, input: { name: string; members: string[] }) {
      const name = cleanChannelName(input.name);
      const members = await resolveUsers(input.members);
      const conversation = await store.createPrivateChannel({ name, creatorId: actor.id, memberIds: members.map((m) => m.id), now: clock.now() });
      await announceConversation(conversation.id);
      return this.getForUser(actor, conversation.id);
    },

    async openDirectMessage(actor: Actor, input: { members: string[] }) {
      const members = await resolveUsers(input.members);
      const { conversation, created } = await store.openDirectMessage({
        memberIds: [actor.id, ...members.map((m) => m.id)],
        openerId: actor.id,
        now: clock.now(),
      });
      // A new DM appears for everyone in it; reopening a closed one is news only to the opener.
      await announceConversation(conversation.id, created ? undefined : [actor.id]);
      return { conversation: await this.getForUser(actor, conversation.id), created };
    },

    async renameChannel(actor: Actor, conversationId: number, rawName: string) {
      await changeablePrivateChannel(actor, conversationId);
      const name = cleanChannelName(rawName);
      const notice = await store.renameChannel(conversationId, name, { text: `${actor.username} renamed the channel to "${name}"`, now: clock.now() });
      await announceConversation(conversationId);
      await announceMessage(notice);
      return this.getForUser(actor, conversationId);
    },

    async addMember(actor: Actor, conversationId: number, username: string) {
      await changeablePrivateChannel(actor, conversationId);
      const [user] = await resolveUsers([username]);
      if (!user) throw new AppError('UNKNOWN_USER', 'Name someone to add.');
      if (await store.getMembership(conversationId, user.id)) {
        throw new AppError('ALREADY_MEMBER', `${user.username} is already in this channel.`);
      }
      const notice = await store.addMember(conversationId, user.id, { text: `${actor.username} added ${user.username}`, now: clock.now() });
      await announceConversation(conversationId);
      await announceMessage(notice);
      return this.getForUser(actor, conversationId);
    },

    async leaveChannel(actor: Actor, conversationId: number): Promise<void> {
      await changeablePrivateChannel(actor, conversationId);
      const notice = await store.removeMember(conversationId, actor.id, { text: `${actor.username} left the channel`, now: clock.now() });
      bus.publish({ userIds: [actor.id] }, { type: 'conversation.removed', conversationId });
      await deps.onMemberLeft?.(conversationId, actor.id);
      await announceConversation(conversationId);
      await announceMessage(notice);
    },

    /** Hides a DM from this user's sidebar only; the next message in it brings it back. */
    async closeDirectMessage(actor: Actor, conversationId: number): Promise<void> {
      const { conversation } = await accessConversation(store, actor.id, conversationId);
      if (conversation.kind !== 'dm') throw new AppError('FORBIDDEN', 'Only direct messages can be closed; leave a channel instead.');
      await store.setHidden(conversationId, actor.id, true);
      bus.publish({ userIds: [actor.id] }, { type: 'conversation.removed', conversationId });
    },

    /**
     * Moves the read position forward. The reader's other tabs learn it (unread counts), and so do the authors of
     * the messages it passed, for whom it is a read receipt; nobody else's view changes, so in a busy public
     * channel one person reading does not cost every member a frame.
     */
    async markRead(actor: Actor, conversationId: number, seq: number): Promise<number> {
      const { membership } = await accessConversation(store, actor.id, conversationId);
      const before = membership.readSeq;
      const readSeq = await store.markRead(conversationId, actor.id, seq);
      if (readSeq !== before) {
        const authors = await store.listAuthorsBetween(conversationId, before, readSeq, RECEIPT_SCAN_LIMIT);
        const audience = authors === null ? await store.listMemberIds(conversationId) : [actor.id, ...authors];
        bus.publish({ userIds: audience }, { type: 'read.updated', conversationId, userId: actor.id, seq: readSeq });
      }
      return readSeq;
    },

    /**
     * "alice is typing…" for the other members' tabs that show the conversation; nothing is stored. Repeats within a
     * second are dropped unanswered, as they would change nothing.
     */
    async startTyping(actor: Actor, conversationId: number): Promise<void> {
      if (!typing.allow(actor.id, conversationId)) return;
      await accessConversation(store, actor.id, conversationId);
      const members = await store.listMemberIds(conversationId);
      bus.publish({ userIds: members.filter((id) => id !== actor.id), viewing: conversationId }, { type: 'typing', conversationId, userId: actor.id });
    },

    /** After a send, as the web app does: the next "typing" there is about a new message and is passed on at once. */
    typingFinished(userId: number, conversationId: number): void {
      typing.forget(userId, conversationId);
    },
  };
}

export type ConversationService = ReturnType<typeof createConversationService>;
