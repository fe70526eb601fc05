import type { Message } from '../../../shared/protocol/messages.js';
import type { MessageRecord } from './messages.store.js';

const PREVIEW_CHARS = 200;

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > PREVIEW_CHARS ? `${line.slice(0, PREVIEW_CHARS)}…` : line;
}

/**
 * The message as a viewer may see it. A reply's parent older than the viewer's join point is shown as
 * "[earlier message]" by the client (text null, not deleted) so a late joiner learns nothing from before they came.
 */
export function presentMessage(record: MessageRecord, viewerHistoryFromSeq = 0): Message {
  const parent = record.replyTo;
  const parentHidden = parent !== null && parent.seq <= viewerHistoryFromSeq;
  return {
    id: record.id,
    conversationId: record.conversationId,
    seq: record.seq,
    kind: record.kind,
    authorId: record.authorId,
    text: record.body,
    clientId: record.clientId,
    replyTo:
      parent === null
        ? null
        : {
            id: parent.id,
            authorId: parentHidden ? null : parent.authorId,
            text: parentHidden || parent.body === null ? null : firstLine(parent.body),
            deleted: !parentHidden && parent.deletedAt !== null,
          },
    createdAt: record.createdAt,
    editedAt: record.editedAt,
    deletedAt: record.deletedAt,
    reactions: record.reactions,
    mentions: record.mentions,
    pinned: record.pinned,
    attachments: record.attachments,
    previews: record.previews,
  };
}
