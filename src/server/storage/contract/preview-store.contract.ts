import { describe, expect, it } from 'vitest';
import type { LinkPreview } from '../../../shared/protocol/previews.js';
import type { AuthStores } from '../../modules/auth/auth.store.js';
import type { ConversationStore } from '../../modules/conversations/conversations.store.js';
import type { MessageStore } from '../../modules/messages/messages.store.js';
import type { PreviewStore } from '../../modules/previews/previews.store.js';

export interface PreviewStores {
  auth: AuthStores;
  conversations: ConversationStore;
  messages: MessageStore;
  previews: PreviewStore;
}

const card = (title: string): LinkPreview => ({ url: `https://news.example/${title}`, title, description: null, siteName: null, imageUrl: null });

/** Behaviour every storage adapter's preview store must have. Fresh, empty stores per test. */
export function describePreviewStoreContract(name: string, make: () => Promise<{ stores: PreviewStores; dispose(): Promise<void> }>): void {
  const withMessage = (fn: (s: PreviewStores, message: { id: number; conversationId: number; body: string }) => Promise<void>) => async () => {
    const { stores: s, dispose } = await make();
    try {
      const author = (await s.auth.users.createUser({ username: 'alice', usernameKey: 'alice', passwordHash: 'h', now: 1 })).id;
      await s.conversations.syncPublicChannels(['general'], 1);
      const conversationId = (await s.conversations.listUserConversations(author))[0]?.conversation.id as number;
      const body = 'see https://news.example/a';
      const { message } = await s.messages.appendMessage({ conversationId, authorId: author, body, clientId: null, replyToId: null, now: 10 });
      await fn(s, { id: message.id, conversationId, body });
    } finally {
      await dispose();
    }
  };

  describe(`${name}: preview store contract`, () => {
    it('puts previews on a message with the next seq, once', withMessage(async (s, m) => {
      const updated = await s.previews.attachPreviews(m.id, m.body, [card('a')]);
      expect(updated?.previews).toEqual([card('a')]);
      expect(updated?.updatedSeq).toBe(2);
      expect(await s.previews.attachPreviews(m.id, m.body, [card('a')])).toBeNull();
      expect((await s.messages.listChangedSince(m.conversationId, { afterSeq: 1, minSeq: 0, limit: 10 })).map((r) => r.id)).toEqual([m.id]);
      expect((await s.previews.attachPreviews(m.id, m.body, []))?.previews).toEqual([]);
    }));

    it('leaves messages alone once edited, deleted or stripped by their author', withMessage(async (s, m) => {
      expect(await s.previews.attachPreviews(m.id, 'older text', [card('a')])).toBeNull();
      await s.previews.attachPreviews(m.id, m.body, [card('a')]);
      const removed = await s.previews.removePreviews(m.id);
      expect(removed.previews).toEqual([]);
      expect(removed.updatedSeq).toBe(3);
      expect(await s.previews.previewsRemoved(m.id)).toBe(true);
      expect(await s.previews.attachPreviews(m.id, m.body, [card('b')])).toBeNull();
      await s.messages.deleteMessage(m.id, 20);
      expect(await s.previews.attachPreviews(m.id, m.body, [card('b')])).toBeNull();
    }));

    it('caches outcomes per link until they expire, failures included', withMessage(async (s) => {
      await s.previews.rememberLink('https://news.example/a', card('a'), 100, 200);
      await s.previews.rememberLink('https://news.example/down', null, 100, 150);
      expect(await s.previews.cachedLink('https://news.example/a', 199)).toEqual({ preview: card('a') });
      expect(await s.previews.cachedLink('https://news.example/down', 120)).toEqual({ preview: null });
      expect(await s.previews.cachedLink('https://news.example/down', 150)).toBeNull();
      expect(await s.previews.cachedLink('https://news.example/never', 100)).toBeNull();
      await s.previews.rememberLink('https://news.example/a', card('a2'), 300, 400);
      expect(await s.previews.cachedLink('https://news.example/a', 301)).toEqual({ preview: card('a2') });
    }));
  });
}
