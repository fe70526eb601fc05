// Speaks new messages from others in the open conversation through the live region ("alice: text"), at most one
// announcement every few seconds, so a busy channel is a summary rather than a stream of interruptions.
import { effect } from '@preact/signals';
import type { Message } from '../../../shared/protocol/messages.js';
import { usernameOf } from '../conversations/model.js';
import { me, openConversationId, users } from '../conversations/state.js';
import { timelines } from '../messages/state.js';
import { announcementFor } from './announcement.js';
import { announce } from './live-region.js';

const THROTTLE_MS = 3_000;
/** Older than this is history arriving (a catch-up, a page), not something being said now. */
const FRESH_MS = 60_000;
export function startMessageAnnouncer(now: () => number = Date.now): () => void {
  let watching: number | null = null;
  let newestSeen = 0;
  let waiting: Message[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastSpokenAt = 0;

  const flush = () => {
    timer = null;
    const text = announcementFor(waiting, (id) => usernameOf(users.peek(), id));
    waiting = [];
    if (text === '') return;
    lastSpokenAt = now();
    announce(text);
  };

  let baselined = false;

  const stop = effect(() => {
    const id = openConversationId.value;
    const timeline = id === null ? undefined : timelines.value.get(id);
    const messages = timeline?.messages ?? [];
    const newest = messages.reduce((max, message) => Math.max(max, message.id), 0);
    if (id !== watching) {
      watching = id;
      waiting = [];
      baselined = false;
    }
    if (!baselined) {
      // Until the conversation's first page is in, what arrives is what was there already: not news.
      newestSeen = newest;
      baselined = timeline?.appliedSeq != null;
      return;
    }
    const fresh = messages.filter(
      (message) => message.id > newestSeen && message.kind === 'user' && message.authorId !== me.peek() && message.deletedAt === null && now() - message.createdAt < FRESH_MS,
    );
    newestSeen = Math.max(newestSeen, newest);
    if (fresh.length === 0) return;
    waiting.push(...fresh);
    if (timer === null) timer = setTimeout(flush, Math.max(0, lastSpokenAt + THROTTLE_MS - now()));
  });
  return () => {
    stop();
    if (timer !== null) clearTimeout(timer);
  };
}
