import type { ParsedFlags } from '../server/config/index.js';
import type { AccountSummary } from '../server/modules/accounts/accounts.store.js';
import type { Command } from './command.js';
import { openDataFolder } from './data-folder.js';
import { describeMinutes, passwordLink } from './reset-password.js';
import { minutesOption, UsageError } from './usage-error.js';

const USAGE = 'usage: minimost users list | users add <name> [--expires MINUTES] | users deactivate <name> | users reactivate <name>';
/** A new person may not read their mail at once: three days by default, a week at most. */
const ADD_LINK_MINUTES = 3 * 1440;

const when = (ms: number | null) => (ms === null ? 'never' : new Date(ms).toISOString().slice(0, 16).replace('T', ' '));

function status(account: AccountSummary): string {
  if (account.deletedAt !== null) return 'deleted';
  return account.deactivatedAt !== null ? 'deactivated' : 'active';
}

export function formatAccounts(accounts: readonly AccountSummary[]): string {
  if (accounts.length === 0) return 'No users yet.\n';
  const rows = [
    ['ID', 'USERNAME', 'STATUS', 'MESSAGES', 'CREATED (UTC)', 'LAST SEEN (UTC)'],
    ...accounts.map((a) => [String(a.id), a.username, status(a), String(a.messages), when(a.createdAt), when(a.lastSeenAt)]),
  ];
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n') + '\n';
}

async function users(flags: ParsedFlags, dataDir: string): Promise<number> {
  const [, action, name, ...rest] = flags.positionals;
  const needsName = action === 'add' || action === 'deactivate' || action === 'reactivate';
  if (!action || (needsName ? !name || rest.length > 0 : action !== 'list' || name !== undefined)) throw new UsageError(USAGE);
  if (flags.extra.has('expires') && action !== 'add') throw new UsageError('--expires goes with "users add"');
  const expires = minutesOption(flags.extra, 'expires', ADD_LINK_MINUTES, 10080);
  const folder = openDataFolder(flags, dataDir);
  const out = (text: string) => process.stdout.write(`${text}\n`);
  try {
    const { accounts } = folder;
    switch (action) {
      case 'list':
        process.stdout.write(formatAccounts(await accounts.listAccounts()));
        break;
      case 'add': {
        const { user, token } = await accounts.addUser(name as string, expires);
        out(`Created ${user.username}. Give them this one-time link to choose their password (valid ${describeMinutes(expires)}):`);
        out(passwordLink(folder.config.settings, token));
        break;
      }
      case 'deactivate': {
        const { user, changed, sessionsEnded } = await accounts.deactivate(name as string);
        if (!changed) out(`${user.username} was already deactivated.`);
        else out(`Deactivated ${user.username}: ${sessionsEnded} session${sessionsEnded === 1 ? '' : 's'} ended; their messages stay. A running MiniMost closes their open tabs within seconds.`);
        break;
      }
      case 'reactivate': {
        const { user, changed } = await accounts.reactivate(name as string);
        out(changed ? `Reactivated ${user.username}: they can log in again.` : `${user.username} is not deactivated.`);
        break;
      }
      default:
        throw new UsageError(USAGE);
    }
    return 0;
  } finally {
    folder.close();
  }
}

export const usersCommand: Command = {
  name: 'users',
  usage: ['users list', 'users add <name> [--expires MINUTES]', 'users deactivate <name>', 'users reactivate <name>'],
  summary: 'list, add, deactivate or reactivate accounts',
  details: [
    'list        every account with its status (active, deactivated, deleted), messages and last use',
    'add         creates an account and prints a one-time link with which the person chooses their password',
    '            (for closed sign-ups); --expires: minutes the link stays valid, 1 to 10080 (default 3 days)',
    'deactivate  the person cannot log in any more; their sessions end (a running server closes their open tabs',
    '            within seconds) and their messages stay',
    'reactivate  lets a deactivated person log in again',
    'Safe while MiniMost runs; pass the same --data-dir as the server.',
  ],
  options: ['expires'],
  run: users,
};
