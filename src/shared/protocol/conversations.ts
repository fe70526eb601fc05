import { Type, type Static } from 'typebox';

export const ConversationKind = Type.Union([Type.Literal('public'), Type.Literal('private'), Type.Literal('dm')]);
export type ConversationKind = Static<typeof ConversationKind>;

export const UserSummary = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  /** A deleted account: show its messages as from "Deleted user". Absent means false. */
  deleted: Type.Optional(Type.Boolean()),
  /** The current uploaded picture (served at /api/avatars/:id/:version); null or absent: initials. */
  avatarVersion: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
  /** A palette key (src/shared/domain/palette.ts); null or absent: the colour derived from the id. */
  colour: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});
export type UserSummary = Static<typeof UserSummary>;

export const ReadPosition = Type.Object({ userId: Type.Integer(), seq: Type.Integer() });
export type ReadPosition = Static<typeof ReadPosition>;

/**
 * A conversation as one user sees it. `name` is the channel name (null for DMs, whose display name is made from
 * `memberIds`). `lastSeq` is the conversation's latest event sequence number; `readSeq` this user's read position;
 * `historyFromSeq` the point before which this user sees nothing (late joiners of private channels).
 */
export const Conversation = Type.Object({
  id: Type.Integer(),
  kind: ConversationKind,
  name: Type.Union([Type.String(), Type.Null()]),
  /** Members of private channels and DMs; empty for public channels (everyone is a member). */
  memberIds: Type.Array(Type.Integer()),
  lastSeq: Type.Integer(),
  readSeq: Type.Integer(),
  historyFromSeq: Type.Integer(),
  /** Counted up to UNREAD_COUNT_CAP; the app shows more than 99 as "99+" anyway. */
  unreadCount: Type.Integer(),
  lastMessageAt: Type.Union([Type.Integer(), Type.Null()]),
  createdAt: Type.Integer(),
});
export type Conversation = Static<typeof Conversation>;

export const ConversationList = Type.Object({
  conversations: Type.Array(Conversation),
  users: Type.Array(UserSummary),
});
export type ConversationList = Static<typeof ConversationList>;

// Length is checked after trimming by the domain, so an empty and a blank name get the same clear answer.
const ChannelName = Type.String({ maxLength: 1000 });
const Usernames = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 100 });

export const CreatePrivateChannelRequest = Type.Object(
  { name: ChannelName, members: Usernames },
  { additionalProperties: false },
);
export type CreatePrivateChannelRequest = Static<typeof CreatePrivateChannelRequest>;

export const OpenDirectMessageRequest = Type.Object(
  { members: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 50 }) },
  { additionalProperties: false },
);
export type OpenDirectMessageRequest = Static<typeof OpenDirectMessageRequest>;

export const RenameChannelRequest = Type.Object({ name: ChannelName }, { additionalProperties: false });
export const AddMemberRequest = Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });
export const MarkReadRequest = Type.Object({ seq: Type.Integer({ minimum: 0 }) }, { additionalProperties: false });

export const ConversationIdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const PresenceStatus = Type.Union([
  Type.Literal('active'),
  Type.Literal('idle'),
  Type.Literal('hidden'),
  Type.Literal('offline'),
]);
export type PresenceStatus = Static<typeof PresenceStatus>;

export const PresenceOverride = Type.Union([Type.Literal('away'), Type.Literal('offline'), Type.Null()]);
export type PresenceOverride = Static<typeof PresenceOverride>;

export const SetPresenceOverrideRequest = Type.Object({ override: PresenceOverride }, { additionalProperties: false });

/** Longest channel name after trimming. */
export const CHANNEL_NAME_MAX = 80;

/** Unread counts stop here. */
export const UNREAD_COUNT_CAP = 1_000;
