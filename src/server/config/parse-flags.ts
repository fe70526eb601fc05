import { ConfigError } from './config-error.js';
import { SETTINGS, flagName } from './settings-table.js';

export interface ParsedFlags {
  /** Setting values given on the command line, as text, keyed by settings.json key. */
  settings: Map<string, string>;
  dataDir?: string;
  help: boolean;
  version: boolean;
  positionals: string[];
  /** Options a subcommand declared for itself (e.g. `--expires`). */
  extra: Map<string, string>;
}

/**
 * A small parser rather than `util.parseArgs`: Node 20's parseArgs has no `--no-x` negation, and every boolean
 * setting needs one (`--no-stun`).
 */
export function parseFlags(argv: readonly string[], extraOptions: readonly string[] = []): ParsedFlags {
  const byFlag = new Map(SETTINGS.map((s) => [flagName(s.key), s]));
  const out: ParsedFlags = { settings: new Map(), help: false, version: false, positionals: [], extra: new Map() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--') || arg === '--') {
      if (arg === '-h') out.help = true;
      else if (arg !== '--') out.positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const inline = eq === -1 ? undefined : arg.slice(eq + 1);
    const takeValue = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new ConfigError(`option --${name} needs a value`);
      i++;
      return next;
    };
    if (name === 'help') out.help = true;
    else if (name === 'version') out.version = true;
    else if (name === 'data-dir') out.dataDir = takeValue();
    else if (extraOptions.includes(name)) out.extra.set(name, takeValue());
    else {
      const negated = name.startsWith('no-') ? byFlag.get(name.slice(3)) : undefined;
      const spec = byFlag.get(name);
      if (negated && negated.type.kind === 'bool' && inline === undefined) out.settings.set(negated.key, 'false');
      else if (spec?.type.kind === 'bool' && inline === undefined) out.settings.set(spec.key, 'true');
      else if (spec) out.settings.set(spec.key, takeValue());
      else throw new ConfigError(`unknown option --${name} (see minimost --help)`);
    }
  }
  return out;
}
