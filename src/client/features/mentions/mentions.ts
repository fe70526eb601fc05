// Mentions as the reader sees them: whether a message is for me, pills in rendered text, and what the `@` dropdown
// offers. Pure, so the rules are unit-tested without a DOM; the parsing itself is shared with the server.
import { blankOutCode, splitMentions, type MentionPart } from '../../../shared/domain/mentions.js';
import type { Conversation } from '../../../shared/protocol/conversations.js';
import type { Message } from '../../../shared/protocol/messages.js';
import { fuzzyFilter } from '../conversations/fuzzy.js';
import type { Users } from '../conversations/model.js';

export type { MentionPart };

/** True when the message mentions this user (by name, or through @everyone / @here). */
export function mentionsMe(message: Message, userId: number): boolean {
  if (message.deletedAt !== null || message.kind !== 'user' || message.authorId === userId) return false;
  return message.mentions.everyone || message.mentions.userIds.includes(userId);
}

/**
 * For the message renderer: a run of plain text (outside code) split into text and mentions, where only real
 * usernames (and `@everyone`, `@here`) become mention parts to draw as pills.
 */
export function mentionParts(text: string, users: Users): MentionPart[] {
  const names = new Set<string>();
  for (const user of users.values()) if (!user.deleted) names.add(user.username.toLowerCase());
  return splitMentions(text, (key) => names.has(key));
}

/** The `@word` being typed at the caret, if any: where it starts and what follows the `@` so far. */
export interface MentionQuery {
  start: number;
  query: string;
}

const NAME_CHARS = /^[A-Za-z0-9_-]*$/;
const GLUED_BEFORE = /[A-Za-z0-9_.\-@/+]/;

export function mentionQueryAt(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at === -1) return null;
  const query = before.slice(at + 1);
  if (!NAME_CHARS.test(query) || query.length > 32) return null;
  const previous = before[at - 1];
  if (previous !== undefined && GLUED_BEFORE.test(previous)) return null;
  // No dropdown inside code: the server would not read it as a mention either.
  if (blankOutCode(`${before}\``)[at] !== '@' || blankOutCode(before)[at] !== '@') return null;
  return { start: at, query };
}

export interface MentionCandidate {
  /** What is inserted after the `@`. */
  name: string;
  /** Shown beside the name for `@everyone` and `@here`. */
  description: string | null;
}

const SPECIAL: readonly MentionCandidate[] = [
  { name: 'everyone', description: 'Everyone in this conversation' },
  { name: 'here', description: 'Everyone active right now' },
];

/** The conversation's members (everyone, for public channels) matching the query, then the matching group names. */
export function mentionCandidates(query: string, conversation: Conversation, users: Users, me: number, limit = 8): MentionCandidate[] {
  const memberIds = conversation.kind === 'public' ? [...users.keys()] : conversation.memberIds;
  const members = memberIds
    .filter((id) => id !== me)
    .map((id) => users.get(id))
    .filter((user) => user !== undefined && !user.deleted)
    .map((user) => ({ name: (user as { username: string }).username, description: null }));
  const people = fuzzyFilter(query, members, (c) => c.name, limit);
  const groups = conversation.kind === 'dm' ? [] : fuzzyFilter(query, SPECIAL, (c) => c.name, 2).filter((c) => query === '' || c.name.startsWith(query.toLowerCase()));
  return [...people, ...groups];
}

/** The text after picking `name` for the query: `@name ` replaces the typed `@query`, caret after the space. */
export function insertMention(text: string, query: MentionQuery, caret: number, name: string): { text: string; caret: number } {
  const inserted = `@${name} `;
  const rest = text.slice(caret).replace(/^[A-Za-z0-9_-]*/, '');
  const next = text.slice(0, query.start) + inserted + rest.replace(/^ /, '');
  return { text: next, caret: query.start + inserted.length };
}
