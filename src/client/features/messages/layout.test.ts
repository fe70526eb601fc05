import { describe, expect, it } from 'vitest';
import type { Message } from '../../../shared/protocol/messages.js';
import { dayLabel, layoutRows, type Row } from './layout.js';

const ME = 1;
const at = (day: number, hour: number, minute = 0) => new Date(2026, 10, day, hour, minute).getTime();
const NOW = at(26, 18);

function message(seq: number, createdAt: number, overrides: Partial<Message> = {}): Message {
  return {
    id: seq,
    conversationId: 1,
    seq,
    kind: 'user',
    authorId: 2,
    text: `m${seq}`,
    clientId: null,
    replyTo: null,
    createdAt,
    editedAt: null,
    deletedAt: null, reactions: [], mentions: { userIds: [], everyone: false, here: false }, pinned: null, attachments: [], previews: [],
    ...overrides,
  };
}

/** A compact picture of the rows: "day:Today", "new", "*3" for a group start, "3" for a continuation. */
function shape(rows: Row[]): string[] {
  return rows.map((row) => {
    if (row.kind === 'day') return `day:${row.label}`;
    if (row.kind === 'unread') return 'new';
    const id = row.kind === 'message' ? String(row.message.seq) : `p:${row.pending.clientId}`;
    return row.groupStart ? `*${id}` : id;
  });
}

const layout = (messages: Message[], unreadAfterSeq: number | null = null) => shape(layoutRows(messages, [], { me: ME, unreadAfterSeq, now: NOW }));

describe('grouping', () => {
  it('groups one person’s messages within 5 minutes of the previous one', () => {
    expect(layout([message(1, at(26, 10, 0)), message(2, at(26, 10, 4)), message(3, at(26, 10, 8)), message(4, at(26, 10, 14))])).toEqual([
      'day:Today',
      '*1',
      '2',
      '3',
      '*4',
    ]);
  });

  it('starts a new group for another author, a system message, and a reply', () => {
    const messages = [
      message(1, at(26, 10)),
      message(2, at(26, 10), { authorId: 3 }),
      message(3, at(26, 10), { authorId: 3, kind: 'system' }),
      message(4, at(26, 10), { authorId: 3 }),
      message(5, at(26, 10), { authorId: 3, replyTo: { id: 1, authorId: 2, text: 'm1', deleted: false } }),
    ];
    expect(layout(messages)).toEqual(['day:Today', '*1', '*2', '*3', '*4', '*5']);
  });

  it('continues a group into your own pending messages', () => {
    const rows = layoutRows([message(1, at(26, 10), { authorId: ME })], [{ clientId: 'c1', authorId: ME, text: 'hi', replyTo: null, createdAt: at(26, 10, 1) }], {
      me: ME,
      unreadAfterSeq: null,
      now: NOW,
    });
    expect(shape(rows)).toEqual(['day:Today', '*1', 'p:c1']);
  });
});

describe('dividers', () => {
  it('puts a day divider before the first message of each day, and restarts groups there', () => {
    expect(layout([message(1, at(24, 23, 58)), message(2, at(25, 0, 1)), message(3, at(26, 9))])).toEqual([
      'day:Tuesday, November 24',
      '*1',
      'day:Yesterday',
      '*2',
      'day:Today',
      '*3',
    ]);
  });

  it('puts "New messages" before the first unread message from someone else', () => {
    const messages = [message(1, at(26, 10)), message(2, at(26, 10, 1), { authorId: ME }), message(3, at(26, 10, 2)), message(4, at(26, 10, 3))];
    expect(layout(messages, 1)).toEqual(['day:Today', '*1', '*2', 'new', '*3', '4']);
  });

  it('shows no "New messages" when nothing is unread', () => {
    expect(layout([message(1, at(26, 10))], 1)).toEqual(['day:Today', '*1']);
  });
});

describe('dayLabel', () => {
  it('adds the year only for other years', () => {
    expect(dayLabel(new Date(2025, 0, 2, 12).getTime(), NOW)).toBe('Thursday, January 2, 2025');
  });
});
