import { describe, expect, it } from 'vitest';
import type { Message } from '../../../shared/protocol/messages.js';
import { announcementFor } from './announcement.js';

const said = (authorId: number, text: string) => ({ authorId, text }) as Message;
const nameOf = (id: number | null) => (id === 1 ? 'alice' : 'bob');

describe('announcementFor', () => {
  it('says who wrote what', () => {
    expect(announcementFor([said(1, 'hello\n  there')], nameOf)).toBe('alice: hello there');
  });

  it('sums up several at once with the latest', () => {
    expect(announcementFor([said(1, 'one'), said(2, 'two')], nameOf)).toBe('2 new messages. Latest, bob: two');
  });

  it('cuts long text and says nothing for nothing', () => {
    expect(announcementFor([said(1, 'x'.repeat(300))], nameOf)).toBe(`alice: ${'x'.repeat(200)}…`);
    expect(announcementFor([], nameOf)).toBe('');
  });
});
