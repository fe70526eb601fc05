import type { ParsedFlags, Settings } from '../server/config/index.js';
import { localIpAddresses } from '../server/tls/local-addresses.js';
import type { Command } from './command.js';
import { openDataFolder } from './data-folder.js';
import { minutesOption, UsageError } from './usage-error.js';

/** The address people use: the configured public URL, else the first LAN address (or the bound host). */
export function baseUrl(settings: Settings): string {
  if (settings.public_url !== '') return settings.public_url.replace(/\/+$/, '');
  const wildcard = settings.host === '0.0.0.0' || settings.host === '::';
  const host = wildcard ? (localIpAddresses().ipv4.find((ip) => ip !== '127.0.0.1') ?? 'localhost') : settings.host;
  return `${settings.http ? 'http' : 'https'}://${host.includes(':') ? `[${host}]` : host}:${settings.port}`;
}

/** The link that lets someone choose a password. The token travels in the fragment, which browsers never send to a server or put in a Referer. */
export function passwordLink(settings: Settings, token: string): string {
  return `${baseUrl(settings)}/reset-password#token=${token}`;
}

export function describeMinutes(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440} day${minutes === 1440 ? '' : 's'}`;
  if (minutes % 60 === 0) return `${minutes / 60} hour${minutes === 60 ? '' : 's'}`;
  return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}

async function resetPassword(flags: ParsedFlags, dataDir: string): Promise<number> {
  const username = flags.positionals[1];
  if (!username || flags.positionals.length > 2) throw new UsageError('usage: minimost reset-password <user> [--expires MINUTES]');
  const expires = minutesOption(flags.extra, 'expires', 60, 10080);
  const folder = openDataFolder(flags, dataDir);
  try {
    const { user, token } = await folder.auth.issueResetToken(username, expires);
    process.stdout.write(
      `Password reset link for ${user.username} (single use, valid ${expires} minute${expires === 1 ? '' : 's'}):\n` +
        `${passwordLink(folder.config.settings, token)}\n`,
    );
    return 0;
  } finally {
    folder.close();
  }
}

export const resetPasswordCommand: Command = {
  name: 'reset-password',
  usage: ['reset-password <user> [--expires MINUTES]'],
  summary: 'print a one-time link that lets <user> set a new password (default 60 minutes)',
  details: [
    'The link lets them choose a new password once; it ends their sessions and lifts a lockout. Their own',
    'conversation with MiniMost tells them a reset was requested. --expires: minutes from 1 to 10080 (default 60).',
    'The link uses public_url if set, else this machine\'s address.',
  ],
  options: ['expires'],
  run: resetPassword,
};
