import { Type, type Static } from 'typebox';

/** One emoji on a message and who reacted with it, in the order they did. */
export const Reaction = Type.Object({ emoji: Type.String(), userIds: Type.Array(Type.Integer()) });
export type Reaction = Static<typeof Reaction>;

/** `PUT`/`DELETE /api/messages/:id/reactions/:emoji`: the emoji is one path segment, percent-encoded as UTF-8. */
export const ReactionParams = Type.Object({ id: Type.Integer({ minimum: 1 }), emoji: Type.String() });
export type ReactionParams = Static<typeof ReactionParams>;
