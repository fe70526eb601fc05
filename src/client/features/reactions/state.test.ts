import { afterEach, describe, expect, it, vi } from 'vitest';
import { NO_MENTIONS } from '../../../shared/protocol/mentions.js';
import type { Message } from '../../../shared/protocol/messages.js';
import { pendingToggles, reactionErrors, recentEmoji, rememberEmoji, setReaction } from './state.js';

const message: Message = {
  id: 7,
  conversationId: 1,
  seq: 3,
  kind: 'user',
  authorId: 2,
  text: 'hi',
  clientId: null,
  replyTo: null,
  createdAt: 1,
  editedAt: null,
  deletedAt: null,
  reactions: [],
  mentions: NO_MENTIONS,
  pinned: null,
  attachments: [],
  previews: [],
};

/** A fetch that answers once the test says so, so the state in between can be looked at. */
function heldFetch(status: number, body: unknown) {
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  const fetch = vi.fn(async () => {
    await gate;
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetch);
  return { fetch, release };
}

afterEach(() => {
  vi.unstubAllGlobals();
  pendingToggles.value = new Map();
  reactionErrors.value = new Map();
});

describe('toggling a reaction', () => {
  it('shows the toggle while the request is out, then leaves the result to the live update', async () => {
    const { fetch, release } = heldFetch(200, { ...message, reactions: [{ emoji: '👍️', userIds: [1] }] });
    const done = setReaction(message, '👍️', true);
    expect(pendingToggles.value.get(7)).toEqual(new Map([['👍️', true]]));
    expect(fetch).toHaveBeenCalledWith('/api/messages/7/reactions/%F0%9F%91%8D%EF%B8%8F', expect.objectContaining({ method: 'PUT' }));
    release();
    await done;
    expect(pendingToggles.value.size).toBe(0);
    expect(reactionErrors.value.size).toBe(0);
  });

  it('undoes the toggle and says why when the server refuses', async () => {
    const { release } = heldFetch(409, { error: { code: 'TOO_MANY_REACTIONS', message: 'This message already has 50 different reactions.' } });
    const done = setReaction(message, '🎉', true);
    release();
    await done;
    expect(pendingToggles.value.size).toBe(0);
    expect(reactionErrors.value.get(7)).toBe('This message already has 50 different reactions.');
  });
});

describe('recent emoji', () => {
  it('puts the one just used first', () => {
    rememberEmoji('🚀');
    rememberEmoji('👍️');
    rememberEmoji('🚀');
    expect(recentEmoji.value.slice(0, 2)).toEqual(['🚀', '👍️']);
  });
});
