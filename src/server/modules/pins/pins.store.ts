import type { MessageRecord } from '../messages/messages.store.js';

export interface PinChange {
  record: MessageRecord;
  /** False when the message already was as asked (pinned, or not pinned): nothing was written. */
  changed: boolean;
}

export interface PinStore {
  /**
   * Pins the message (who, when; a new seq for the change) unless its conversation already holds `max` pinned
   * messages, checked in the same transaction so two people pinning at once cannot pass the limit.
   */
  pinMessage(messageId: number, input: { userId: number; now: number; max: number }): Promise<PinChange | 'full'>;
  unpinMessage(messageId: number): Promise<PinChange>;
  /** Pinned messages not deleted, above `minSeq`, most recently pinned first. */
  listPinned(conversationId: number, minSeq: number): Promise<MessageRecord[]>;
}
