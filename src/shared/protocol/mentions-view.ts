import { Type, type Static } from 'typebox';
import { Message } from './messages.js';

export const MentionsQuery = Type.Object(
  {
    /** Mentions in messages older than this message id (the next page); omitted for the newest. */
    before: Type.Optional(Type.Integer({ minimum: 1 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);
export type MentionsQuery = Static<typeof MentionsQuery>;

/**
 * The reader's unread mentions across every conversation they can see, newest first: messages that name them (or
 * say `@everyone`, or `@here` while they were active) above their read position, not deleted.
 */
export const MentionsPage = Type.Object({
  messages: Type.Array(Message),
  /** Pass as `before` for the next page; null on the last one. */
  nextBefore: Type.Union([Type.Integer(), Type.Null()]),
  /** How many unread mentions there are in all. */
  total: Type.Integer(),
});
export type MentionsPage = Static<typeof MentionsPage>;
