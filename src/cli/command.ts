import type { ParsedFlags } from '../server/config/index.js';

/** One `minimost <command>`: its help and what it does. `run` resolves with the exit code. */
export interface Command {
  name: string;
  /** Each form of the command line, e.g. `users add <name> [--expires MINUTES]`. */
  usage: string[];
  summary: string;
  /** What `minimost <command> --help` explains below the usage. */
  details: string[];
  /** The command's own options that take a value (`--expires`); every command also takes the settings flags. */
  options: readonly string[];
  run(flags: ParsedFlags, dataDir: string): Promise<number>;
}
