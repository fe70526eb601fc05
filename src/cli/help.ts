import { SETTINGS, envName, flagName } from '../server/config/index.js';
import type { Command } from './command.js';

function describeDefault(value: unknown): string {
  if (Array.isArray(value)) return value.join(',');
  if (value === '') return 'none';
  return String(value);
}

function settingLines(): string[] {
  const lines = [
    'Options (each is also a key in <data-dir>/settings.json and an environment variable MINIMOST_<KEY>;',
    'flags win over the environment, which wins over settings.json):',
    `  ${'--data-dir DIR'.padEnd(38)} data folder (default ./minimost-data; env MINIMOST_DATA_DIR)`,
  ];
  for (const spec of SETTINGS) {
    const flag = spec.type.kind === 'bool' ? `--${flagName(spec.key)}, --no-${flagName(spec.key)}` : `--${flagName(spec.key)} VALUE`;
    lines.push(`  ${flag.padEnd(38)} ${spec.help} (default ${describeDefault(spec.default)}; ${envName(spec.key)})`);
  }
  return lines;
}

/** `minimost --help`: every command and every setting. */
export function helpText(commands: readonly Command[]): string {
  const forms = commands.flatMap((c) => c.usage.map((u, i) => [u, i === 0 ? c.summary : ''] as const));
  return [
    'Usage: minimost [command] [options]',
    '',
    'Commands (minimost <command> --help tells more):',
    ...forms.map(([usage, summary]) => `  ${usage.padEnd(44)} ${summary}`.trimEnd()),
    `  ${'help [command]'.padEnd(44)} show this help, or a command's`,
    '',
    ...settingLines(),
    `  ${'--help'.padEnd(38)} show this help`,
    `  ${'--version'.padEnd(38)} print the version`,
    '',
    'Exit codes: 0 done, 1 failed (or doctor found a problem), 2 wrong command line or settings.',
    '',
  ].join('\n');
}

/** `minimost <command> --help`. */
export function commandHelp(command: Command): string {
  return [
    `Usage: ${command.usage.map((u) => `minimost ${u}`).join('\n       ')}`,
    '',
    `${command.summary.charAt(0).toUpperCase()}${command.summary.slice(1)}.`,
    ...(command.details.length > 0 ? ['', ...command.details.map((line) => `  ${line}`)] : []),
    '',
    'Every command takes --data-dir DIR (default ./minimost-data; env MINIMOST_DATA_DIR), the same as the server,',
    'and the setting flags listed by minimost --help.',
    '',
  ].join('\n');
}
