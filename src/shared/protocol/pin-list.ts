import { Type, type Static } from 'typebox';
import { Message } from './messages.js';

/** A conversation's pinned messages, most recently pinned first. */
export const PinList = Type.Object({ messages: Type.Array(Message) });
export type PinList = Static<typeof PinList>;
