import type { UploadFolder } from './upload-folder.js';
import type { KeptFile, UploadStore } from './uploads.store.js';

const BATCH = 200;

export interface AttachmentRemoval {
  files: number;
  bytes: number;
  byUser: { userId: number; files: number; bytes: number }[];
}

function tally(removed: readonly KeptFile[], into: Map<number, { files: number; bytes: number }>): number {
  let bytes = 0;
  for (const file of removed) {
    const entry = into.get(file.uploaderId) ?? { files: 0, bytes: 0 };
    entry.files++;
    entry.bytes += file.size;
    into.set(file.uploaderId, entry);
    bytes += file.size;
  }
  return bytes;
}

function summary(byUser: Map<number, { files: number; bytes: number }>): AttachmentRemoval {
  const users = [...byUser].map(([userId, t]) => ({ userId, ...t })).sort((a, b) => b.bytes - a.bytes);
  return { files: users.reduce((n, u) => n + u.files, 0), bytes: users.reduce((n, u) => n + u.bytes, 0), byUser: users };
}

/**
 * Retention of files sent with messages: by age (`attachment_retention_days`) and by total size (`max_uploads_mb`).
 * A removed file leaves its message a placeholder ("File removed by retention policy"); its bytes leave the disk
 * after the commit. Over the cap, the heaviest uploader's oldest files go first, down to the next-heaviest one's
 * level, then both in turn — so one person's flood of videos cannot erase everyone else's files.
 */
export function createAttachmentRetention(deps: { store: UploadStore; folder: UploadFolder }) {
  const { store, folder } = deps;

  async function remove(ids: readonly string[], byUser: Map<number, { files: number; bytes: number }>): Promise<number> {
    const removed = await store.markRemoved(ids);
    for (const file of removed) await folder.remove(file);
    return tally(removed, byUser);
  }

  return {
    async expireBefore(cutoff: number): Promise<AttachmentRemoval> {
      const byUser = new Map<number, { files: number; bytes: number }>();
      for (;;) {
        const page = await store.listAttachedBefore(cutoff, BATCH);
        if (page.length > 0) await remove(page.map((f) => f.id), byUser);
        if (page.length < BATCH) return summary(byUser);
      }
    },

    async capTo(limitBytes: number): Promise<{ beforeBytes: number; afterBytes: number; removal: AttachmentRemoval }> {
      const byUser = new Map<number, { files: number; bytes: number }>();
      const stored = new Map((await store.keptBytesByUploader()).map((u) => [u.uploaderId, u.bytes]));
      const beforeBytes = [...stored.values()].reduce((a, b) => a + b, 0);
      let total = beforeBytes;
      const cursors = new Map<number, KeptFile>();
      while (total > limitBytes && stored.size > 0) {
        const ranked = [...stored].sort((a, b) => b[1] - a[1]);
        const [uploader, bytes] = ranked[0] as [number, number];
        const floor = ranked[1]?.[1] ?? 0;
        const page = await store.listOldestOf(uploader, cursors.get(uploader) ?? null, BATCH);
        if (page.length === 0) {
          stored.delete(uploader);
          continue;
        }
        const ids: string[] = [];
        let taking = 0;
        for (const file of page) {
          ids.push(file.id);
          taking += file.size;
          cursors.set(uploader, file);
          // Stop once under the cap, or once this person is no longer the heaviest: the turn passes.
          if (total - taking <= limitBytes || bytes - taking < floor) break;
        }
        const freed = await remove(ids, byUser);
        stored.set(uploader, bytes - taking);
        total -= freed;
      }
      return { beforeBytes, afterBytes: total, removal: summary(byUser) };
    },
  };
}

export type AttachmentRetention = ReturnType<typeof createAttachmentRetention>;
