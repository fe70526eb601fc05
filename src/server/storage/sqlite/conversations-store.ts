import { UNREAD_COUNT_CAP } from '../../../shared/protocol/conversations.js';
import type {
  ConversationRecord,
  ConversationStore,
  MembershipRecord,
  UserConversation,
} from '../../modules/conversations/conversations.store.js';
import type { SqliteDatabase } from './database.js';
import { prepareMessageWriter } from './messages-store.js';
import { toUserSummary, USER_SUMMARY_COLUMNS } from './profiles-store.js';
import { createReadPositions } from './read-positions.js';
import { keptUntilUsersChange } from './user-changes.js';
import type { WriteQueue } from './write-queue.js';

export interface ConversationRow {
  id: number;
  kind: ConversationRecord['kind'];
  name: string | null;
  created_by: number | null;
  created_at: number;
  position: number | null;
  last_seq: number;
  last_message_at: number | null;
}

interface MembershipRow {
  conversation_id: number;
  user_id: number;
  joined_at: number;
  history_from_seq: number;
  read_seq: number;
  hidden: number;
}

export const toConversation = (r: ConversationRow): ConversationRecord => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  createdBy: r.created_by,
  createdAt: r.created_at,
  position: r.position,
  lastSeq: r.last_seq,
  lastMessageAt: r.last_message_at,
});

const toMembership = (r: MembershipRow): MembershipRecord => ({
  conversationId: r.conversation_id,
  userId: r.user_id,
  joinedAt: r.joined_at,
  historyFromSeq: r.history_from_seq,
  readSeq: r.read_seq,
  hidden: r.hidden === 1,
});

// Unread: others' messages after both the read position and the join point. System notices count only in DMs
// (a password-reset notice should stand out; "alice joined" in #general should not). Counting stops at the cap, so
// someone back from a long holiday does not make every sidebar load walk a million rows.
const USER_CONVERSATIONS = `
  SELECT c.*, m.user_id, m.conversation_id, m.joined_at, m.history_from_seq, m.read_seq, m.hidden,
    (SELECT count(*) FROM (SELECT 1 FROM messages x
      WHERE x.conversation_id = c.id AND x.seq > max(m.read_seq, m.history_from_seq) AND x.deleted_at IS NULL
        AND ((x.kind = 'user' AND x.author_id != m.user_id) OR (x.kind = 'system' AND c.kind = 'dm'))
      LIMIT ${UNREAD_COUNT_CAP})) AS unread
  FROM memberships m JOIN conversations c ON c.id = m.conversation_id`;

export function createSqliteConversationStore(db: SqliteDatabase, queue: WriteQueue): ConversationStore {
  const writer = prepareMessageWriter(db);
  const q = {
    hidePublic: db.prepare("UPDATE conversations SET position = NULL WHERE kind = 'public'"),
    upsertPublic: db.prepare<[string, number, number]>(
      `INSERT INTO conversations (kind, name, created_at, position) VALUES ('public', ?, ?, ?)
       ON CONFLICT (name) WHERE kind = 'public' DO UPDATE SET position = excluded.position`,
    ),
    joinAllPublic: db.prepare<[number]>(
      `INSERT OR IGNORE INTO memberships (conversation_id, user_id, joined_at, history_from_seq, read_seq)
       SELECT c.id, u.id, ?, 0, c.last_seq FROM conversations c, users u WHERE c.kind = 'public'`,
    ),
    joinPublic: db.prepare<[number, number]>(
      `INSERT OR IGNORE INTO memberships (conversation_id, user_id, joined_at, history_from_seq, read_seq)
       SELECT c.id, ?, ?, 0, c.last_seq FROM conversations c WHERE c.kind = 'public'`,
    ),
    userConversations: db.prepare<[number], ConversationRow & MembershipRow & { unread: number }>(
      `${USER_CONVERSATIONS} WHERE m.user_id = ? AND m.hidden = 0 AND (c.kind != 'public' OR c.position IS NOT NULL)
       ORDER BY c.kind = 'public' DESC, c.position, c.id`,
    ),
    userConversation: db.prepare<[number, number], ConversationRow & MembershipRow & { unread: number }>(
      `${USER_CONVERSATIONS} WHERE c.id = ? AND m.user_id = ?`,
    ),
    conversation: db.prepare<[number], ConversationRow>('SELECT * FROM conversations WHERE id = ?'),
    membership: db.prepare<[number, number], MembershipRow>('SELECT * FROM memberships WHERE conversation_id = ? AND user_id = ?'),
    memberConversation: db.prepare<[number, number], ConversationRow & MembershipRow>(
      `SELECT c.*, m.conversation_id, m.user_id, m.joined_at, m.history_from_seq, m.read_seq, m.hidden
       FROM memberships m JOIN conversations c ON c.id = m.conversation_id WHERE m.conversation_id = ? AND m.user_id = ?`,
    ),
    audience: db.prepare<[number, number], { user_id: number; history_from_seq: number }>(
      'SELECT user_id, history_from_seq FROM memberships WHERE conversation_id = ? AND history_from_seq < ?',
    ),
    authorsBetween: db.prepare<[number, number, number], { author_id: number }>(
      'SELECT DISTINCT author_id FROM messages WHERE conversation_id = ? AND seq > ? AND seq <= ? AND author_id IS NOT NULL',
    ),
    audienceIds: db.prepare<[number, number], number>('SELECT user_id FROM memberships WHERE conversation_id = ? AND history_from_seq < ?').pluck(),
    memberIds: db.prepare<[number], number>('SELECT user_id FROM memberships WHERE conversation_id = ? ORDER BY user_id').pluck(),
    insertConversation: db.prepare<[string, string | null, string | null, number | null, number], ConversationRow>(
      `INSERT INTO conversations (kind, name, dm_key, created_by, created_at) VALUES (?, ?, ?, ?, ?) RETURNING *`,
    ),
    conversationByDmKey: db.prepare<[string], ConversationRow>('SELECT * FROM conversations WHERE dm_key = ?'),
    addMember: db.prepare<[number, number, number, number, number]>(
      `INSERT INTO memberships (conversation_id, user_id, joined_at, history_from_seq, read_seq) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT DO NOTHING`,
    ),
    removeMember: db.prepare<[number, number]>('DELETE FROM memberships WHERE conversation_id = ? AND user_id = ?'),
    rename: db.prepare<[string, number]>('UPDATE conversations SET name = ? WHERE id = ?'),
    setHidden: db.prepare<[number, number, number]>('UPDATE memberships SET hidden = ? WHERE conversation_id = ? AND user_id = ?'),
    markRead: db.prepare<{ c: number; u: number; seq: number }, { read_seq: number }>(
      `UPDATE memberships SET read_seq = min(max(read_seq, :seq), (SELECT last_seq FROM conversations WHERE id = :c))
       WHERE conversation_id = :c AND user_id = :u RETURNING read_seq`,
    ),
    users: db.prepare<[], Parameters<typeof toUserSummary>[0]>(`SELECT ${USER_SUMMARY_COLUMNS} FROM users ORDER BY username_key`),
    usersByKeys: db.prepare<[string], { id: number; username: string; username_key: string }>(
      'SELECT id, username, username_key FROM users WHERE username_key IN (SELECT value FROM json_each(?))',
    ),
    presence: db.prepare<[number], { presence_override: 'away' | 'offline' | null }>('SELECT presence_override FROM users WHERE id = ?'),
    setPresence: db.prepare<[string | null, number]>('UPDATE users SET presence_override = ? WHERE id = ?'),
  };

  // Every sidebar load lists every account; the list changes far more rarely than it is asked for.
  const everyone = keptUntilUsersChange(db, () => q.users.all().map(toUserSummary));
  const positions = createReadPositions(db);

  function userConversation(row: (ConversationRow & MembershipRow & { unread: number }) | undefined): UserConversation | null {
    if (!row) return null;
    const conversation = toConversation(row);
    return {
      conversation,
      membership: toMembership(row),
      memberIds: conversation.kind === 'public' ? [] : q.memberIds.all(conversation.id),
      unreadCount: row.unread,
    };
  }

  function openDm(dmKey: string, name: string | null, memberIds: number[], openerId: number, now: number) {
    let row = q.conversationByDmKey.get(dmKey);
    const created = !row;
    if (!row) {
      row = q.insertConversation.get('dm', name, dmKey, null, now) as ConversationRow;
      for (const userId of memberIds) q.addMember.run(row.id, userId, now, 0, 0);
    }
    q.setHidden.run(0, row.id, openerId);
    return { conversation: toConversation(row), created };
  }

  return {
    syncPublicChannels: (names, now) =>
      queue.run(() => {
        q.hidePublic.run();
        names.forEach((name, position) => q.upsertPublic.run(name, now, position));
        q.joinAllPublic.run(now);
      }),
    joinPublicChannels: (userId, now) => queue.run(() => void q.joinPublic.run(userId, now)),
    listUserConversations: async (userId) => q.userConversations.all(userId).map((row) => userConversation(row) as UserConversation),
    getUserConversation: async (conversationId, userId) => userConversation(q.userConversation.get(conversationId, userId)),
    getConversation: async (id) => {
      const row = q.conversation.get(id);
      return row ? toConversation(row) : null;
    },
    getMembership: async (conversationId, userId) => {
      const row = q.membership.get(conversationId, userId);
      return row ? toMembership(row) : null;
    },
    getMemberConversation: async (conversationId, userId) => {
      const row = q.memberConversation.get(conversationId, userId);
      return row ? { conversation: toConversation(row), membership: toMembership(row) } : null;
    },
    listAudience: async (conversationId, seq) =>
      q.audience.all(conversationId, seq).map((r) => ({ userId: r.user_id, historyFromSeq: r.history_from_seq })),
    listAudienceIds: async (conversationId, seq) => q.audienceIds.all(conversationId, seq),
    listMemberIds: async (conversationId) => q.memberIds.all(conversationId),
    listAuthorsBetween: async (conversationId, afterSeq, upToSeq, maxRange) =>
      upToSeq - afterSeq > maxRange ? null : q.authorsBetween.all(conversationId, afterSeq, upToSeq).map((r) => r.author_id),
    createPrivateChannel: ({ name, creatorId, memberIds, now }) =>
      queue.run(() => {
        const row = q.insertConversation.get('private', name, null, creatorId, now) as ConversationRow;
        for (const userId of new Set([creatorId, ...memberIds])) q.addMember.run(row.id, userId, now, 0, 0);
        return toConversation(row);
      }),
    openDirectMessage: ({ memberIds, openerId, now }) =>
      queue.run(() => {
        const ids = [...new Set(memberIds)].sort((a, b) => a - b);
        return openDm(ids.join(','), null, ids, openerId, now);
      }),
    openSystemConversation: (userId: number, now: number) =>
      queue.run(() => openDm(`system:${userId}`, 'MiniMost', [userId], userId, now).conversation),
    postNotice: (conversationId, notice) =>
      queue.run(() => writer.append({ conversationId, authorId: null, body: notice.text, clientId: null, replyToId: null, now: notice.now }).message),
    renameChannel: (conversationId, name, notice) =>
      queue.run(() => {
        q.rename.run(name, conversationId);
        return writer.append({ conversationId, authorId: null, body: notice.text, clientId: null, replyToId: null, now: notice.now }).message;
      }),
    addMember: (conversationId, userId, notice) =>
      queue.run(() => {
        const { last_seq: seq } = q.conversation.get(conversationId) as ConversationRow;
        q.addMember.run(conversationId, userId, notice.now, seq, seq);
        return writer.append({ conversationId, authorId: null, body: notice.text, clientId: null, replyToId: null, now: notice.now }).message;
      }),
    removeMember: (conversationId, userId, notice) =>
      queue.run(() => {
        const message = writer.append({ conversationId, authorId: null, body: notice.text, clientId: null, replyToId: null, now: notice.now }).message;
        q.removeMember.run(conversationId, userId);
        return message;
      }),
    setHidden: (conversationId, userId, hidden) => queue.run(() => void q.setHidden.run(hidden ? 1 : 0, conversationId, userId)),
    markRead: (c, u, seq) => queue.run(() => q.markRead.get({ c, u, seq })?.read_seq ?? 0),
    readPositions: async (conversationId) => positions(conversationId) as { userId: number; seq: number; joinedAt: number }[],
    listUsers: async () => everyone(),
    findUserIdsByKeys: async (keys) =>
      new Map(q.usersByKeys.all(JSON.stringify(keys)).map((r) => [r.username_key, { id: r.id, username: r.username }])),
    getPresenceOverride: async (userId) => q.presence.get(userId)?.presence_override ?? null,
    setPresenceOverride: (userId, override) => queue.run(() => void q.setPresence.run(override, userId)),
  };
}
