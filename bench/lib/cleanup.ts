import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/*
 * Everything the bench leaves behind (server processes, temporary data folders) is registered here, so a crash,
 * an error or Ctrl+C still kills the servers and removes the folders. The 'exit' handler is synchronous on
 * purpose: it is the one place Node still runs code when the process is on its way out.
 */
const children = new Set<ChildProcess>();
const folders = new Set<string>();
let installed = false;

export function trackChild(child: ChildProcess): void {
  children.add(child);
  child.once('exit', () => children.delete(child));
}

/** A fresh temporary folder, removed at the end of the run whatever happens. */
export function makeTempDir(label: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `minimost-bench-${label}-`));
  folders.add(dir);
  return dir;
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  folders.delete(dir);
}

function killEverything(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  folders.clear();
}

/** Installs the handlers once; SIGINT/SIGTERM exit with the conventional 128+n status after cleaning up. */
export function installCleanupHandlers(): void {
  if (installed) return;
  installed = true;
  process.on('exit', killEverything);
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.once(signal, () => {
      console.error(`\nbench: ${signal} received, stopping servers and removing temporary folders`);
      killEverything();
      process.exit(code);
    });
  }
}
