// Who is typing where, with each person's line expiring 5 s after their last typing event (or at once when their
// message arrives), and the sentence shown for it. Time is passed in, so expiry is tested without waiting.

export const TYPING_VISIBLE_MS = 5_000;
/** A typing person tells the others at most this often (docs/api.md: `typing.start`). */
export const TYPING_SEND_INTERVAL_MS = 3_000;

/** conversation id → (user id → when their "is typing" ends). */
export type Typists = ReadonlyMap<number, ReadonlyMap<number, number>>;

export function withTypist(typists: Typists, conversationId: number, userId: number, now: number): Typists {
  const next = new Map(typists);
  const inConversation = new Map(typists.get(conversationId));
  inConversation.set(userId, now + TYPING_VISIBLE_MS);
  next.set(conversationId, inConversation);
  return next;
}

export function withoutTypist(typists: Typists, conversationId: number, userId: number): Typists {
  if (!typists.get(conversationId)?.has(userId)) return typists;
  const next = new Map(typists);
  const inConversation = new Map(typists.get(conversationId));
  inConversation.delete(userId);
  if (inConversation.size === 0) next.delete(conversationId);
  else next.set(conversationId, inConversation);
  return next;
}

/** Who is typing in a conversation right now, in the order they started. */
export function typistsIn(typists: Typists, conversationId: number, now: number): number[] {
  const inConversation = typists.get(conversationId);
  if (!inConversation) return [];
  return [...inConversation].filter(([, until]) => until > now).map(([userId]) => userId);
}

/** When the next line expires, so a timer can redraw then; null when nobody is typing. */
export function nextExpiry(typists: Typists, now: number): number | null {
  let soonest: number | null = null;
  for (const inConversation of typists.values()) {
    for (const until of inConversation.values()) if (until > now && (soonest === null || until < soonest)) soonest = until;
  }
  return soonest;
}

/** Drops lines that have expired, so the map does not grow all day. */
export function withoutExpired(typists: Typists, now: number): Typists {
  const next = new Map<number, ReadonlyMap<number, number>>();
  for (const [conversationId, inConversation] of typists) {
    const live = new Map([...inConversation].filter(([, until]) => until > now));
    if (live.size > 0) next.set(conversationId, live);
  }
  return next;
}

export function typingText(names: readonly string[]): string {
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return 'Several people are typing…';
}

/** Whether a keystroke now should tell the others (again). */
export function shouldAnnounceTyping(lastSentAt: number | undefined, now: number): boolean {
  return lastSentAt === undefined || now - lastSentAt >= TYPING_SEND_INTERVAL_MS;
}
