import { Type, type Static } from 'typebox';

/**
 * A call in a DM or private channel. It lives in the server's memory only: a restart ends every call, and a
 * client learns the calls in its conversations from `call.updated` frames sent right after `hello`.
 */
export const CallParticipantState = Type.Union([
  Type.Literal('ringing'),
  Type.Literal('joined'),
  Type.Literal('left'),
  Type.Literal('declined'),
  Type.Literal('missed'),
]);
export type CallParticipantState = Static<typeof CallParticipantState>;

export const CallMedia = Type.Object(
  {
    muted: Type.Boolean(),
    camera: Type.Boolean(),
    screen: Type.Boolean(),
    /** The id of the MediaStream carrying the shared screen, so the others tell it apart from the camera. */
    screenStreamId: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type CallMedia = Static<typeof CallMedia>;

export const CallParticipant = Type.Object({
  userId: Type.Integer(),
  state: CallParticipantState,
  media: CallMedia,
});
export type CallParticipant = Static<typeof CallParticipant>;

export const Call = Type.Object({
  id: Type.String(),
  conversationId: Type.Integer(),
  startedBy: Type.Integer(),
  startedAt: Type.Integer(),
  /** When a second person joined; null while it is still only ringing. */
  answeredAt: Type.Union([Type.Integer(), Type.Null()]),
  state: Type.Union([Type.Literal('ringing'), Type.Literal('active')]),
  participants: Type.Array(CallParticipant),
});
export type Call = Static<typeof Call>;

/** A screen shared without a call: one sharer, any number of viewers who asked to watch. */
export const ScreenShare = Type.Object({
  id: Type.String(),
  conversationId: Type.Integer(),
  sharerId: Type.Integer(),
  viewerIds: Type.Array(Type.Integer()),
});
export type ScreenShare = Static<typeof ScreenShare>;

const CALL_ID = Type.String({ minLength: 1, maxLength: 64 });
const SDP_MAX = 32 * 1024;

/** An `RTCSessionDescriptionInit` as the browser produces it. */
export const SignalDescription = Type.Object(
  { type: Type.Union([Type.Literal('offer'), Type.Literal('answer')]), sdp: Type.String({ maxLength: SDP_MAX }) },
  { additionalProperties: false },
);
/** An `RTCIceCandidateInit`; `null` announces the end of candidates. */
export const SignalCandidate = Type.Union([
  Type.Object(
    {
      candidate: Type.String({ maxLength: 1024 }),
      sdpMid: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()])),
      sdpMLineIndex: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 1024 }), Type.Null()])),
      usernameFragment: Type.Optional(Type.Union([Type.String({ maxLength: 256 }), Type.Null()])),
    },
    { additionalProperties: false },
  ),
  Type.Null(),
]);

export const CallServerEvents = [
  /** To every member of the conversation, whenever the call or anyone's part in it changes. */
  Type.Object({ type: Type.Literal('call.updated'), call: Call }),
  /** To every member: the call is over (or was lost in a server restart); drop it. */
  Type.Object({ type: Type.Literal('call.ended'), conversationId: Type.Integer(), callId: Type.String() }),
  /** To every member: someone shares their screen (or the viewers changed). */
  Type.Object({ type: Type.Literal('share.updated'), share: ScreenShare }),
  Type.Object({ type: Type.Literal('share.ended'), conversationId: Type.Integer(), shareId: Type.String() }),
  /** Relayed from one participant's tab to another's, and to no one else (`callId` may name a screen share). */
  Type.Object({
    type: Type.Literal('signal'),
    callId: Type.String(),
    from: Type.Integer(),
    description: Type.Optional(SignalDescription),
    candidate: Type.Optional(SignalCandidate),
  }),
] as const;

export const CallClientCommands = [
  /** Starts a call in the conversation, or joins the one already there (two people pressing Call at once). */
  Type.Object({ type: Type.Literal('call.start'), conversationId: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('call.join'), callId: CALL_ID }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('call.decline'), callId: CALL_ID }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('call.leave'), callId: CALL_ID }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('call.invite'), callId: CALL_ID, userId: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('call.media'), callId: CALL_ID, media: CallMedia }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('share.start'), conversationId: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('share.watch'), shareId: CALL_ID }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('share.unwatch'), shareId: CALL_ID }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('share.stop'), shareId: CALL_ID }, { additionalProperties: false }),
  Type.Object(
    {
      type: Type.Literal('signal'),
      callId: CALL_ID,
      to: Type.Integer({ minimum: 1 }),
      description: Type.Optional(SignalDescription),
      candidate: Type.Optional(SignalCandidate),
    },
    { additionalProperties: false },
  ),
] as const;
