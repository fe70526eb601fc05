import { Type, type Static } from 'typebox';

/** Who pinned a message to its conversation, and when. */
export const Pin = Type.Object({ userId: Type.Integer(), at: Type.Integer() });
export type Pin = Static<typeof Pin>;
