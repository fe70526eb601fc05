import { describe, expect, it } from 'vitest';
import type { Conversation } from '../../../shared/protocol/conversations.js';
import { composerLabel, displayName, memberCount, mergeConversation, sidebarSections, type Users } from './model.js';

const ALICE = 1;
const users: Users = new Map(
  [
    [1, 'alice'],
    [2, 'bob'],
    [3, 'Carol'],
    [4, 'dave'],
  ].map(([id, username]) => [id as number, { id: id as number, username: username as string }]),
);

function conversation(overrides: Partial<Conversation>): Conversation {
  return {
    id: 1,
    kind: 'public',
    name: 'general',
    memberIds: [],
    lastSeq: 0,
    readSeq: 0,
    historyFromSeq: 0,
    unreadCount: 0,
    lastMessageAt: null,
    createdAt: 0,
    ...overrides,
  };
}

describe('displayName', () => {
  it('names channels by their name', () => {
    expect(displayName(conversation({ name: 'general' }), ALICE, users)).toBe('general');
    expect(displayName(conversation({ kind: 'private', name: 'ops', memberIds: [1, 2] }), ALICE, users)).toBe('ops');
  });

  it('names a DM after the other people in it, sorted ignoring case', () => {
    const dm = conversation({ kind: 'dm', name: null, memberIds: [4, 1, 3, 2] });
    expect(displayName(dm, ALICE, users)).toBe('bob, Carol, dave');
  });

  it('names your own DM "you" and the system one "MiniMost"', () => {
    expect(displayName(conversation({ kind: 'dm', name: null, memberIds: [1] }), ALICE, users)).toBe('alice (you)');
    expect(displayName(conversation({ kind: 'dm', name: 'MiniMost', memberIds: [1] }), ALICE, users)).toBe('MiniMost');
  });

  it('names a member whose account is gone without failing', () => {
    expect(displayName(conversation({ kind: 'dm', name: null, memberIds: [1, 99] }), ALICE, users)).toBe('deleted user');
  });
});

describe('composerLabel', () => {
  it('follows the conversation kind', () => {
    expect(composerLabel(conversation({ name: 'general' }), ALICE, users)).toBe('Message #general');
    expect(composerLabel(conversation({ kind: 'private', name: 'ops' }), ALICE, users)).toBe('Message ops');
    expect(composerLabel(conversation({ kind: 'dm', name: null, memberIds: [1, 2] }), ALICE, users)).toBe('Message @bob');
    expect(composerLabel(conversation({ kind: 'dm', name: null, memberIds: [1, 3, 2] }), ALICE, users)).toBe('Message @bob, @Carol');
    expect(composerLabel(conversation({ kind: 'dm', name: null, memberIds: [1] }), ALICE, users)).toBe('Message @alice');
  });
});

describe('memberCount', () => {
  it('counts everyone for a public channel and the members otherwise', () => {
    expect(memberCount(conversation({}), users)).toBe(4);
    expect(memberCount(conversation({ kind: 'private', memberIds: [1, 2] }), users)).toBe(2);
  });
});

describe('sidebarSections', () => {
  it('keeps public channels in server order and sorts the rest by name', () => {
    const list = [
      conversation({ id: 1, name: 'random' }),
      conversation({ id: 2, name: 'general' }),
      conversation({ id: 3, kind: 'private', name: 'zeta', memberIds: [1] }),
      conversation({ id: 4, kind: 'private', name: 'Alpha', memberIds: [1] }),
      conversation({ id: 5, kind: 'dm', name: null, memberIds: [1, 4] }),
      conversation({ id: 6, kind: 'dm', name: null, memberIds: [1, 2] }),
    ];
    const sections = sidebarSections(list, ALICE, users);
    expect(sections.channels.map((c) => c.id)).toEqual([1, 2]);
    expect(sections.privateChannels.map((c) => c.id)).toEqual([4, 3]);
    expect(sections.directMessages.map((c) => c.id)).toEqual([6, 5]);
  });
});

describe('mergeConversation', () => {
  it('takes the server copy when it is at least as new', () => {
    const local = conversation({ lastSeq: 5, unreadCount: 2, readSeq: 3 });
    const incoming = conversation({ lastSeq: 7, unreadCount: 4, readSeq: 3, name: 'renamed' });
    expect(mergeConversation(local, incoming)).toEqual(incoming);
  });

  it('keeps counts this tab already moved past the server copy', () => {
    const local = conversation({ lastSeq: 9, unreadCount: 5, readSeq: 3 });
    const merged = mergeConversation(local, conversation({ lastSeq: 7, unreadCount: 3, readSeq: 3, name: 'renamed' }));
    expect(merged).toMatchObject({ lastSeq: 9, unreadCount: 5, name: 'renamed' });
  });

  it('never moves the read position back, and forgets unread this tab has since read', () => {
    const local = conversation({ lastSeq: 7, unreadCount: 0, readSeq: 7 });
    const merged = mergeConversation(local, conversation({ lastSeq: 7, unreadCount: 2, readSeq: 5 }));
    expect(merged).toMatchObject({ readSeq: 7, unreadCount: 0 });
  });
});
