import { beforeEach, describe, expect, it } from 'vitest';
import { createTestClock } from '../../../../test/support/test-clock.js';
import { createCallBook, formatCallDuration, presentCall, type CallBook } from './call-book.js';

const ALICE = 1, BOB = 2, CAROL = 3;
const DM = 10;
let clock: ReturnType<typeof createTestClock>;
let book: CallBook;
let ids = 0;
beforeEach(() => {
  clock = createTestClock();
  book = createCallBook({ clock, ringMs: () => 30_000, deadPeerMs: 12_000, newId: () => `call-${++ids}` });
});

const states = (callId: string) => Object.fromEntries(presentCall(book.get(callId)!).participants.map((p) => [p.userId, p.state]));
const startDm = () => book.start({ conversationId: DM, userId: ALICE, connectionId: 100, invitees: [BOB] }).call.id;

describe('the call book', () => {
  it('rings, is answered, and ends with its duration when the last person leaves', () => {
    const id = startDm();
    expect(presentCall(book.get(id)!).state).toBe('ringing');
    expect(states(id)).toEqual({ [ALICE]: 'joined', [BOB]: 'ringing' });
    clock.advance(3_000);
    book.join(id, BOB, 200);
    expect(presentCall(book.get(id)!).state).toBe('active');
    clock.advance(252_000);
    expect(book.leave(id, ALICE, 100)?.ending).toBeNull();
    expect(states(id)).toEqual({ [ALICE]: 'left', [BOB]: 'joined' });
    const last = book.leave(id, BOB, 200);
    expect(last?.ending).toEqual({ kind: 'finished', durationMs: 252_000 });
    expect(book.get(id)).toBeNull();
    expect(book.inConversation(DM)).toBeNull();
  });

  it('an unanswered ring runs out: the call ends as missed', () => {
    const id = startDm();
    clock.advance(20_000);
    book.touch(100);
    clock.advance(9_999);
    expect(book.sweep()).toEqual([]);
    clock.advance(1);
    const [change] = book.sweep();
    expect(change?.ending).toEqual({ kind: 'missed', startedBy: ALICE });
    expect(book.get(id)).toBeNull();
  });

  it('a decline by the last invitee ends the call as missed; a later decline changes nothing', () => {
    const id = book.start({ conversationId: DM, userId: ALICE, connectionId: 100, invitees: [BOB, CAROL] }).call.id;
    expect(book.decline(id, BOB).ending).toBeNull();
    expect(book.decline(id, CAROL).ending).toEqual({ kind: 'missed', startedBy: ALICE });
    expect(() => book.decline(id, CAROL)).toThrow(/over/);
  });

  it('a call started while one is ringing joins it instead of making a second', () => {
    const id = startDm();
    const second = book.start({ conversationId: DM, userId: BOB, connectionId: 200, invitees: [ALICE] });
    expect(second.call.id).toBe(id);
    expect(states(id)).toEqual({ [ALICE]: 'joined', [BOB]: 'joined' });
    expect(presentCall(second.call).state).toBe('active');
  });

  it('two people ending at once: exactly one ending, the second leave is a no-op', () => {
    const id = startDm();
    book.join(id, BOB, 200);
    const first = book.leave(id, ALICE, 100);
    const second = book.leave(id, BOB, 200);
    const third = book.leave(id, BOB, 200);
    expect([first?.ending, second?.ending?.kind, third]).toEqual([null, 'finished', null]);
  });

  it('a participant can leave and rejoin, from another tab too', () => {
    const id = book.start({ conversationId: DM, userId: ALICE, connectionId: 100, invitees: [BOB, CAROL] }).call.id;
    book.join(id, BOB, 200);
    book.leave(id, BOB, 200);
    expect(states(id)[BOB]).toBe('left');
    book.join(id, BOB, 201);
    expect(states(id)[BOB]).toBe('joined');
    expect(book.route(id, ALICE, 100, BOB)).toBe(201);
  });

  it('one tab per person: joining from a second tab while in the call is refused', () => {
    const id = startDm();
    book.join(id, BOB, 200);
    expect(() => book.join(id, BOB, 201)).toThrow(/another tab/);
    expect(book.join(id, BOB, 200).ending).toBeNull();
  });

  it('a dead peer is taken out: by its socket closing, or by going silent', () => {
    const id = book.start({ conversationId: DM, userId: ALICE, connectionId: 100, invitees: [BOB, CAROL] }).call.id;
    book.join(id, BOB, 200);
    book.join(id, CAROL, 300);
    const [closed] = book.dropConnection(300);
    expect(closed?.ending).toBeNull();
    expect(states(id)[CAROL]).toBe('left');

    clock.advance(11_000);
    book.touch(100);
    clock.advance(1_000);
    const [silent] = book.sweep();
    expect(silent?.ending).toBeNull();
    expect(states(id)).toMatchObject({ [ALICE]: 'joined', [BOB]: 'left' });
    clock.advance(12_000);
    expect(book.sweep()[0]?.ending).toEqual({ kind: 'finished', durationMs: 24_000 });
  });

  it('in an active call, a missed ring only marks the invitee', () => {
    const id = book.start({ conversationId: DM, userId: ALICE, connectionId: 100, invitees: [BOB, CAROL] }).call.id;
    book.join(id, BOB, 200);
    clock.advance(5_000);
    book.touch(100);
    book.touch(200);
    clock.advance(10_000);
    book.touch(100);
    book.touch(200);
    clock.advance(10_000);
    book.touch(100);
    book.touch(200);
    clock.advance(5_000);
    const [change] = book.sweep();
    expect(change?.ending).toBeNull();
    expect(states(id)).toEqual({ [ALICE]: 'joined', [BOB]: 'joined', [CAROL]: 'missed' });
  });

  it('invites: only by someone in the call; re-rings those who declined; refuses those already in', () => {
    const id = book.start({ conversationId: DM, userId: ALICE, connectionId: 100, invitees: [BOB, CAROL] }).call.id;
    book.join(id, BOB, 200);
    book.decline(id, CAROL);
    expect(() => book.invite(id, CAROL, 300, CAROL)).toThrow(/not in this call/);
    book.invite(id, BOB, 200, CAROL);
    expect(states(id)[CAROL]).toBe('ringing');
    expect(() => book.invite(id, BOB, 200, ALICE)).toThrow(/already in the call/);
  });

  it('signals route only between joined participants, from the tab in the call', () => {
    const id = book.start({ conversationId: DM, userId: ALICE, connectionId: 100, invitees: [BOB, CAROL] }).call.id;
    book.join(id, BOB, 200);
    expect(book.route(id, ALICE, 100, BOB)).toBe(200);
    expect(() => book.route(id, ALICE, 100, CAROL)).toThrow(/not in this call/);
    expect(() => book.route(id, CAROL, 300, ALICE)).toThrow(/not in this call/);
    expect(() => book.route(id, ALICE, 101, BOB)).toThrow(/not in this call/);
    expect(() => book.route(id, ALICE, 100, ALICE)).toThrow(/not in this call/);
  });

  it('media flags belong to the joined tab', () => {
    const id = startDm();
    book.setMedia(id, ALICE, 100, { muted: true, camera: false, screen: true });
    expect(presentCall(book.get(id)!).participants[0]?.media).toEqual({ muted: true, camera: false, screen: true });
    expect(() => book.setMedia(id, BOB, 200, { muted: true, camera: false, screen: false })).toThrow();
  });

  it('a member who left the conversation is out of its call at once, joined or ringing; the last one out ends it', () => {
    const id = book.start({ conversationId: DM, userId: ALICE, connectionId: 100, invitees: [BOB, CAROL] }).call.id;
    book.join(id, BOB, 200);
    expect(book.removeMember(id, CAROL)?.ending).toBeNull();
    expect(states(id)).toEqual({ [ALICE]: 'joined', [BOB]: 'joined', [CAROL]: 'missed' });
    expect(book.removeMember(id, BOB)?.ending).toBeNull();
    expect(states(id)).toEqual({ [ALICE]: 'joined', [BOB]: 'left', [CAROL]: 'missed' });
    expect(() => book.route(id, BOB, 200, ALICE)).toThrow(/not in this call/);
    expect(() => book.route(id, ALICE, 100, BOB)).toThrow(/not in this call/);
    // Nothing to take them out of twice.
    expect(book.removeMember(id, BOB)).toBeNull();
    clock.advance(60_000);
    expect(book.removeMember(id, ALICE)?.ending).toEqual({ kind: 'finished', durationMs: 60_000 });
    expect(book.removeMember(id, ALICE)).toBeNull();
  });

  it('endAll ends every call (shutdown)', () => {
    startDm();
    book.start({ conversationId: 11, userId: BOB, connectionId: 200, invitees: [CAROL] });
    expect(book.endAll().map((c) => c.ending?.kind)).toEqual(['missed', 'missed']);
    expect(book.all()).toEqual([]);
  });

  it('formats durations as in "Call ended · 4m 12s"', () => {
    expect([formatCallDuration(252_000), formatCallDuration(42_400), formatCallDuration(3_723_000)]).toEqual(['4m 12s', '42s', '1h 2m 3s']);
  });
});
