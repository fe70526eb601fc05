import { Type, type Static } from 'typebox';

/**
 * Who a message mentions, as the server read it from the text (never as the sender's client claimed): members named
 * with `@name`, and whether it said `@everyone` or `@here`. For `@here`, `userIds` also holds the members who were
 * active when it was sent.
 */
export const Mentions = Type.Object({ userIds: Type.Array(Type.Integer()), everyone: Type.Boolean(), here: Type.Boolean() });
export type Mentions = Static<typeof Mentions>;

export const NO_MENTIONS: Mentions = { userIds: [], everyone: false, here: false };
