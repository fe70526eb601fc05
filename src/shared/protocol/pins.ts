import { Type, type Static } from 'typebox';

/** Who pinned a message to its conversation, and when. */
export const Pin = Type.Object({ userId: Type.Integer(), at: Type.Integer() });
export type Pin = Static<typeof Pin>;

/** Most messages one conversation can have pinned at once. */
export const MAX_PINS = 50;
