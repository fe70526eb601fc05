import { Type, type Static } from 'typebox';

/** One emoji on a message and who reacted with it, in the order they did. */
export const Reaction = Type.Object({ emoji: Type.String(), userIds: Type.Array(Type.Integer()) });
export type Reaction = Static<typeof Reaction>;
