// What an administrator does on the server machine, through the real CLI against the test server's data folder.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** `minimost reset-password <user>`: returns the path + fragment of the link it prints, to open on the test server. */
export async function issueResetLink(username: string): Promise<string> {
  const dataDir = process.env.MINIMOST_E2E_DATA_DIR;
  if (!dataDir) throw new Error('MINIMOST_E2E_DATA_DIR is not set (playwright.config.ts sets it)');
  const { stdout } = await run('node', ['bin/minimost.js', 'reset-password', username, '--data-dir', dataDir]);
  const link = /https?:\/\/\S+/.exec(stdout)?.[0];
  if (!link) throw new Error(`reset-password printed no link:\n${stdout}`);
  const { pathname, hash } = new URL(link);
  return `${pathname}${hash}`;
}
