import { describe, expect, it } from 'vitest';
import type { Conversation } from '../../../shared/protocol/conversations.js';
import type { Message } from '../../../shared/protocol/messages.js';
import type { MessageEvent } from '../messages/timeline.js';
import { countEvent, documentTitle, readUpTo, totalUnread } from './unread.js';

const ME = 1;

function conversation(overrides: Partial<Conversation> = {}): Conversation {
  return { id: 3, kind: 'public', name: 'general', memberIds: [], lastSeq: 10, readSeq: 10, historyFromSeq: 0, unreadCount: 0, lastMessageAt: null, createdAt: 0, ...overrides };
}

function event(seq: number, overrides: Partial<Message> = {}, type: MessageEvent['type'] = 'message.created'): MessageEvent {
  const message: Message = { id: seq, conversationId: 3, seq, kind: 'user', authorId: 2, text: 'hi', clientId: null, replyTo: null, createdAt: 5, editedAt: null, deletedAt: null, reactions: [], mentions: { userIds: [], everyone: false, here: false }, pinned: null, attachments: [], previews: [], ...overrides };
  return { type, conversationId: 3, seq, message };
}

describe('document title', () => {
  it('shows the total unread, or just the name', () => {
    expect(documentTitle(0)).toBe('MiniMost');
    expect(documentTitle(3)).toBe('(3) MiniMost');
    expect(totalUnread([conversation({ unreadCount: 2 }), conversation({ unreadCount: 1 })])).toBe(3);
  });
});

describe('counting live messages', () => {
  it('counts a new message from someone else', () => {
    expect(countEvent(conversation(), event(11), ME, false).conversation).toMatchObject({ unreadCount: 1, lastSeq: 11 });
  });

  it('never counts your own messages, or ones you are looking at', () => {
    expect(countEvent(conversation(), event(11, { authorId: ME }), ME, false).conversation.unreadCount).toBe(0);
    expect(countEvent(conversation(), event(11), ME, true).conversation.unreadCount).toBe(0);
  });

  it('counts system notices in DMs only', () => {
    const notice = event(11, { kind: 'system', authorId: null });
    expect(countEvent(conversation(), notice, ME, false).conversation.unreadCount).toBe(0);
    expect(countEvent(conversation({ kind: 'dm', name: null }), notice, ME, false).conversation.unreadCount).toBe(1);
  });

  it('counts an event once, however often it arrives', () => {
    const once = countEvent(conversation(), event(11), ME, false).conversation;
    expect(countEvent(once, event(11), ME, false).conversation).toBe(once);
  });

  it('reports a gap so the count can be fetched again', () => {
    expect(countEvent(conversation(), event(13), ME, false).gap).toBe(true);
  });

  it('uncounts an unread message that is deleted, but not edits', () => {
    const unread = conversation({ unreadCount: 2, lastSeq: 12 });
    expect(countEvent(unread, event(11, { deletedAt: 1, text: null }, 'message.deleted'), ME, false).conversation.unreadCount).toBe(2);
    const deleted = { ...event(11, { deletedAt: 1, text: null }, 'message.deleted'), seq: 13 };
    expect(countEvent(unread, deleted, ME, false).conversation.unreadCount).toBe(1);
    const edited = { ...event(11, { editedAt: 1 }, 'message.updated'), seq: 13 };
    expect(countEvent(unread, edited, ME, false).conversation.unreadCount).toBe(2);
  });
});

describe('reading', () => {
  it('clears the count when read to the end, and only moves forward', () => {
    const unread = conversation({ unreadCount: 2, lastSeq: 12, readSeq: 10 });
    expect(readUpTo(unread, 12)).toMatchObject({ unreadCount: 0, readSeq: 12 });
    expect(readUpTo(unread, 9)).toBe(unread);
  });
});
