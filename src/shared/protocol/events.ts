import { Type, type Static } from 'typebox';
import { CallClientCommands, CallServerEvents } from './calls.js';
import { Conversation, PresenceOverride, PresenceStatus, UserSummary } from './conversations.js';
import { Message } from './messages.js';
import { Preferences } from './preferences.js';

/**
 * Server → client frames on the WebSocket (`/api/ws`). Conversation-scoped events carry `seq`, the
 * conversation's event sequence number: a client applies an event only when `seq` is the next one it expects,
 * and on a gap (or after reconnecting) asks `GET /api/conversations/:id/changes?after=<last seq>` for what it
 * missed, so nothing is lost or shown twice.
 */
const PresenceEntry = Type.Object({ userId: Type.Integer(), status: PresenceStatus });

export const ServerEvent = Type.Union([
  Type.Object({
    type: Type.Literal('hello'),
    userId: Type.Integer(),
    /** Everyone who is not offline. */
    presence: Type.Array(PresenceEntry),
    presenceOverride: PresenceOverride,
  }),
  Type.Object({ type: Type.Literal('message.created'), conversationId: Type.Integer(), seq: Type.Integer(), message: Message }),
  Type.Object({ type: Type.Literal('message.updated'), conversationId: Type.Integer(), seq: Type.Integer(), message: Message }),
  Type.Object({ type: Type.Literal('message.deleted'), conversationId: Type.Integer(), seq: Type.Integer(), message: Message }),
  /** A conversation appeared for this user (created, added to, DM reopened) or changed (renamed, members). */
  Type.Object({ type: Type.Literal('conversation.updated'), conversation: Conversation }),
  /** This user left the conversation, or closed the DM: drop it from the sidebar. */
  Type.Object({ type: Type.Literal('conversation.removed'), conversationId: Type.Integer() }),
  Type.Object({ type: Type.Literal('read.updated'), conversationId: Type.Integer(), userId: Type.Integer(), seq: Type.Integer() }),
  Type.Object({ type: Type.Literal('typing'), conversationId: Type.Integer(), userId: Type.Integer() }),
  /**
   * Statuses that changed, gathered over a short window (a tenth of a second), so a hundred people arriving at
   * 9 o'clock cost everyone a few frames rather than a hundred.
   */
  Type.Object({ type: Type.Literal('presence'), changes: Type.Array(PresenceEntry) }),
  /** Echoed to the user's own tabs so every tab's menu shows the same choice. */
  Type.Object({ type: Type.Literal('presence.override'), override: PresenceOverride }),
  Type.Object({ type: Type.Literal('user.created'), user: UserSummary }),
  /** Someone's avatar or colour changed, or their account was deleted: the whole summary, to replace the old one. */
  Type.Object({ type: Type.Literal('user.updated'), user: UserSummary }),
  Type.Object({ type: Type.Literal('error'), code: Type.String(), message: Type.String() }),
  ...CallServerEvents,
  /** This user's preferences changed (on any device): every tab of theirs takes the whole new set. */
  Type.Object({ type: Type.Literal('preferences.updated'), preferences: Preferences }),
]);
export type ServerEvent = Static<typeof ServerEvent>;

/** Client → server frames. Anything else is answered with an `error` frame and otherwise ignored. */
export const ClientCommand = Type.Union([
  Type.Object({ type: Type.Literal('typing.start'), conversationId: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
  Type.Object(
    { type: Type.Literal('presence.set'), state: Type.Union([Type.Literal('active'), Type.Literal('idle'), Type.Literal('hidden')]) },
    { additionalProperties: false },
  ),
  Type.Object({ type: Type.Literal('ping') }, { additionalProperties: false }),
  /**
   * The conversation this tab shows (null: none). From then on the tab gets `typing` only for that conversation; a
   * tab that never says gets it for every conversation of its person.
   */
  Type.Object({ type: Type.Literal('view'), conversationId: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]) }, { additionalProperties: false }),
  ...CallClientCommands,
]);
export type ClientCommand = Static<typeof ClientCommand>;

export const ChangesPage = Type.Object({
  /** Events after the asked-for seq, oldest first, in the same shapes as the live ones. */
  events: Type.Array(
    Type.Union([
      Type.Object({ type: Type.Literal('message.created'), conversationId: Type.Integer(), seq: Type.Integer(), message: Message }),
      Type.Object({ type: Type.Literal('message.updated'), conversationId: Type.Integer(), seq: Type.Integer(), message: Message }),
      Type.Object({ type: Type.Literal('message.deleted'), conversationId: Type.Integer(), seq: Type.Integer(), message: Message }),
    ]),
  ),
  lastSeq: Type.Integer(),
  /** Too much was missed: reload the conversation's newest page instead. */
  reset: Type.Boolean(),
});
export type ChangesPage = Static<typeof ChangesPage>;
