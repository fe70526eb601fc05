import type { Attachment } from '../../../shared/protocol/uploads.js';
import { AppError } from '../../lib/app-error.js';
import { accessConversation } from '../conversations/access.js';
import type { ConversationRecord, ConversationStore } from '../conversations/conversations.store.js';
import type { MessageStore } from '../messages/messages.store.js';
import type { ExportStore } from './export.store.js';

const PAGE = 1000;

export type ExportRecord =
  | {
      type: 'user';
      id: number;
      username: string;
      deleted: boolean;
      colour: string | null;
      avatarVersion: number | null;
      /** The uploaded picture itself (128×128 WebP, a few kilobytes), so the export stands alone. */
      avatar: { mediaType: 'image/webp'; base64: string } | null;
    }
  | { type: 'conversation'; id: number; kind: ConversationRecord['kind']; name: string | null; memberIds: number[]; createdAt: string; visibleFromSeq: number }
  | {
      type: 'message';
      id: number;
      conversationId: number;
      seq: number;
      kind: 'user' | 'system';
      authorId: number | null;
      text: string;
      replyToId: number | null;
      createdAt: string;
      editedAt: string | null;
      /** Files sent with it (`removed`: by the retention policy); `minimost export --files` copies the others. */
      attachments: Attachment[];
    };

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * What one person may read, under the same rules as the API (the one gate, `accessConversation`): public channels,
 * their private channels from the point they joined, their DMs. Or everything, for the admin. Deleted messages'
 * text is never exported (it is not in the database).
 */
export function createExportService(deps: {
  exports: ExportStore;
  conversations: ConversationStore;
  messages: MessageStore;
  /** Reads a user's stored avatar; without it, pictures are left out. */
  avatars?: { read(userId: number, version: number): Promise<Buffer | null> };
}) {
  const { exports, conversations, messages, avatars } = deps;

  async function avatarOf(userId: number, version: number | null) {
    const bytes = version === null || !avatars ? null : await avatars.read(userId, version);
    return bytes ? { mediaType: 'image/webp' as const, base64: bytes.toString('base64') } : null;
  }

  async function* conversationWithMessages(conversation: ConversationRecord, fromSeq: number): AsyncGenerator<ExportRecord> {
    const memberIds = conversation.kind === 'public' ? [] : await conversations.listMemberIds(conversation.id);
    yield { type: 'conversation', id: conversation.id, kind: conversation.kind, name: conversation.name, memberIds, createdAt: iso(conversation.createdAt), visibleFromSeq: fromSeq };
    let after = fromSeq;
    for (;;) {
      const page = await messages.listAfter(conversation.id, { afterSeq: after, minSeq: fromSeq, limit: PAGE });
      for (const m of page) {
        if (m.body === null) continue;
        yield {
          type: 'message',
          id: m.id,
          conversationId: m.conversationId,
          seq: m.seq,
          kind: m.kind,
          authorId: m.authorId,
          text: m.body,
          replyToId: m.replyTo?.id ?? null,
          createdAt: iso(m.createdAt),
          editedAt: m.editedAt === null ? null : iso(m.editedAt),
          attachments: m.attachments,
        };
      }
      if (page.length < PAGE) return;
      after = page[page.length - 1]?.seq ?? after;
    }
  }

  return {
    /** Users first (to name authors), then each conversation followed by its messages, oldest first. */
    async *exportFor(scope: { userId: number } | 'everything'): AsyncGenerator<ExportRecord> {
      for (const user of await conversations.listUsers()) yield { type: 'user', ...user, avatar: await avatarOf(user.id, user.avatarVersion) };
      if (scope === 'everything') {
        for (const conversation of await exports.listAllConversations()) yield* conversationWithMessages(conversation, 0);
        return;
      }
      for (const id of await exports.listMemberConversationIds(scope.userId)) {
        const access = await accessConversation(conversations, scope.userId, id).catch((err: unknown) => {
          if (err instanceof AppError && err.code === 'NOT_FOUND') return null;
          throw err;
        });
        if (access) yield* conversationWithMessages(access.conversation, access.membership.historyFromSeq);
      }
    },
  };
}

export type ExportService = ReturnType<typeof createExportService>;
