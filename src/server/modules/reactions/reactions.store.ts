import type { MessageRecord } from '../messages/messages.store.js';

/**
 * What a reaction write did. `gone`: the message does not exist or was deleted (checked inside the write, so a
 * deletion that lands first wins). `full`: the message already has the most distinct emoji allowed.
 */
export type ReactionOutcome =
  | { outcome: 'changed' | 'unchanged'; message: MessageRecord }
  | { outcome: 'full'; message: MessageRecord }
  | { outcome: 'gone' };

export interface ReactionStore {
  /**
   * Adds `userId`'s reaction, rewrites the message's reaction list and gives the message its conversation's next
   * seq, in one transaction. Adding one already there changes nothing (no new seq).
   */
  addReaction(input: { messageId: number; emoji: string; userId: number; now: number; maxDistinct: number }): Promise<ReactionOutcome>;
  /** The reverse of `addReaction`; removing one that is not there changes nothing. */
  removeReaction(input: { messageId: number; emoji: string; userId: number }): Promise<ReactionOutcome>;
}
