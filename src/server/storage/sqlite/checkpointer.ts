import { existsSync, statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { SqliteDatabase } from './database.js';

/** SQLite's own default: past this many WAL pages, the committing connection checkpoints. */
const AUTO_CHECKPOINT_PAGES = 1000;
/** The WAL size at which the checkpoint thread is started (SQLite would checkpoint at 1000 pages, 4 MB). */
const START_AT_WAL_BYTES = 1024 * 1024;

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
  const intervalMs = options.intervalMs ?? 250;
  db.pragma('wal_autocheckpoint = 0');
  let worker: Worker | null = null;
  let stopped = false;
  const fallBack = (message: string) => {
    if (db.open) db.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
    options.onError?.(message);
  };
  const startWorker = () => {
    const thread = new Worker(workerFile, { workerData: { file: db.name, intervalMs, synchronous } });
    thread.on('message', (message: { error?: string }) => {
      if (message.error) options.onError?.(`WAL checkpoint failed: ${message.error}`);
    });
    thread.on('error', (err) => fallBack(`the WAL checkpoint thread failed (${err.message}); checkpoints are back on the main thread`));
    thread.on('exit', (code) => {
      if (!stopped) fallBack(`the WAL checkpoint thread stopped (exit ${code}); checkpoints are back on the main thread`);
    });
    thread.unref();
    worker = thread;
  };
  // The thread (its own V8 heap and SQLite connection, some 17 MB) starts only once there is something to fold
  // back: a server that has written little since it started does without it. Until then the WAL holds less than
  // a quarter of what SQLite's automatic checkpoint would let it grow to.
  const walFile = `${db.name}-wal`;
  const walBytes = () => {
    try {
      return statSync(walFile).size;
    } catch {
      return 0;
    }
  };
  const watch = setInterval(() => {
    if (walBytes() < START_AT_WAL_BYTES) return;
    clearInterval(watch);
    try {
      startWorker();
    } catch (err) {
      fallBack(`the WAL checkpoint thread could not start (${(err as Error).message}); checkpoints stay on the main thread`);
    }
  }, intervalMs);
  watch.unref();
  return {
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(watch);
      const thread = worker;
      if (thread) {
        const exited = new Promise<void>((resolve) => thread.once('exit', () => resolve()));
        // Unreferenced while running, so it never holds a stopping process open; referenced again here, or the process
        // could end before the thread has closed its connection and the shutdown finished.
        thread.ref();
        thread.postMessage('stop');
        await exited;
      }
      if (db.open) db.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
    },
  };
}
