// Pure rules about conversations as one person sees them: their names, which sidebar section they go in, and how a
// fresh copy from the server is merged with what this tab already knows. No signals, no DOM: unit-tested in node.
import type { Conversation, UserSummary } from '../../../shared/protocol/conversations.js';

export type Users = ReadonlyMap<number, UserSummary>;

/** Shown for an author or member whose account no longer exists. */
export const UNKNOWN_USER = 'deleted user';

export function usernameOf(users: Users, id: number | null): string {
  if (id === null) return 'MiniMost';
  return users.get(id)?.username ?? UNKNOWN_USER;
}

/** Case-insensitive order for names; the same everywhere (sidebar, DM names, pickers). */
export function compareNames(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

/** The other members of a DM, by name. Empty for your own notes-to-self DM. */
export function otherMembers(conversation: Conversation, me: number, users: Users): string[] {
  return conversation.memberIds
    .filter((id) => id !== me)
    .map((id) => usernameOf(users, id))
    .sort(compareNames);
}

/** The system conversation: a DM named "MiniMost" holding notices from the server itself. */
export function isSystemConversation(conversation: Conversation): boolean {
  return conversation.kind === 'dm' && conversation.name !== null;
}

/**
 * How a conversation is called everywhere (sidebar link, message list, header): channels by their name, DMs by the
 * other people in them, your own DM "alice (you)", and the system one by its name.
 */
export function displayName(conversation: Conversation, me: number, users: Users): string {
  if (conversation.kind !== 'dm') return conversation.name ?? '';
  if (conversation.name !== null) return conversation.name;
  const others = otherMembers(conversation, me, users);
  return others.length > 0 ? others.join(', ') : `${usernameOf(users, me)} (you)`;
}

/** The composer's accessible name and placeholder: "Message #general", "Message ops", "Message @bob, @carol". */
export function composerLabel(conversation: Conversation, me: number, users: Users): string {
  switch (conversation.kind) {
    case 'public':
      return `Message #${conversation.name ?? ''}`;
    case 'private':
      return `Message ${conversation.name ?? ''}`;
    case 'dm': {
      const others = otherMembers(conversation, me, users);
      const people = others.length > 0 ? others : [usernameOf(users, me)];
      return `Message ${people.map((name) => `@${name}`).join(', ')}`;
    }
  }
}

/** Everyone is in a public channel; private channels and DMs list their members. */
export function memberCount(conversation: Conversation, users: Users): number {
  return conversation.kind === 'public' ? users.size : conversation.memberIds.length;
}

export interface Sections {
  channels: Conversation[];
  privateChannels: Conversation[];
  directMessages: Conversation[];
}

/** Public channels keep the server's (settings) order; private channels and DMs are sorted by name. */
export function sidebarSections(conversations: Iterable<Conversation>, me: number, users: Users): Sections {
  const sections: Sections = { channels: [], privateChannels: [], directMessages: [] };
  for (const conversation of conversations) {
    if (conversation.kind === 'public') sections.channels.push(conversation);
    else if (conversation.kind === 'private') sections.privateChannels.push(conversation);
    else sections.directMessages.push(conversation);
  }
  const byName = (a: Conversation, b: Conversation) => compareNames(displayName(a, me, users), displayName(b, me, users)) || a.id - b.id;
  sections.privateChannels.sort(byName);
  sections.directMessages.sort(byName);
  return sections;
}

/**
 * A copy of a conversation from the server (list, `conversation.updated`) merged with this tab's. The server's copy
 * wins, except that this tab may already have counted events newer than the copy (`lastSeq` is how far the unread
 * count is known to be right), and read positions only move forward.
 */
export function mergeConversation(local: Conversation | undefined, incoming: Conversation): Conversation {
  if (!local) return incoming;
  const readSeq = Math.max(local.readSeq, incoming.readSeq);
  if (local.lastSeq > incoming.lastSeq) {
    return { ...incoming, lastSeq: local.lastSeq, unreadCount: local.unreadCount, readSeq, lastMessageAt: local.lastMessageAt };
  }
  // Read here after the server made its copy: nothing it counted is unread any more.
  const unreadCount = readSeq >= incoming.lastSeq ? 0 : incoming.unreadCount;
  return { ...incoming, readSeq, unreadCount };
}
