import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { SqliteDatabase } from './database.js';

/** SQLite's own default: past this many WAL pages, the committing connection checkpoints. */
const AUTO_CHECKPOINT_PAGES = 1000;

export interface Checkpointer {
  stop(): Promise<void>;
}

/**
 * Takes WAL checkpoints off the server's event loop. SQLite's automatic checkpoint runs inside whichever commit
 * crosses the threshold, and with synchronous=FULL that commit then also waits for the database file's fsync: a
 * stall of hundreds of milliseconds for everyone, every few thousand messages. A worker thread with its own
 * connection checkpoints every `intervalMs` (a quarter second) instead. Should the worker fail, the connection goes back to automatic
 * checkpoints, so the WAL never grows without bound.
 */
export function startCheckpointer(
  db: SqliteDatabase,
  options: { intervalMs?: number; onError?: (message: string) => void } = {},
): Checkpointer | null {
  const workerFile = new URL('./checkpoint-worker.js', import.meta.url);
  // Only the built server has the compiled worker (tests run the TypeScript sources in-process).
  if (db.memory || !existsSync(workerFile)) return null;
  const synchronous = db.pragma('synchronous', { simple: true }) === 1 ? 'NORMAL' : 'FULL';
  const worker = new Worker(workerFile, { workerData: { file: db.name, intervalMs: options.intervalMs ?? 250, synchronous } });
  db.pragma('wal_autocheckpoint = 0');
  let stopped = false;
  const fallBack = (message: string) => {
    if (db.open) db.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
    options.onError?.(message);
  };
  worker.on('message', (message: { error?: string }) => {
    if (message.error) options.onError?.(`WAL checkpoint failed: ${message.error}`);
  });
  worker.on('error', (err) => fallBack(`the WAL checkpoint thread failed (${err.message}); checkpoints are back on the main thread`));
  worker.on('exit', (code) => {
    if (!stopped) fallBack(`the WAL checkpoint thread stopped (exit ${code}); checkpoints are back on the main thread`);
  });
  worker.unref();
  return {
    async stop() {
      if (stopped) return;
      stopped = true;
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      // Unreferenced while running, so it never holds a stopping process open; referenced again here, or the process
      // could end before the thread has closed its connection and the shutdown finished.
      worker.ref();
      worker.postMessage('stop');
      await exited;
      if (db.open) db.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
    },
  };
}
