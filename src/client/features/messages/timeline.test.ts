import { describe, expect, it } from 'vitest';
import type { ChangesPage } from '../../../shared/protocol/events.js';
import type { HistoryPage, Message } from '../../../shared/protocol/messages.js';
import {
  applyChanges,
  applyEvent,
  catchUpFrom,
  emptyTimeline,
  lastOwnMessage,
  withMessage,
  withNewestPage,
  withOlderPage,
  withPageAround,
  withPending,
  withReadPosition,
  withSentMessage,
  type MessageEvent,
  type Timeline,
} from './timeline.js';

const C = 7;

function message(seq: number, overrides: Partial<Message> = {}): Message {
  return {
    id: seq * 10,
    conversationId: C,
    seq,
    kind: 'user',
    authorId: 1,
    text: `message ${seq}`,
    clientId: null,
    replyTo: null,
    createdAt: seq * 1000,
    editedAt: null,
    deletedAt: null, reactions: [], mentions: { userIds: [], everyone: false, here: false }, pinned: null, attachments: [], previews: [],
    ...overrides,
  };
}

function page(messages: Message[], overrides: Partial<HistoryPage> = {}): HistoryPage {
  return { messages, hasMore: false, hasNewer: false, lastSeq: messages[messages.length - 1]?.seq ?? 0, readPositions: [], ...overrides };
}

function created(m: Message, seq = m.seq): MessageEvent {
  return { type: 'message.created', conversationId: C, seq, message: m };
}

function loaded(...seqs: number[]): Timeline {
  return withNewestPage(emptyTimeline(), page(seqs.map((s) => message(s))));
}

const seqsOf = (timeline: Timeline) => timeline.messages.map((m) => m.seq);

describe('live events and their sequence numbers', () => {
  it('applies the next event', () => {
    const { timeline, outcome } = applyEvent(loaded(1, 2), created(message(3)));
    expect(outcome).toBe('applied');
    expect(seqsOf(timeline)).toEqual([1, 2, 3]);
    expect(timeline.appliedSeq).toBe(3);
  });

  it('ignores an event already seen, so nothing shows twice', () => {
    const start = loaded(1, 2, 3);
    const { timeline, outcome } = applyEvent(start, created(message(2)));
    expect(outcome).toBe('duplicate');
    expect(timeline).toBe(start);
  });

  it('reports a gap without applying, and asks to catch up from the last applied seq', () => {
    const { timeline, outcome } = applyEvent(loaded(1, 2), created(message(5)));
    expect(outcome).toBe('gap');
    expect(seqsOf(timeline)).toEqual([1, 2]);
    expect(catchUpFrom(timeline)).toBe(2);
  });

  it('fills a gap from the changes answer (upsert by id, deletions removed) and moves to its last seq', () => {
    const start = applyEvent(loaded(1, 2), created(message(6))).timeline;
    const changes: ChangesPage = {
      events: [
        { type: 'message.deleted', conversationId: C, seq: 4, message: message(1, { text: null, deletedAt: 9 }) },
        { type: 'message.updated', conversationId: C, seq: 5, message: message(2, { text: 'edited', editedAt: 8 }) },
        { type: 'message.created', conversationId: C, seq: 3, message: message(3) },
        { type: 'message.created', conversationId: C, seq: 6, message: message(6) },
      ],
      lastSeq: 6,
      reset: false,
    };
    const timeline = applyChanges(start, 2, changes);
    expect(seqsOf(timeline)).toEqual([2, 3, 6]);
    expect(timeline.messages[0]?.text).toBe('edited');
    expect(timeline.appliedSeq).toBe(6);
    expect(catchUpFrom(timeline)).toBeNull();
    // The live copy of seq 6 arriving late is a duplicate.
    expect(applyEvent(timeline, created(message(6))).outcome).toBe('duplicate');
  });

  it('leaves events that arrive while the first page loads to a catch-up from the page', () => {
    let timeline = applyEvent(emptyTimeline(), created(message(4))).timeline;
    timeline = withNewestPage(timeline, page([message(1), message(2), message(3)]));
    expect(timeline.appliedSeq).toBe(3);
    expect(catchUpFrom(timeline)).toBe(3);
  });

  it('applies an edit and a deletion in order', () => {
    let timeline = loaded(1, 2);
    timeline = applyEvent(timeline, { type: 'message.updated', conversationId: C, seq: 3, message: message(1, { text: 'new', editedAt: 5 }) }).timeline;
    timeline = applyEvent(timeline, { type: 'message.deleted', conversationId: C, seq: 4, message: message(2, { text: null, deletedAt: 6 }) }).timeline;
    expect(timeline.messages).toEqual([message(1, { text: 'new', editedAt: 5 })]);
    expect(timeline.appliedSeq).toBe(4);
  });
});

describe('optimistic sends', () => {
  const pending = { clientId: 'client-1', authorId: 1, text: 'hi', replyTo: null, createdAt: 1 };

  it('replaces the pending copy when the send answer arrives first, and ignores the event after it', () => {
    let timeline = withPending(loaded(1), pending);
    timeline = withMessage(timeline, message(2, { clientId: 'client-1', text: 'hi' }));
    expect(timeline.pending).toEqual([]);
    expect(seqsOf(timeline)).toEqual([1, 2]);
    const after = applyEvent(timeline, created(message(2, { clientId: 'client-1', text: 'hi' })));
    expect(after.outcome).toBe('applied');
    expect(seqsOf(after.timeline)).toEqual([1, 2]);
  });

  it('replaces the pending copy when the event arrives first', () => {
    const timeline = applyEvent(withPending(loaded(1), pending), created(message(2, { clientId: 'client-1' }))).timeline;
    expect(timeline.pending).toEqual([]);
    expect(seqsOf(timeline)).toEqual([1, 2]);
  });

  it('keeps what events added when the send answer arrives after them', () => {
    const preview = { url: 'https://intranet.example/report', title: 'Report', description: null, siteName: null, imageUrl: null };
    let timeline = withPending(loaded(1), pending);
    timeline = applyEvent(timeline, created(message(2, { clientId: 'client-1', text: 'hi' }))).timeline;
    const withPreview = message(2, { clientId: 'client-1', text: 'hi', previews: [preview] });
    timeline = applyEvent(timeline, { type: 'message.updated', conversationId: C, seq: 3, message: withPreview }).timeline;
    timeline = withSentMessage(timeline, message(2, { clientId: 'client-1', text: 'hi' }));
    expect(timeline.pending).toEqual([]);
    expect(timeline.messages[1]?.previews).toHaveLength(1);
    // First to arrive, the answer is taken as it is.
    const first = withSentMessage(withPending(loaded(1), pending), message(2, { clientId: 'client-1', text: 'hi' }));
    expect(first.pending).toEqual([]);
    expect(seqsOf(first)).toEqual([1, 2]);
  });

  it('does not let a late answer undo a newer edit', () => {
    const edited = message(2, { text: 'second edit', editedAt: 20 });
    const timeline = withMessage(withMessage(loaded(1, 2), edited), message(2, { text: 'first edit', editedAt: 10 }));
    expect(timeline.messages[1]?.text).toBe('second edit');
  });
});

describe('paging', () => {
  it('joins an older page in front and keeps whether there is more', () => {
    const timeline = withOlderPage(withNewestPage(emptyTimeline(), page([message(51), message(52)], { hasMore: true })), page([message(49), message(50)], { hasMore: true, lastSeq: 52 }));
    expect(seqsOf(timeline)).toEqual([49, 50, 51, 52]);
    expect(timeline.hasOlder).toBe(true);
  });

  it('does not insert changes to messages older than the stretch held', () => {
    const start = withNewestPage(emptyTimeline(), page([message(50), message(51)], { hasMore: true }));
    const { timeline } = applyEvent(start, { type: 'message.updated', conversationId: C, seq: 52, message: message(3, { editedAt: 5 }) });
    expect(seqsOf(timeline)).toEqual([50, 51]);
    expect(timeline.appliedSeq).toBe(52);
  });

  it('rechecks an older page that was answered before events this tab already applied', () => {
    let timeline = withNewestPage(emptyTimeline(), page([message(50)], { hasMore: true, lastSeq: 60 }));
    timeline = applyEvent(timeline, created(message(61))).timeline;
    timeline = withOlderPage(timeline, page([message(49)], { hasMore: true, lastSeq: 60 }));
    expect(catchUpFrom(timeline)).toBe(60);
    timeline = applyChanges(timeline, 60, { events: [], lastSeq: 61, reset: false });
    expect(catchUpFrom(timeline)).toBeNull();
  });

  it('joins a page around a message that overlaps what is held', () => {
    const start = withNewestPage(emptyTimeline(), page([message(40), message(41)], { hasMore: true }));
    const timeline = withPageAround(start, page([message(38), message(39), message(40)], { hasMore: true, hasNewer: true, lastSeq: 41 }));
    expect(seqsOf(timeline)).toEqual([38, 39, 40, 41]);
    expect(timeline.hasNewer).toBe(false);
    expect(timeline.hasOlder).toBe(true);
  });

  it('starts a timeline opened at one message (a search result) as an older window', () => {
    const timeline = withPageAround(emptyTimeline(), page([message(10), message(11)], { hasMore: true, hasNewer: true, lastSeq: 91, readPositions: [{ userId: 2, seq: 40, joinedAt: 1 }] }));
    expect(seqsOf(timeline)).toEqual([10, 11]);
    expect(timeline).toMatchObject({ appliedSeq: 91, hasOlder: true, hasNewer: true });
    expect(timeline.readPositions.get(2)?.seq).toBe(40);
    expect(applyEvent(timeline, created(message(92))).outcome).toBe('applied');
  });

  it('replaces what is held with a distant page, which then takes no new messages until it reaches the end', () => {
    const start = withNewestPage(emptyTimeline(), page([message(90), message(91)], { hasMore: true }));
    let timeline = withPageAround(start, page([message(10), message(11)], { hasMore: true, hasNewer: true, lastSeq: 91 }));
    expect(seqsOf(timeline)).toEqual([10, 11]);
    expect(timeline.hasNewer).toBe(true);
    timeline = applyEvent(timeline, created(message(92))).timeline;
    expect(seqsOf(timeline)).toEqual([10, 11]);
    expect(timeline.appliedSeq).toBe(92);
    timeline = applyEvent(timeline, { type: 'message.updated', conversationId: C, seq: 93, message: message(11, { text: 'changed', editedAt: 3 }) }).timeline;
    expect(timeline.messages[1]?.text).toBe('changed');
  });
});

describe('reply previews', () => {
  it('shows a parent deleted later as deleted, and an edited one with its new first line', () => {
    const reply = message(3, { replyTo: { id: 10, authorId: 1, text: 'message 1', deleted: false } });
    let timeline = withNewestPage(emptyTimeline(), page([message(1), reply]));
    timeline = withMessage(timeline, message(1, { text: 'new words\nsecond line', editedAt: 4 }));
    expect(timeline.messages[1]?.replyTo).toEqual({ id: 10, authorId: 1, text: 'new words', deleted: false });
    timeline = withMessage(timeline, message(1, { text: null, deletedAt: 5 }));
    expect(timeline.messages.map((m) => m.seq)).toEqual([3]);
    expect(timeline.messages[0]?.replyTo).toEqual({ id: 10, authorId: 1, text: null, deleted: true });
  });

  it('keeps a preview withheld from a late joiner withheld', () => {
    const reply = message(3, { replyTo: { id: 10, authorId: null, text: null, deleted: false } });
    const timeline = withMessage(withNewestPage(emptyTimeline(), page([message(2), reply])), message(1, { text: 'secret', editedAt: 4 }));
    expect(timeline.messages.find((m) => m.seq === 3)?.replyTo?.text).toBeNull();
  });
});

describe('read positions and own messages', () => {
  it('moves read positions forward only', () => {
    const timeline = withReadPosition(withReadPosition(loaded(1), 2, 5), 2, 3);
    expect(timeline.readPositions.get(2)?.seq).toBe(5);
  });

  it('finds your latest message that still has text', () => {
    const timeline = withNewestPage(emptyTimeline(), page([message(1), message(2, { authorId: 2 }), message(3, { kind: 'system', authorId: null })]));
    expect(lastOwnMessage(timeline, 1)?.seq).toBe(1);
    expect(lastOwnMessage(timeline, 3)).toBeUndefined();
  });
});
