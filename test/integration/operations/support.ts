import { runCli, type CliResult } from '../../support/cli.js';

/** `minimost <args> --data-dir <dir>`, as an admin types it on the server's machine. */
export function admin(dataDir: string, ...args: string[]): Promise<CliResult> {
  return runCli([...args, '--data-dir', dataDir]);
}

/** Fails with the command's output when it did not exit with `code`. */
export function expectExit(result: CliResult, code: number): CliResult {
  if (result.code !== code) throw new Error(`expected exit ${code}, got ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
  return result;
}

/** Resolves with `promise`, or fails after `ms` naming what did not happen. */
export function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
