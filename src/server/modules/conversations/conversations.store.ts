import type { ConversationKind } from '../../../shared/protocol/conversations.js';
import type { MessageRecord } from '../messages/messages.store.js';

export interface ConversationRecord {
  id: number;
  kind: ConversationKind;
  name: string | null;
  createdBy: number | null;
  createdAt: number;
  /** Public channels: order in settings; null once removed from settings (hidden, history kept). */
  position: number | null;
  lastSeq: number;
  lastMessageAt: number | null;
}

export interface MembershipRecord {
  conversationId: number;
  userId: number;
  joinedAt: number;
  historyFromSeq: number;
  readSeq: number;
  hidden: boolean;
}

export interface UserConversation {
  conversation: ConversationRecord;
  membership: MembershipRecord;
  memberIds: number[];
  unreadCount: number;
}

/** A change to a conversation together with the system message that tells its members about it. */
export interface NoticeInput {
  text: string;
  now: number;
}

export interface ConversationStore {
  /** Makes the public channels match settings: creates missing ones, orders them, hides removed ones. */
  syncPublicChannels(names: readonly string[], now: number): Promise<void>;
  /** A new user joins every public channel with nothing unread (read position = the channel's latest seq). */
  joinPublicChannels(userId: number, now: number): Promise<void>;
  listUserConversations(userId: number): Promise<UserConversation[]>;
  getUserConversation(conversationId: number, userId: number): Promise<UserConversation | null>;
  getConversation(conversationId: number): Promise<ConversationRecord | null>;
  getMembership(conversationId: number, userId: number): Promise<MembershipRecord | null>;
  /** The conversation and the user's membership of it in one lookup (the access check on every request), or null for non-members. */
  getMemberConversation(conversationId: number, userId: number): Promise<{ conversation: ConversationRecord; membership: MembershipRecord } | null>;
  /** Members who may see an event with this seq. */
  listAudience(conversationId: number, seq: number): Promise<{ userId: number; historyFromSeq: number }[]>;
  /** The user ids of listAudience alone: a send to a large channel reads every member, so no objects per row. */
  listAudienceIds(conversationId: number, seq: number): Promise<number[]>;
  listMemberIds(conversationId: number): Promise<number[]>;
  /**
   * Authors of the messages with seq in (afterSeq, upToSeq], or null when the range is longer than `maxRange`
   * (the caller then treats every member as one).
   */
  listAuthorsBetween(conversationId: number, afterSeq: number, upToSeq: number, maxRange: number): Promise<number[] | null>;
  createPrivateChannel(input: { name: string; creatorId: number; memberIds: number[]; now: number }): Promise<ConversationRecord>;
  /** The one DM for exactly these people, created on first use; un-hidden for `openerId`. */
  openDirectMessage(input: { memberIds: number[]; openerId: number; now: number }): Promise<{ conversation: ConversationRecord; created: boolean }>;
  /** The user's conversation with MiniMost itself, for notices such as a password reset. */
  openSystemConversation(userId: number, now: number): Promise<ConversationRecord>;
  postNotice(conversationId: number, notice: NoticeInput): Promise<MessageRecord>;
  renameChannel(conversationId: number, name: string, notice: NoticeInput): Promise<MessageRecord>;
  addMember(conversationId: number, userId: number, notice: NoticeInput): Promise<MessageRecord>;
  removeMember(conversationId: number, userId: number, notice: NoticeInput): Promise<MessageRecord>;
  setHidden(conversationId: number, userId: number, hidden: boolean): Promise<void>;
  /** Moves the read position forward only (never back), clamped to the conversation's latest seq. */
  markRead(conversationId: number, userId: number, seq: number): Promise<number>;
  readPositions(conversationId: number): Promise<{ userId: number; seq: number; joinedAt: number }[]>;
  /** Everyone, deleted accounts included (flagged), so their old messages can name them "Deleted user". The list is shared between callers and frozen. */
  listUsers(): Promise<{ id: number; username: string; deleted: boolean; avatarVersion: number | null; colour: string | null }[]>;
  findUserIdsByKeys(keys: readonly string[]): Promise<Map<string, { id: number; username: string }>>;
  getPresenceOverride(userId: number): Promise<'away' | 'offline' | null>;
  setPresenceOverride(userId: number, override: 'away' | 'offline' | null): Promise<void>;
}
