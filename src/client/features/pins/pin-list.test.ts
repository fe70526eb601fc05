import { describe, expect, it } from 'vitest';
import type { Message } from '../../../shared/protocol/messages.js';
import { withPinChange } from './pin-list.js';

function message(id: number, partial: Partial<Message> = {}): Message {
  return {
    id, conversationId: 1, seq: id, kind: 'user', authorId: 1, text: `m${id}`, clientId: null, replyTo: null, createdAt: 0, editedAt: null,
    deletedAt: null, reactions: [], mentions: { userIds: [], everyone: false, here: false }, pinned: { userId: 2, at: id }, attachments: [], previews: [],
    ...partial,
  };
}

describe('withPinChange', () => {
  const list = [message(2), message(1)];

  it('puts a newly pinned message first', () => {
    expect(withPinChange(list, message(3)).map((m) => m.id)).toEqual([3, 2, 1]);
  });

  it('drops an unpinned or deleted message', () => {
    expect(withPinChange(list, message(2, { pinned: null })).map((m) => m.id)).toEqual([1]);
    expect(withPinChange(list, message(1, { deletedAt: 5, text: null })).map((m) => m.id)).toEqual([2]);
  });

  it('replaces an edited pinned message in place, and ignores changes to messages not pinned', () => {
    expect(withPinChange(list, message(1, { text: 'edited' })).map((m) => m.text)).toEqual(['m2', 'edited']);
    expect(withPinChange(list, message(9, { pinned: null }))).toBe(list);
  });
});
