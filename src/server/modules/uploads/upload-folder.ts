import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { StoredFileRef } from './uploads.store.js';

export const UPLOADS_FOLDER = 'uploads';

/**
 * `<data dir>/uploads/`: one file per upload named by its server-generated id, `<id>.thumb` beside images, and
 * `tmp/` for uploads still arriving. Nothing a client sends ever becomes part of a path. Private to the account
 * that runs MiniMost, like the data folder (folders 0700, files 0600).
 */
export function openUploadFolder(dataDir: string) {
  const dir = path.join(dataDir, UPLOADS_FOLDER);
  const tmp = path.join(dir, 'tmp');
  for (const folder of [dir, tmp]) {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    if ((statSync(folder).mode & 0o077) !== 0) chmodSync(folder, 0o700);
  }
  const filePath = (id: string) => path.join(dir, id);
  const thumbnailPath = (id: string) => path.join(dir, `${id}.thumb`);
  return {
    dir,
    filePath,
    thumbnailPath,
    tempPath: () => path.join(tmp, randomBytes(12).toString('hex')),
    /** At the server's start: uploads that were arriving when it stopped will never finish. (Not for admin commands,
     * which run beside a live server.) */
    clearUnfinished(): void {
      for (const name of readdirSync(tmp)) rmSync(path.join(tmp, name), { force: true, recursive: true });
    },
    async remove(ref: StoredFileRef): Promise<void> {
      await rm(filePath(ref.id), { force: true });
      if (ref.hasThumbnail) await rm(thumbnailPath(ref.id), { force: true });
    },
  };
}

export type UploadFolder = ReturnType<typeof openUploadFolder>;
