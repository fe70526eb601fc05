import type { CallParticipantState } from '../../../shared/protocol/calls.js';
import type { NoticeInput } from '../conversations/conversations.store.js';
import type { MessageRecord } from '../messages/messages.store.js';

/** A call as kept in storage: enough to end it properly after a crash, nothing about tabs or media. */
export interface StoredCall {
  id: string;
  conversationId: number;
  startedBy: number;
  startedAt: number;
  answeredAt: number | null;
  /** The last moment the call was known to be going on (a change, or the sweep's heartbeat). */
  lastSeenAt: number;
  participants: { userId: number; state: CallParticipantState }[];
}

export interface CallStore {
  /** Records the call as it is now; a call already ended stays ended (a late write cannot bring it back). */
  save(call: StoredCall): Promise<void>;
  /** Marks the calls still going on as alive at `now`. */
  heartbeat(callIds: readonly string[], now: number): Promise<void>;
  /**
   * Ends the call and posts its notice in one transaction, so a crash never leaves one without the other. Null, and
   * no notice, if the call had already ended.
   */
  finish(call: StoredCall, endedAt: number, notice: NoticeInput): Promise<MessageRecord | null>;
  /** Calls not ended: at start-up, the ones the previous process did not live to end. */
  unended(): Promise<StoredCall[]>;
}
