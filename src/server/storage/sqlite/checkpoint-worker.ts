// Runs in a worker thread (see checkpointer.ts): its own connection to the database folds the WAL back into the
// main file, so the copying and the fsync happen beside the event loop instead of inside a message's commit.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

const { file, intervalMs, synchronous } = workerData as { file: string; intervalMs: number; synchronous: string };
const db = new Database(file);
db.pragma('busy_timeout = 5000');
db.pragma(`synchronous = ${synchronous === 'NORMAL' ? 'NORMAL' : 'FULL'}`);

const timer = setInterval(() => {
  try {
    // PASSIVE never waits for readers or writers: whatever cannot be copied now is copied next time.
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (err) {
    parentPort?.postMessage({ error: (err as Error).message });
  }
}, intervalMs);

parentPort?.on('message', (message: unknown) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort?.close();
});
