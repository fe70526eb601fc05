// Every call in progress, as plain state in memory (the calls service writes each change through to storage), and the rules for how it moves: ringing → active → ended, and
// for each person ringing → joined → left (or declined, missed). No I/O here: the calls service checks access,
// announces changes and posts the notices; this file decides what a change means, so every race is unit-tested.
import { randomUUID } from 'node:crypto';
import type { Call, CallMedia, CallParticipantState } from '../../../shared/protocol/calls.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';

export interface ParticipantRecord {
  userId: number;
  state: CallParticipantState;
  media: CallMedia;
  /** The one tab that carries this person's media; signals go there and nowhere else. */
  connectionId: number | null;
  ringingSince: number | null;
  /** Last frame from `connectionId`: a tab that went quiet is taken out of the call. */
  lastSeen: number;
}

export interface CallRecord {
  id: string;
  conversationId: number;
  startedBy: number;
  startedAt: number;
  answeredAt: number | null;
  participants: Map<number, ParticipantRecord>;
}

/** How a call ended: nobody ever answered, or it was answered and lasted `durationMs`. */
export type CallEnding = { kind: 'missed'; startedBy: number } | { kind: 'finished'; durationMs: number };

/** One call after a change; `ending` is set exactly once, by the change that ended it. */
export interface CallChange {
  call: CallRecord;
  ending: CallEnding | null;
}

export interface CallBookOptions {
  clock: Clock;
  /** How long an invitee rings before the ring counts as missed. */
  ringMs: () => number;
  /** How long a joined tab may stay silent (no frame at all) before it is considered gone. */
  deadPeerMs: number;
  newId?: () => string;
}

const NO_MEDIA: CallMedia = { muted: false, camera: false, screen: false };

export function createCallBook(options: CallBookOptions) {
  const { clock } = options;
  const newId = options.newId ?? randomUUID;
  const calls = new Map<string, CallRecord>();
  const byConversation = new Map<number, CallRecord>();

  const joinedCount = (call: CallRecord) => [...call.participants.values()].filter((p) => p.state === 'joined').length;
  const ringingCount = (call: CallRecord) => [...call.participants.values()].filter((p) => p.state === 'ringing').length;

  function find(callId: string): CallRecord {
    const call = calls.get(callId);
    if (!call) throw new AppError('NOT_FOUND', 'That call is over.');
    return call;
  }

  /**
   * A call nobody is in is over; so is an unanswered one with nobody left ringing (the last invitee declined or
   * missed it). An answered call with one person left goes on: others may still join.
   */
  function settle(call: CallRecord): CallChange {
    const over = joinedCount(call) === 0 || (call.answeredAt === null && ringingCount(call) === 0);
    if (!over) return { call, ending: null };
    calls.delete(call.id);
    byConversation.delete(call.conversationId);
    const now = clock.now();
    for (const p of call.participants.values()) {
      if (p.state === 'joined') p.state = 'left';
      else if (p.state === 'ringing') p.state = 'missed';
      p.connectionId = null;
    }
    const ending: CallEnding = call.answeredAt === null ? { kind: 'missed', startedBy: call.startedBy } : { kind: 'finished', durationMs: now - call.answeredAt };
    return { call, ending };
  }

  function ring(call: CallRecord, userId: number): void {
    const now = clock.now();
    call.participants.set(userId, { userId, state: 'ringing', media: { ...NO_MEDIA }, connectionId: null, ringingSince: now, lastSeen: now });
  }

  function join(call: CallRecord, userId: number, connectionId: number): CallChange {
    const held = call.participants.get(userId);
    if (held?.state === 'joined') {
      if (held.connectionId === connectionId) return { call, ending: null };
      throw new AppError('CALL_BUSY', 'You are already in this call in another tab.');
    }
    const now = clock.now();
    call.participants.set(userId, { userId, state: 'joined', media: { ...NO_MEDIA }, connectionId, ringingSince: null, lastSeen: now });
    if (call.answeredAt === null && joinedCount(call) >= 2) call.answeredAt = now;
    return { call, ending: null };
  }

  function joinedOn(call: CallRecord, userId: number, connectionId: number): ParticipantRecord {
    const participant = call.participants.get(userId);
    if (participant?.state !== 'joined' || participant.connectionId !== connectionId) {
      throw new AppError('NOT_FOUND', 'You are not in this call.');
    }
    return participant;
  }

  return {
    get: (callId: string): CallRecord | null => calls.get(callId) ?? null,
    inConversation: (conversationId: number): CallRecord | null => byConversation.get(conversationId) ?? null,
    all: (): CallRecord[] => [...calls.values()],

    /** Starts a call that rings `invitees`, or, if the conversation already has one, joins it. */
    start(input: { conversationId: number; userId: number; connectionId: number; invitees: readonly number[] }): CallChange {
      const existing = byConversation.get(input.conversationId);
      if (existing) return join(existing, input.userId, input.connectionId);
      const call: CallRecord = {
        id: newId(),
        conversationId: input.conversationId,
        startedBy: input.userId,
        startedAt: clock.now(),
        answeredAt: null,
        participants: new Map(),
      };
      calls.set(call.id, call);
      byConversation.set(call.conversationId, call);
      join(call, input.userId, input.connectionId);
      for (const invitee of input.invitees) if (invitee !== input.userId) ring(call, invitee);
      return settle(call);
    },

    join: (callId: string, userId: number, connectionId: number): CallChange => join(find(callId), userId, connectionId),

    /** Declining a ring that already stopped (answered in another tab, timed out) changes nothing. */
    decline(callId: string, userId: number): CallChange {
      const call = find(callId);
      const participant = call.participants.get(userId);
      if (participant?.state !== 'ringing') return { call, ending: null };
      participant.state = 'declined';
      participant.ringingSince = null;
      return settle(call);
    },

    /** Null when there was nothing to leave: two people hanging up at once find the call already over. */
    leave(callId: string, userId: number, connectionId: number): CallChange | null {
      const call = calls.get(callId);
      if (!call) return null;
      const participant = call.participants.get(userId);
      if (participant?.state !== 'joined' || participant.connectionId !== connectionId) return null;
      participant.state = 'left';
      participant.connectionId = null;
      return settle(call);
    },

    /** Rings someone (again): a member who declined, missed or left can be asked back in. */
    invite(callId: string, byUserId: number, connectionId: number, inviteeId: number): CallChange {
      const call = find(callId);
      joinedOn(call, byUserId, connectionId);
      const state = call.participants.get(inviteeId)?.state;
      if (state === 'joined') throw new AppError('CALL_BUSY', 'They are already in the call.');
      if (state !== 'ringing') ring(call, inviteeId);
      return { call, ending: null };
    },

    setMedia(callId: string, userId: number, connectionId: number, media: CallMedia): CallChange {
      const call = find(callId);
      joinedOn(call, userId, connectionId).media = { ...media };
      return { call, ending: null };
    },

    /** The tab `to` must be in the same call as the sender's tab; the answer is the connection to deliver to. */
    route(callId: string, fromUserId: number, connectionId: number, toUserId: number): number {
      const call = find(callId);
      joinedOn(call, fromUserId, connectionId);
      const target = call.participants.get(toUserId);
      if (target?.state !== 'joined' || target.connectionId === null || toUserId === fromUserId) {
        throw new AppError('NOT_FOUND', 'That person is not in this call.');
      }
      return target.connectionId;
    },

    /** Any frame from a tab proves it is alive. */
    touch(connectionId: number): void {
      const now = clock.now();
      for (const call of calls.values()) {
        for (const p of call.participants.values()) if (p.connectionId === connectionId) p.lastSeen = now;
      }
    },

    /**
     * Someone is no longer a member of the call's conversation: out of the call at once, whether in it or still
     * being rung. Null when they had no part in it.
     */
    removeMember(callId: string, userId: number): CallChange | null {
      const call = calls.get(callId);
      const participant = call?.participants.get(userId);
      if (!call || !participant) return null;
      if (participant.state === 'joined') participant.state = 'left';
      else if (participant.state === 'ringing') participant.state = 'missed';
      else return null;
      participant.connectionId = null;
      participant.ringingSince = null;
      return settle(call);
    },

    /** A tab closed: whoever was in a call from it is out. */
    dropConnection(connectionId: number): CallChange[] {
      const changes: CallChange[] = [];
      for (const call of [...calls.values()]) {
        let changed = false;
        for (const p of call.participants.values()) {
          if (p.state === 'joined' && p.connectionId === connectionId) {
            p.state = 'left';
            p.connectionId = null;
            changed = true;
          }
        }
        if (changed) changes.push(settle(call));
      }
      return changes;
    },

    /** Rings that ran out become missed; tabs silent for too long are taken out. Run every second or so. */
    sweep(): CallChange[] {
      const now = clock.now();
      const changes: CallChange[] = [];
      for (const call of [...calls.values()]) {
        let changed = false;
        for (const p of call.participants.values()) {
          if (p.state === 'ringing' && p.ringingSince !== null && now - p.ringingSince >= options.ringMs()) {
            p.state = 'missed';
            p.ringingSince = null;
            changed = true;
          } else if (p.state === 'joined' && now - p.lastSeen >= options.deadPeerMs) {
            p.state = 'left';
            p.connectionId = null;
            changed = true;
          }
        }
        if (changed) changes.push(settle(call));
      }
      return changes;
    },

    /** At shutdown: ending the calls tells the tabs still connected. */
    endAll(): CallChange[] {
      const changes: CallChange[] = [];
      for (const call of [...calls.values()]) {
        for (const p of call.participants.values()) if (p.state === 'joined') p.state = 'left';
        changes.push(settle(call));
      }
      return changes;
    },
  };
}

export type CallBook = ReturnType<typeof createCallBook>;

export function presentCall(call: CallRecord): Call {
  return {
    id: call.id,
    conversationId: call.conversationId,
    startedBy: call.startedBy,
    startedAt: call.startedAt,
    answeredAt: call.answeredAt,
    state: call.answeredAt === null ? 'ringing' : 'active',
    participants: [...call.participants.values()].map((p) => ({ userId: p.userId, state: p.state, media: { ...p.media } })),
  };
}

/** "4m 12s", as in "Call ended · 4m 12s". */
export function formatCallDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (hours > 0) return `${hours}h ${minutes}m ${seconds}s`;
  if (minutes > 0) return `${minutes}m ${seconds}s`;
  return `${seconds}s`;
}
