// What the From and In controls offer, as the operator values they write, and which choice a typed value means.
// Pure: unit-tested without a DOM.
import type { Conversation } from '../../../shared/protocol/conversations.js';
import { compareNames, displayName, isSystemConversation, usernameOf, type Users } from '../conversations/model.js';

export interface Choice {
  /** What goes after the colon: `bob`, `#general`, `ops`, `@bob`. */
  value: string;
  label: string;
}

export function personChoices(users: Users): Choice[] {
  return [...users.values()].map((user) => ({ value: user.username, label: user.username })).sort((a, b) => compareNames(a.label, b.label));
}

/**
 * Public channels as `#name`, private ones by name, one-to-one DMs as `@name` (your own notes as `@you`). Group DMs
 * and the system conversation are left out (`in:` cannot name them), and so is a channel whose name has a `"` in it,
 * which the query language cannot write.
 */
export function placeChoices(conversations: Iterable<Conversation>, me: number, users: Users): Choice[] {
  const channels: Choice[] = [];
  const people: Choice[] = [];
  for (const conversation of conversations) {
    const name = displayName(conversation, me, users);
    if (conversation.kind === 'public' && !name.includes('"')) channels.push({ value: `#${name}`, label: `#${name}` });
    else if (conversation.kind === 'private' && !name.includes('"')) channels.push({ value: name, label: name });
    else if (conversation.kind === 'dm' && !isSystemConversation(conversation)) {
      const others = conversation.memberIds.filter((id) => id !== me);
      if (others.length > 1) continue;
      const username = usernameOf(users, others[0] ?? me);
      people.push({ value: `@${username}`, label: others.length === 0 ? `@${username} (you)` : `@${username}` });
    }
  }
  const byLabel = (a: Choice, b: Choice) => compareNames(a.label.replace(/^[#@]/, ''), b.label.replace(/^[#@]/, ''));
  return [...channels.sort(byLabel), ...people.sort(byLabel)];
}

/** `#General`, `general` and `#general` name the same channel; `@Bob` and `@bob` the same DM. */
export function placeKey(value: string): string {
  return value.startsWith('@') ? value.toLowerCase() : `#${value.replace(/^#/, '').toLowerCase()}`;
}

/**
 * The choice a typed value means, or a new one for it so the control still shows what the query says (a name
 * the list does not have, which the server will answer about).
 */
export function choiceFor(typed: string | undefined, choices: readonly Choice[], key: (value: string) => string): Choice | null {
  if (typed === undefined) return null;
  const wanted = key(typed);
  return choices.find((choice) => key(choice.value) === wanted) ?? { value: typed, label: typed };
}
