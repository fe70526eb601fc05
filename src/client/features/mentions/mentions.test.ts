import { describe, expect, it } from 'vitest';
import type { Conversation } from '../../../shared/protocol/conversations.js';
import type { Message } from '../../../shared/protocol/messages.js';
import { insertMention, mentionCandidates, mentionParts, mentionQueryAt, mentionsMe } from './mentions.js';

const users = new Map([
  [1, { id: 1, username: 'alice' }],
  [2, { id: 2, username: 'bob' }],
  [3, { id: 3, username: 'Bobby' }],
  [4, { id: 4, username: 'carol' }],
  [5, { id: 5, username: 'gone', deleted: true }],
]);

function message(partial: Partial<Message>): Message {
  return {
    id: 1, conversationId: 1, seq: 1, kind: 'user', authorId: 1, text: 'hi', clientId: null, replyTo: null, createdAt: 0, editedAt: null,
    deletedAt: null, reactions: [], mentions: { userIds: [], everyone: false, here: false }, pinned: null, attachments: [], previews: [],
    ...partial,
  };
}

const conversation = (partial: Partial<Conversation>): Conversation => ({
  id: 1, kind: 'public', name: 'general', memberIds: [], lastSeq: 0, readSeq: 0, historyFromSeq: 0, unreadCount: 0, lastMessageAt: null, createdAt: 0,
  ...partial,
});

describe('mentionsMe', () => {
  it('is true when named, or for @everyone, never for the author or a deleted message', () => {
    expect(mentionsMe(message({ mentions: { userIds: [2], everyone: false, here: false } }), 2)).toBe(true);
    expect(mentionsMe(message({ mentions: { userIds: [2], everyone: false, here: true } }), 2)).toBe(true);
    expect(mentionsMe(message({ mentions: { userIds: [], everyone: true, here: false } }), 2)).toBe(true);
    expect(mentionsMe(message({ mentions: { userIds: [], everyone: true, here: false } }), 1)).toBe(false);
    expect(mentionsMe(message({ mentions: { userIds: [3], everyone: false, here: false } }), 2)).toBe(false);
    expect(mentionsMe(message({ deletedAt: 5, mentions: { userIds: [2], everyone: false, here: false } }), 2)).toBe(false);
  });
});

describe('mentionParts', () => {
  it('makes pills of real users only', () => {
    expect(mentionParts('@bob and @gone and @nobody', users)).toEqual([
      { kind: 'mention', text: '@bob', key: 'bob' },
      { kind: 'text', text: ' and @gone and @nobody' },
    ]);
  });
});

describe('mentionQueryAt', () => {
  it('finds the @word being typed', () => {
    expect(mentionQueryAt('hi @bo', 6)).toEqual({ start: 3, query: 'bo' });
    expect(mentionQueryAt('@', 1)).toEqual({ start: 0, query: '' });
    expect(mentionQueryAt('hi @bo there', 6)).toEqual({ start: 3, query: 'bo' });
  });

  it('stays closed after a space, in an e-mail address, or in code', () => {
    expect(mentionQueryAt('hi @bob ', 8)).toBeNull();
    expect(mentionQueryAt('mail bob@ex', 11)).toBeNull();
    expect(mentionQueryAt('`@bo', 4)).toBeNull();
    expect(mentionQueryAt('```\n@bo', 7)).toBeNull();
    expect(mentionQueryAt('no at here', 10)).toBeNull();
  });
});

describe('mentionCandidates', () => {
  it('offers members by fuzzy match, without me, then @everyone and @here', () => {
    expect(mentionCandidates('bo', conversation({}), users, 1).map((c) => c.name)).toEqual(['bob', 'Bobby']);
    expect(mentionCandidates('', conversation({}), users, 1).map((c) => c.name)).toEqual(['bob', 'Bobby', 'carol', 'everyone', 'here']);
    expect(mentionCandidates('he', conversation({}), users, 1).map((c) => c.name)).toEqual(['here']);
  });

  it('offers only the members of a private channel, and no groups in a DM', () => {
    expect(mentionCandidates('', conversation({ kind: 'private', memberIds: [1, 4] }), users, 1).map((c) => c.name)).toEqual(['carol', 'everyone', 'here']);
    expect(mentionCandidates('', conversation({ kind: 'dm', memberIds: [1, 2] }), users, 1).map((c) => c.name)).toEqual(['bob']);
  });
});

describe('insertMention', () => {
  it('replaces the typed query with @name and a space', () => {
    expect(insertMention('hi @bo', { start: 3, query: 'bo' }, 6, 'bob')).toEqual({ text: 'hi @bob ', caret: 8 });
    expect(insertMention('hi @bo, ok', { start: 3, query: 'bo' }, 6, 'bob')).toEqual({ text: 'hi @bob , ok', caret: 8 });
    expect(insertMention('@b there', { start: 0, query: 'b' }, 2, 'bob')).toEqual({ text: '@bob there', caret: 5 });
  });
});
