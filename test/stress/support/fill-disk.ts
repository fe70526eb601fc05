import { closeSync, ftruncateSync, openSync, writeSync } from 'node:fs';

/** Takes every free byte of the file system `file` is on but `leave`; returns how many it took. */
export function fillDisk(file: string, leave = 0): number {
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  let written = 0;
  try {
    for (;;) {
      try {
        written += writeSync(fd, chunk);
      } catch {
        // ENOSPC: down to the last bytes; take those too.
        try {
          written += writeSync(fd, chunk.subarray(0, 512));
          continue;
        } catch {
          break;
        }
      }
    }
    // A file system counts whole pages: what is given back is exactly what is left.
    if (leave > 0) {
      written = Math.max(0, written - leave);
      ftruncateSync(fd, written);
    }
  } finally {
    closeSync(fd);
  }
  return written;
}
