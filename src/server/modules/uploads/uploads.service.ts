import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { open, readFile, rename, rm, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Attachment, TextPreview } from '../../../shared/protocol/uploads.js';
import { AppError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import { accessConversation } from '../conversations/access.js';
import type { Actor } from '../conversations/conversations.service.js';
import type { ConversationStore } from '../conversations/conversations.store.js';
import type { MessageStore } from '../messages/messages.store.js';
import { displayName } from './file-name.js';
import { processImage } from './images.js';
import { SNIFF_BYTES, sniffContent, TEXT_PREVIEW_MAX_BYTES } from './sniff.js';
import type { UploadFolder } from './upload-folder.js';
import { createAttachmentRetention } from './uploads.retention.js';
import { toAttachment, type StoredFileRef, type UploadRecord, type UploadStore } from './uploads.store.js';

/** An upload not attached to a message within this long is removed. */
export const UNATTACHED_TTL_MS = 24 * 3_600_000;
const PREVIEW_MAX_LINES = 200;
const PREVIEW_MAX_BYTES = 64 * 1024;
const SWEEP_BATCH = 500;

/** One file part of an upload request, as the multipart parser hands it over. */
export interface IncomingFile {
  filename: string | undefined;
  stream: Readable & { truncated?: boolean };
}

async function readHead(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

const notFound = () => new AppError('NOT_FOUND', 'No such file.');

export function createUploadService(deps: {
  store: UploadStore;
  messages: Pick<MessageStore, 'getMessage'>;
  conversations: ConversationStore;
  folder: UploadFolder;
  clock: Clock;
  /** Read per upload: the max_upload_mb setting in bytes. */
  maxUploadBytes: () => number;
  onError?: (err: unknown) => void;
}) {
  const { store, folder, clock } = deps;

  async function removeFiles(refs: readonly StoredFileRef[]): Promise<void> {
    for (const ref of refs) await folder.remove(ref);
  }

  /** Streams one file to a temporary name, sniffs it, and keeps it under a fresh id. */
  async function keep(actor: Actor, conversationId: number, incoming: IncomingFile): Promise<Attachment> {
    const temp = folder.tempPath();
    try {
      await pipeline(incoming.stream, createWriteStream(temp, { flags: 'wx', mode: 0o600 }));
      if (incoming.stream.truncated) {
        const mb = Math.floor(deps.maxUploadBytes() / (1024 * 1024));
        throw new AppError('FILE_TOO_LARGE', `"${displayName(incoming.filename)}" is larger than the ${mb} MB limit for one file.`);
      }
      const size = (await stat(temp)).size;
      const sniffed = sniffContent(await readHead(temp), size);
      const id = randomBytes(16).toString('base64url');
      let upload;
      try {
        const image = sniffed.image ? await processImage(temp, sniffed.image, folder.filePath(id), folder.thumbnailPath(id)) : null;
        if (!image) await rename(temp, folder.filePath(id));
        upload = {
          id,
          uploaderId: actor.id,
          conversationId,
          name: displayName(incoming.filename),
          size: image ? (await stat(folder.filePath(id))).size : size,
          // A file that claims an image format but does not decode is only ever downloaded.
          mime: image || !sniffed.image ? sniffed.mime : 'application/octet-stream',
          kind: image ? ('image' as const) : ('file' as const),
          width: image?.width ?? null,
          height: image?.height ?? null,
          hasThumbnail: image !== null,
          textPreview: sniffed.text && size <= TEXT_PREVIEW_MAX_BYTES,
          createdAt: clock.now(),
        };
        await store.insertUpload(upload);
      } catch (err) {
        // A full disk may have let a file or thumbnail be half written: no row points at it, so it goes now.
        await folder.remove({ id, hasThumbnail: true }).catch(() => undefined);
        throw err;
      }
      return toAttachment({ ...upload, messageId: null, removed: false });
    } finally {
      // On a read-only disk even this fails; the original error is the one to answer with.
      await rm(temp, { force: true }).catch(() => undefined);
    }
  }

  /** The upload and the message it belongs to, if the actor may see them; 404 for everyone else. */
  async function readable(actor: Actor, id: string): Promise<UploadRecord> {
    const upload = await store.getUpload(id);
    if (!upload || upload.removed) throw notFound();
    if (upload.messageId === null) {
      if (upload.uploaderId !== actor.id) throw notFound();
      return upload;
    }
    const message = await deps.messages.getMessage(upload.messageId);
    if (!message || message.deletedAt !== null) throw notFound();
    const access = await accessConversation(deps.conversations, actor.id, message.conversationId).catch(() => null);
    if (!access || message.seq <= access.membership.historyFromSeq) throw notFound();
    return upload;
  }

  /**
   * The file's bytes, or 404 when it left the disk in the meantime. Read whole rather than streamed: streamed
   * answers were seen to keep their keep-alive connection open past the server's close under heavy load; files are
   * at most max_upload_mb.
   */
  async function readBytes(file: string): Promise<{ body: Buffer; size: number }> {
    try {
      const body = await readFile(file);
      return { body, size: body.length };
    } catch {
      throw notFound();
    }
  }

  let sweeps: Promise<number> = Promise.resolve(0);

  async function sweepNow(): Promise<number> {
    let removed = 0;
    for (;;) {
      const refs = await store.takeOrphans(clock.now() - UNATTACHED_TTL_MS, SWEEP_BATCH);
      await removeFiles(refs);
      removed += refs.length;
      if (refs.length < SWEEP_BATCH) return removed;
    }
  }

  return {
    maxUploadBytes: deps.maxUploadBytes,
    ...createAttachmentRetention({ store, folder }),

    /**
     * Keeps each file of one upload request, in order. The conversation is checked before any byte is stored, so a
     * non-member learns nothing and leaves nothing behind.
     */
    async upload(actor: Actor, conversationId: number, files: AsyncIterable<IncomingFile>): Promise<Attachment[]> {
      await accessConversation(deps.conversations, actor.id, conversationId);
      const kept: Attachment[] = [];
      // When a later file fails, the ones kept before it stay unattached, and the sweep removes them a day later.
      for await (const file of files) kept.push(await keep(actor, conversationId, file));
      if (kept.length === 0) throw new AppError('BAD_REQUEST', 'The upload holds no file.');
      return kept;
    },

    async openFile(actor: Actor, id: string) {
      const upload = await readable(actor, id);
      return { upload, ...(await readBytes(folder.filePath(id))) };
    },

    async openThumbnail(actor: Actor, id: string) {
      const upload = await readable(actor, id);
      if (!upload.hasThumbnail) throw notFound();
      return { upload, ...(await readBytes(folder.thumbnailPath(id))) };
    },

    /** The first lines of a text file, for the collapsible preview under the message. */
    async textPreview(actor: Actor, id: string): Promise<TextPreview> {
      const upload = await readable(actor, id);
      if (!upload.textPreview) throw notFound();
      const handle = await open(folder.filePath(id), 'r').catch(() => {
        throw notFound();
      });
      try {
        const buffer = Buffer.alloc(Math.min(PREVIEW_MAX_BYTES, upload.size));
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
        let text = new TextDecoder('utf-8', { fatal: false }).decode(buffer.subarray(0, bytesRead), { stream: true });
        const lines = text.split('\n');
        let truncated = bytesRead < upload.size;
        if (lines.length > PREVIEW_MAX_LINES) {
          text = lines.slice(0, PREVIEW_MAX_LINES).join('\n');
          truncated = true;
        } else if (truncated && lines.length > 1) {
          // Cut at the last whole line rather than mid-line.
          text = lines.slice(0, -1).join('\n');
        }
        return { text, truncated };
      } finally {
        await handle.close();
      }
    },

    /**
     * Removes the files nobody can reach any more: uploads never attached within a day, and those of deleted
     * messages. Called after each deletion and by the retention run.
     */
    sweep(): Promise<number> {
      // One after the other, and each after the deletion that asked for it: none misses what was just deleted.
      sweeps = sweeps.catch(() => 0).then(sweepNow);
      return sweeps;
    },

    /** After a deletion has committed: the files go in the background; a failure is logged, the next sweep retries. */
    sweepSoon(): void {
      this.sweep().catch((err: unknown) => deps.onError?.(err));
    },

    /** Hard account deletion: every file this person uploaded. */
    async removeAllOf(uploaderId: number): Promise<number> {
      const refs = await store.takeAllOf(uploaderId);
      await removeFiles(refs);
      return refs.length;
    },
  };
}

export type UploadService = ReturnType<typeof createUploadService>;
