import { describe, expect, it } from 'vitest';
import type { Message } from '../../../shared/protocol/messages.js';
import { selectable, stepSelection } from './selection.js';

const message = (id: number, more: Partial<Message> = {}): Message => ({ id, kind: 'user', deletedAt: null, text: `m${id}`, ...more }) as Message;
const messages = [message(1), message(2, { kind: 'system' }), message(3), message(4, { deletedAt: 5, text: null }), message(5)];

describe('visual-mode selection', () => {
  it('skips system lines and deleted messages', () => {
    expect(selectable(messages).map((m) => m.id)).toEqual([1, 3, 5]);
  });

  it('starts at the newest message', () => {
    expect(stepSelection(messages, null, -1)).toEqual({ message: messages[4], edge: false });
    expect(stepSelection(messages, 99, 1).message?.id).toBe(5);
    expect(stepSelection([], null, -1)).toEqual({ message: null, edge: false });
  });

  it('moves older and newer, stopping at the ends', () => {
    expect(stepSelection(messages, 5, -1).message?.id).toBe(3);
    expect(stepSelection(messages, 3, -1).message?.id).toBe(1);
    expect(stepSelection(messages, 1, -1)).toEqual({ message: messages[0], edge: true });
    expect(stepSelection(messages, 3, 1).message?.id).toBe(5);
    expect(stepSelection(messages, 5, 1)).toEqual({ message: messages[4], edge: false });
  });
});
