import { Type, type Static } from 'typebox';
import { Mentions } from './mentions.js';
import { Pin } from './pins.js';
import { LinkPreview } from './previews.js';
import { Reaction } from './reactions.js';
import { Attachment, MAX_ATTACHMENTS, UploadId } from './uploads.js';

/** Longest message, in characters after trimming. */
export const MESSAGE_MAX_LENGTH = 10_000;

export const ReplyPreview = Type.Object({
  id: Type.Integer(),
  authorId: Type.Union([Type.Integer(), Type.Null()]),
  /** First line of the parent, or null when the parent was deleted. */
  text: Type.Union([Type.String(), Type.Null()]),
  deleted: Type.Boolean(),
});
export type ReplyPreview = Static<typeof ReplyPreview>;

/**
 * One message. System messages have `authorId` null and `kind` 'system'. A deleted message is left out of
 * history pages; live events and `/changes` still carry it (with `text` null and `deletedAt` set) so clients
 * that show it can remove it. Replies to it show "[deleted message]".
 */
export const Message = Type.Object({
  id: Type.Integer(),
  conversationId: Type.Integer(),
  seq: Type.Integer(),
  kind: Type.Union([Type.Literal('user'), Type.Literal('system')]),
  authorId: Type.Union([Type.Integer(), Type.Null()]),
  text: Type.Union([Type.String(), Type.Null()]),
  clientId: Type.Union([Type.String(), Type.Null()]),
  replyTo: Type.Union([ReplyPreview, Type.Null()]),
  createdAt: Type.Integer(),
  editedAt: Type.Union([Type.Integer(), Type.Null()]),
  deletedAt: Type.Union([Type.Integer(), Type.Null()]),
  reactions: Type.Array(Reaction),
  mentions: Mentions,
  pinned: Type.Union([Pin, Type.Null()]),
  attachments: Type.Array(Attachment),
  previews: Type.Array(LinkPreview),
});
export type Message = Static<typeof Message>;

const ClientId = Type.String({ minLength: 8, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });

export const SendMessageRequest = Type.Object(
  {
    clientId: ClientId,
    // The limit (10,000 after trimming) is checked by the domain so any oversize text gets 413 with a clear
    // message; the 256 KiB body limit bounds what reaches it.
    text: Type.String(),
    replyToId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    /** Files uploaded first (`POST /api/conversations/:id/uploads`); with any, the text may be empty. */
    attachmentIds: Type.Optional(Type.Array(UploadId, { maxItems: MAX_ATTACHMENTS, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type SendMessageRequest = Static<typeof SendMessageRequest>;

export const EditMessageRequest = Type.Object({ text: Type.String() }, { additionalProperties: false });
export type EditMessageRequest = Static<typeof EditMessageRequest>;

export const MessageIdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const HistoryQuery = Type.Object(
  {
    /** Messages with seq below this (older page); omitted for the newest page. */
    before: Type.Optional(Type.Integer({ minimum: 1 })),
    /** A page centred on this message id (jump to a reply's parent). */
    around: Type.Optional(Type.Integer({ minimum: 1 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  },
  { additionalProperties: false },
);
export type HistoryQuery = Static<typeof HistoryQuery>;

/** `joinedAt`: messages older than a member's arrival never count as read by them, though their position passed them. */
export const ReadPositions = Type.Array(Type.Object({ userId: Type.Integer(), seq: Type.Integer(), joinedAt: Type.Integer() }));

export const HistoryPage = Type.Object({
  messages: Type.Array(Message),
  /** True when older messages exist before the first one returned. */
  hasMore: Type.Boolean(),
  /** True when newer messages exist after the last one returned (only for `around`). */
  hasNewer: Type.Boolean(),
  lastSeq: Type.Integer(),
  /** Every member's read position, for read receipts. */
  readPositions: ReadPositions,
});
export type HistoryPage = Static<typeof HistoryPage>;

export const ChangesQuery = Type.Object({ after: Type.Integer({ minimum: 0 }) }, { additionalProperties: false });

export const SendMessageResult = Type.Object({ message: Message });
