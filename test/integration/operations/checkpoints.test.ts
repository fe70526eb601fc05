import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { signUpAll } from '../../support/chat-user.js';
import { WAL_SIZE_LIMIT } from '../../../src/server/storage/sqlite/database.js';
import { startCliServer } from '../../support/cli.js';

const walSize = (dataDir: string) => {
  try {
    return statSync(path.join(dataDir, 'minimost.db-wal')).size;
  } catch {
    return 0;
  }
};

describe('WAL checkpoints in the running server', () => {
  let dataDir: string | undefined;
  afterEach(() => {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    dataDir = undefined;
  });

  for (const durability of ['full', 'normal']) {
    it(`keep the WAL from growing with what is written (durability ${durability})`, async () => {
      dataDir = mkdtempSync(path.join(os.tmpdir(), 'minimost-wal-'));
      const running = await startCliServer(
        ['--data-dir', dataDir, '--http', '--host', '127.0.0.1', '--port', '0', '--no-stun', '--durability', durability],
        { MINIMOST_MESSAGE_RATE_LIMIT_PER_MINUTE: '100000' },
      );
      try {
        const [alice] = await signUpAll(running.url, 'alice');
        const general = await alice.channel('general');
        // ~12 MB of messages in bursts, each followed by a pause (the checkpoint thread runs four times a second) and
        // one small message, whose commit restarts the checkpointed WAL and cuts the file back to the limit.
        const text = 'x'.repeat(9_000);
        const afterPauses: number[] = [];
        for (let round = 0; round < 6; round++) {
          await Promise.all(Array.from({ length: 200 }, (_, i) => alice.send(general.id, `${round}-${i} ${text}`)));
          await new Promise((resolve) => setTimeout(resolve, 1_000));
          await alice.send(general.id, `pause ${round}`);
          afterPauses.push(walSize(dataDir));
        }
        // Without checkpoints the WAL would keep every page written, more than the database file itself.
        const database = statSync(path.join(dataDir, 'minimost.db')).size;
        expect(database).toBeGreaterThan(12 * 1024 * 1024);
        for (const size of afterPauses) expect(size).toBeLessThanOrEqual(WAL_SIZE_LIMIT);
        expect((await alice.history(general.id)).messages.at(-1)?.text).toBe('pause 5');
        expect((await alice.history(general.id)).messages.at(-2)?.text).toMatch(/^5-\d+ /);
      } finally {
        expect(await running.stop()).toBe(0);
      }
      // A clean stop leaves one self-contained database file.
      expect(walSize(dataDir)).toBe(0);
    }, 60_000);
  }
});
