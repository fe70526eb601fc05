import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync } from 'node:fs';
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The avatars folder of the data folder: `<userId>-<version>.webp`, private to the server's user. */
export interface AvatarFiles {
  /** Writes the picture under a temporary name; `keep` gives it its real name once the database agrees. */
  stage(bytes: Buffer): Promise<{ keep(userId: number, version: number): Promise<void>; discard(): Promise<void> }>;
  read(userId: number, version: number): Promise<Buffer | null>;
  remove(userId: number, version: number): Promise<void>;
  /** Every picture of this user, whatever its version (a deleted account). */
  removeAllOf(userId: number): Promise<void>;
}

export const AVATARS_FOLDER = 'avatars';

export function avatarFileName(userId: number, version: number): string {
  return `${userId}-${version}.webp`;
}

export function createAvatarFiles(dataDir: string): AvatarFiles {
  const folder = path.join(dataDir, AVATARS_FOLDER);
  // Made on the first upload, so a read-only user of the data folder (the export command) creates nothing.
  const ensureFolder = () => {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    chmodSync(folder, 0o700);
  };
  const file = (userId: number, version: number) => path.join(folder, avatarFileName(userId, version));
  const missing = (err: unknown) => (err as NodeJS.ErrnoException).code === 'ENOENT';

  return {
    async stage(bytes) {
      ensureFolder();
      const temporary = path.join(folder, `.upload-${randomBytes(8).toString('hex')}`);
      try {
        await writeFile(temporary, bytes, { mode: 0o600, flag: 'wx' });
      } catch (err) {
        // A full disk leaves the file created but short.
        await rm(temporary, { force: true }).catch(() => undefined);
        throw err;
      }
      return {
        keep: (userId, version) => rename(temporary, file(userId, version)),
        discard: () => rm(temporary, { force: true }),
      };
    },
    async read(userId, version) {
      try {
        return await readFile(file(userId, version));
      } catch (err) {
        if (missing(err)) return null;
        throw err;
      }
    },
    remove: (userId, version) => rm(file(userId, version), { force: true }),
    async removeAllOf(userId) {
      const prefix = `${userId}-`;
      const names = await readdir(folder).catch((err: unknown) => {
        if (missing(err)) return [];
        throw err;
      });
      for (const name of names) {
        if (name.startsWith(prefix) && name.endsWith('.webp')) await rm(path.join(folder, name), { force: true });
      }
    },
  };
}
