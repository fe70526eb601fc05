import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, rm } from 'node:fs/promises';

// Private keys live here, so nobody but the server's user may list or read the folder.
const PRIVATE_DIR_MODE = 0o700;
const PRIVATE_FILE_MODE = 0o600;

export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  // mkdir leaves an existing folder's mode alone; an older install may have created it wider.
  await chmod(dir, PRIVATE_DIR_MODE);
}

/** Reads a text file, or returns undefined when it does not exist. Other errors (EACCES…) propagate. */
export async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Writes through a temp file in the same folder, flushed before the rename, so a crash leaves
 * either the old file or the whole new one — never half a key.
 */
export async function writePrivateFile(file: string, contents: string): Promise<void> {
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await open(temp, 'wx', PRIVATE_FILE_MODE);
    try {
      // The open() mode is filtered by the umask; set it exactly.
      await handle.chmod(PRIVATE_FILE_MODE);
      await handle.writeFile(contents, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

export async function tightenMode(file: string): Promise<void> {
  await chmod(file, PRIVATE_FILE_MODE);
}
