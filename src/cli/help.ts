import { SETTINGS, envName, flagName } from '../server/config/index.js';

export const COMMANDS: Record<string, string> = {
  serve: 'start MiniMost (the default when no command is given)',
  'reset-password <user> [--expires MINUTES]': 'print a one-time link that lets <user> set a new password (default 60 minutes)',
  help: 'show this help',
};

function describeDefault(value: unknown): string {
  if (Array.isArray(value)) return value.join(',');
  if (value === '') return 'none';
  return String(value);
}

export function helpText(): string {
  const lines = [
    'Usage: minimost [command] [options]',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, text]) => `  ${name.padEnd(44)} ${text}`),
    '',
    'Options (each is also a key in <data-dir>/settings.json and an environment variable MINIMOST_<KEY>;',
    'flags win over the environment, which wins over settings.json):',
    `  ${'--data-dir DIR'.padEnd(38)} data folder (default ./minimost-data; env MINIMOST_DATA_DIR)`,
  ];
  for (const spec of SETTINGS) {
    const flag = spec.type.kind === 'bool' ? `--${flagName(spec.key)}, --no-${flagName(spec.key)}` : `--${flagName(spec.key)} VALUE`;
    lines.push(`  ${flag.padEnd(38)} ${spec.help} (default ${describeDefault(spec.default)}; ${envName(spec.key)})`);
  }
  lines.push(`  ${'--help'.padEnd(38)} show this help`, `  ${'--version'.padEnd(38)} print the version`, '');
  return lines.join('\n');
}
